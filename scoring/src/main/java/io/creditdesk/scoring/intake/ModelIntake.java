package io.creditdesk.scoring.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.report.ModelCard;
import io.creditdesk.scoring.training.ModelTrainer;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.protos.core.ModelProto;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings a model in from bytes, as a registry receives it, and accepts it only when it is
 * safe to load and fit to serve: a Tribuo protobuf model whose every named class is on
 * the allow-list (checked <b>before</b> anything is deserialized, since deserializing
 * instantiates the classes a file names), a classifier of exactly the labels 0 and 1 with
 * probabilities, trained with this service's feature-definition version and only its
 * features, whose explanations add up to its predictions; and, when a model card comes
 * with it, a card that describes this file. Every refusal is an
 * {@link IntakeResult.Refused} with a stable {@link RefusalCode} and a sentence; nothing
 * here throws for bad input.
 */
public final class ModelIntake {

	/** 64 MiB: an 800-tree XGBoost model is about 1 MB. */
	public static final long DEFAULT_MAX_BYTES = 64L << 20;

	private static final ObjectMapper JSON = new ObjectMapper();

	private ModelIntake() {
	}

	/** Checks a model file alone, with the default size limit. */
	public static IntakeResult check(byte[] model) {
		return check(model, null, null, DEFAULT_MAX_BYTES);
	}

	/**
	 * Checks a model file and the model card that came with it.
	 * @param model the model file's bytes
	 * @param card the model card JSON ({@code .card.json}), or null
	 * @param expectedSha256 the SHA-256 (hex) the sender computed, or null
	 * @param maxBytes the largest model file accepted
	 */
	public static IntakeResult check(byte[] model, byte[] card, String expectedSha256, long maxBytes) {
		if (model == null || model.length == 0) {
			return refused(RefusalCode.EMPTY_FILE, "the model file is empty", "");
		}
		String sha = sha256(model);
		if (model.length > maxBytes) {
			return refused(RefusalCode.TOO_LARGE,
					"the model file has " + model.length + " bytes; at most " + maxBytes + " are accepted", sha);
		}
		if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
			return refused(RefusalCode.CHECKSUM_MISMATCH, "the model file's SHA-256 is " + sha + ", not the "
					+ expectedSha256 + " it was sent with: it was changed or damaged on the way", sha);
		}
		ModelProto proto;
		ClassAllowList.Names names;
		try {
			proto = ModelProto.parseFrom(model);
			if (proto.getClassName().isEmpty()) {
				return refused(RefusalCode.NOT_A_TRIBUO_MODEL, "the file is not a Tribuo model: it names no model "
						+ "class (expected the file scoring-cli train writes)", sha);
			}
			names = ClassAllowList.names(proto);
		}
		catch (InvalidProtocolBufferException e) {
			return unreadable(e, sha);
		}
		IntakeResult.Refused notAllowed = allowList(proto, names, sha);
		if (notAllowed != null) {
			return notAllowed;
		}
		Model<?> raw;
		try {
			raw = Model.deserialize(proto);
		}
		catch (RuntimeException e) {
			return refused(RefusalCode.NOT_A_TRIBUO_MODEL, "the model file could not be read ("
					+ e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", sha);
		}
		return accept(raw, model.length, sha, card);
	}

	private static IntakeResult.Refused unreadable(InvalidProtocolBufferException e, String sha) {
		String m = String.valueOf(e.getMessage());
		if (m.contains("truncated") || m.contains("ended unexpectedly")) {
			return refused(RefusalCode.TRUNCATED,
					"the model file ends too early: it was not uploaded or copied " + "completely", sha);
		}
		return refused(RefusalCode.NOT_A_TRIBUO_MODEL,
				"the file is not a Tribuo model file (expected the protobuf " + "file scoring-cli train writes)", sha);
	}

	private static IntakeResult.Refused allowList(ModelProto proto, ClassAllowList.Names names, String sha) {
		List<String> otherOutputs = new ArrayList<>();
		names.classes().stream().filter(ClassAllowList::otherOutput).forEach(otherOutputs::add);
		names.unknownTypes().stream().filter(ClassAllowList::otherOutput).forEach(otherOutputs::add);
		if (!otherOutputs.isEmpty()) {
			return refused(RefusalCode.NOT_BINARY_CLASSIFIER, "the model does not classify: it predicts "
					+ kind(otherOutputs.get(0)) + " (" + otherOutputs.get(0) + "), not the probability of default",
					sha);
		}
		if (!ClassAllowList.MODEL_CLASSES.contains(proto.getClassName())) {
			return refused(RefusalCode.CLASS_NOT_ALLOWED, "models of class " + proto.getClassName()
					+ " are not accepted; accepted are " + new TreeSet<>(ClassAllowList.MODEL_CLASSES), sha);
		}
		Set<String> disallowed = new TreeSet<>();
		for (String c : names.classes()) {
			if (!ClassAllowList.ALLOWED.contains(c)) {
				disallowed.add(c);
			}
		}
		if (!disallowed.isEmpty()) {
			return refused(RefusalCode.CLASS_NOT_ALLOWED, "the model file names classes that are not on the "
					+ "allow-list, so it was not loaded: " + disallowed, sha);
		}
		if (!names.unknownTypes().isEmpty()) {
			return refused(RefusalCode.CLASS_NOT_ALLOWED, "the model file contains content of types that are not "
					+ "accepted, so it was not loaded: " + names.unknownTypes(), sha);
		}
		return null;
	}

	private static String kind(String type) {
		return type.contains("regression") ? "numbers (a regression model)" : type.contains("clustering") ? "clusters"
				: type.contains("anomaly") ? "anomalies" : "several labels at once";
	}

	@SuppressWarnings("unchecked")
	private static IntakeResult accept(Model<?> raw, long size, String sha, byte[] cardBytes) {
		if (!raw.validate(Label.class)) {
			return refused(RefusalCode.NOT_BINARY_CLASSIFIER, "the model does not classify into labels", sha);
		}
		Model<Label> m = (Model<Label>) raw;
		Set<String> labels = new TreeSet<>();
		m.getOutputIDInfo().getDomain().forEach(l -> labels.add(l.getLabel()));
		if (!labels.equals(Set.of(ScoringModel.OK.getLabel(), ScoringModel.DEFAULT.getLabel()))) {
			return refused(RefusalCode.NOT_BINARY_CLASSIFIER, "the model predicts the labels " + labels
					+ "; a credit model predicts exactly 0 (kept paying) and 1 (defaulted)", sha);
		}
		if (!m.generatesProbabilities()) {
			return refused(RefusalCode.NO_PROBABILITIES,
					"the model gives no probabilities, so it cannot give a " + "probability of default", sha);
		}
		Provenance definition = m.getProvenance().getInstanceProvenance().getMap().get(ModelTrainer.FEATURE_DEFINITION);
		if (definition == null) {
			return refused(RefusalCode.FEATURE_DEFINITION_MISSING, "the model does not record the feature definition "
					+ "it was trained with; train it with scoring-cli train", sha);
		}
		String version = text(definition);
		if (!version.equals(PaymentHistoryFeatures.VERSION)) {
			return refused(RefusalCode.FEATURE_DEFINITION_MISMATCH, "the model was trained with features " + version
					+ ", this service computes " + PaymentHistoryFeatures.VERSION, sha);
		}
		Set<String> known = new HashSet<>(PaymentHistoryFeatures.featureNames());
		List<String> features = new ArrayList<>();
		Set<String> unknown = new TreeSet<>();
		m.getFeatureIDMap().forEach(f -> {
			features.add(f.getName());
			if (!known.contains(f.getName())) {
				unknown.add(f.getName());
			}
		});
		if (!unknown.isEmpty()) {
			return refused(RefusalCode.UNKNOWN_FEATURE,
					"the model uses " + (unknown.size() == 1 ? "a feature" : "features") + " that "
							+ PaymentHistoryFeatures.VERSION + " does not produce: " + unknown,
					sha);
		}
		ScoringModel model;
		try {
			model = new ScoringModel(m);
		}
		catch (IllegalStateException | IllegalArgumentException e) {
			return refused(RefusalCode.INCONSISTENT_MODEL, "the model cannot be served: " + e.getMessage(), sha);
		}
		Map<String, Object> card = Map.of();
		ModelBaseline baseline = null;
		if (cardBytes != null) {
			try {
				card = JSON.readValue(cardBytes, new TypeReference<Map<String, Object>>() {
				});
				if (card.containsKey(ModelCard.BASELINE)) {
					baseline = JSON.convertValue(card.get(ModelCard.BASELINE), ModelBaseline.class);
				}
			}
			catch (IOException | IllegalArgumentException e) {
				String why = e instanceof JsonProcessingException j ? j.getOriginalMessage()
						: e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
				return refused(RefusalCode.CARD_INVALID, "the model card is not a valid model card JSON: " + why, sha);
			}
			Object cardSha = card.get(ModelCard.MODEL_SHA256);
			if (cardSha != null && !sha.equalsIgnoreCase(String.valueOf(cardSha))) {
				return refused(RefusalCode.CARD_MISMATCH, "the model card describes the model file with SHA-256 "
						+ cardSha + ", not this one (" + sha + ")", sha);
			}
			Object cardVersion = card.get(ModelCard.FEATURE_DEFINITION);
			if (cardVersion != null && !PaymentHistoryFeatures.VERSION.equals(cardVersion)) {
				return refused(RefusalCode.CARD_MISMATCH,
						"the model card says features " + cardVersion + ", the model was trained with " + version, sha);
			}
		}
		Provenance data = m.getProvenance().getInstanceProvenance().getMap().get(ModelTrainer.DATA_SHA256);
		String type = m instanceof XGBoostModel ? "xgboost" : "logistic";
		return new IntakeResult.Accepted(model, sha, size, type,
				m.getProvenance().getTrainerProvenance().getClassName(), version, features,
				data == null ? "" : text(data), card, baseline);
	}

	private static String text(Provenance p) {
		return p instanceof StringProvenance s ? s.getValue() : p.toString();
	}

	private static IntakeResult.Refused refused(RefusalCode code, String message, String sha) {
		return new IntakeResult.Refused(code, message, sha);
	}

	/** SHA-256 of bytes, lower-case hex. */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("the JDK has no SHA-256", e);
		}
	}

}
