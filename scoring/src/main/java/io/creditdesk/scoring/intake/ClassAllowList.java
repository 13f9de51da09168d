package io.creditdesk.scoring.intake;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import org.tribuo.classification.protos.TribuoClassificationCore;
import org.tribuo.classification.sgd.protos.TribuoClassificationSgd;
import org.tribuo.common.sgd.protos.TribuoSgd;
import org.tribuo.common.xgboost.protos.TribuoXgboost;
import org.tribuo.math.protos.TribuoMath;
import org.tribuo.math.protos.TribuoMathImpl;
import org.tribuo.protos.core.TribuoCore;
import org.tribuo.protos.core.TribuoCoreImpl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java classes a model file may make Tribuo instantiate, and the walk that finds
 * every one a file names <b>before</b> anything is deserialized. Tribuo's protobuf format
 * names a class in every {@code class_name} field (models, feature and output domains,
 * tensors, transformers, converters) and OLCUT's provenance in every
 * {@code provenance_class_name}; nested content is packed in {@code Any} messages, which
 * the walk opens with the descriptors of the model types this service accepts. A type it
 * cannot open is not one of them.
 * <p>
 * The list holds exactly what {@code scoring-cli train} writes (standardized logistic
 * regression and XGBoost, with their provenance) and OLCUT's value-only provenance types.
 */
final class ClassAllowList {

	static final Set<String> MODEL_CLASSES = Set.of("org.tribuo.transform.TransformedModel",
			"org.tribuo.classification.sgd.linear.LinearSGDModel", "org.tribuo.common.xgboost.XGBoostModel");

	static final Set<String> ALLOWED = Set.of(
			// models
			"org.tribuo.transform.TransformedModel", "org.tribuo.classification.sgd.linear.LinearSGDModel",
			"org.tribuo.common.xgboost.XGBoostModel",
			// what they are made of
			"org.tribuo.ImmutableFeatureMap", "org.tribuo.CategoricalIDInfo", "org.tribuo.RealIDInfo",
			"org.tribuo.classification.ImmutableLabelInfo", "org.tribuo.math.LinearParameters",
			"org.tribuo.math.la.DenseMatrix", "org.tribuo.math.la.DenseVector", "org.tribuo.math.util.ExpNormalizer",
			"org.tribuo.transform.transformations.MeanStdDevTransformation$MeanStdDevTransformer",
			"org.tribuo.classification.xgboost.XGBoostClassificationConverter",
			// provenance
			"org.tribuo.provenance.ModelProvenance", "org.tribuo.provenance.DatasetProvenance",
			"org.tribuo.provenance.SimpleDataSourceProvenance", "org.tribuo.provenance.impl.TrainerProvenanceImpl",
			"org.tribuo.classification.LabelFactory$LabelFactoryProvenance",
			"org.tribuo.transform.TransformerMap$TransformerMapProvenance",
			"org.tribuo.transform.transformations.MeanStdDevTransformation$MeanStdDevTransformationProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl",
			"com.oracle.labs.mlrg.olcut.provenance.ListProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.MapProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.ByteProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.CharProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.DateProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.FloatProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.ShortProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance",
			"com.oracle.labs.mlrg.olcut.provenance.primitives.TimeProvenance");

	/**
	 * Output types that are not classification: a model predicting them is no credit
	 * model.
	 */
	static final List<String> OTHER_OUTPUTS = List.of("org.tribuo.regression.", "org.tribuo.clustering.",
			"org.tribuo.anomaly.", "org.tribuo.multilabel.", "tribuo.regression.", "tribuo.clustering.",
			"tribuo.anomaly.", "tribuo.multilabel.");

	private static final Set<String> CLASS_FIELDS = Set.of("class_name", "provenance_class_name");

	private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
		.add(TribuoCore.getDescriptor().getMessageTypes())
		.add(TribuoCoreImpl.getDescriptor().getMessageTypes())
		.add(TribuoMath.getDescriptor().getMessageTypes())
		.add(TribuoMathImpl.getDescriptor().getMessageTypes())
		.add(TribuoClassificationCore.getDescriptor().getMessageTypes())
		.add(TribuoClassificationSgd.getDescriptor().getMessageTypes())
		.add(TribuoSgd.getDescriptor().getMessageTypes())
		.add(TribuoXgboost.getDescriptor().getMessageTypes())
		.build();

	private static final String ANY = Any.getDescriptor().getFullName();

	/** What a file names. */
	record Names(Set<String> classes, Set<String> unknownTypes) {
	}

	private ClassAllowList() {
	}

	/**
	 * Every class name a message names, and the packed types the walk could not open.
	 * @throws InvalidProtocolBufferException when packed content is not readable
	 */
	static Names names(Message root) throws InvalidProtocolBufferException {
		Set<String> classes = new LinkedHashSet<>();
		Set<String> unknown = new LinkedHashSet<>();
		List<Message> todo = new ArrayList<>();
		todo.add(root);
		while (!todo.isEmpty()) {
			Message m = todo.remove(todo.size() - 1);
			Descriptor type = m.getDescriptorForType();
			if (type.getFullName().equals(ANY)) {
				String url = (String) m.getField(type.findFieldByName("type_url"));
				Descriptor packed = TYPES.getDescriptorForTypeUrl(url);
				if (packed == null) {
					unknown.add(url.substring(url.lastIndexOf('/') + 1));
				}
				else {
					todo.add(DynamicMessage.parseFrom(packed, (ByteString) m.getField(type.findFieldByName("value"))));
				}
				continue;
			}
			for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
				FieldDescriptor f = e.getKey();
				List<?> values = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
				for (Object v : values) {
					if (v instanceof Message nested) {
						todo.add(nested);
					}
					else if (v instanceof String s && CLASS_FIELDS.contains(f.getName())) {
						classes.add(s);
					}
				}
			}
		}
		return new Names(classes, unknown);
	}

	static boolean otherOutput(String name) {
		return OTHER_OUTPUTS.stream().anyMatch(name::startsWith);
	}

}
