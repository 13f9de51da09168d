package io.creditdesk.scoring.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.cli.ScoringCli;
import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.ScoringModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the model intake accepts, and every way it refuses, each with its code. */
class ModelIntakeTests {

	@TempDir
	static Path dir;

	static byte[] goodModel;
	static byte[] goodCard;

	/**
	 * A model and its card as a data scientist gets them from {@code scoring-cli train}.
	 */
	@BeforeAll
	static void trainWithTheCli() throws IOException {
		Path model = dir.resolve("lr.tribuo");
		int exit = ScoringCli.run(
				new String[] { "train", "--input", Fixtures.STATEMENTS.toString(), "--format", "statements",
						"--trainer", "logistic", "--model", model.toString(), "--cv-folds", "0" },
				new PrintStream(new ByteArrayOutputStream()), System.err);
		assertThat(exit).isZero();
		goodModel = Files.readAllBytes(model);
		goodCard = Files.readAllBytes(dir.resolve("lr.card.json"));
	}

	static IntakeResult.Refused refused(IntakeResult r) {
		assertThat(r).isInstanceOf(IntakeResult.Refused.class);
		return (IntakeResult.Refused) r;
	}

	@Test
	void aModelFromTheCliIsAcceptedWithItsCardAndBaseline() {
		IntakeResult r = ModelIntake.check(goodModel, goodCard, null, ModelIntake.DEFAULT_MAX_BYTES);
		assertThat(r).isInstanceOf(IntakeResult.Accepted.class);
		IntakeResult.Accepted a = (IntakeResult.Accepted) r;
		assertThat(a.sha256()).isEqualTo(ModelIntake.sha256(goodModel)).hasSize(64);
		assertThat(a.sizeBytes()).isEqualTo(goodModel.length);
		assertThat(a.modelType()).isEqualTo("logistic");
		assertThat(a.trainerClass()).isEqualTo("org.tribuo.transform.TransformTrainer");
		assertThat(a.featureDefinition()).isEqualTo(PaymentHistoryFeatures.VERSION);
		assertThat(a.features()).isNotEmpty().isSubsetOf(PaymentHistoryFeatures.featureNames());
		assertThat(a.dataSha256()).hasSize(64);
		assertThat(a.card()).containsKeys("metrics", "gradeTable", "modelSha256");
		assertThat(a.baseline()).isNotNull();
		List<PaymentHistory> histories = Fixtures.statements().stream().map(LabeledHistory::history).toList();
		assertThat(a.baseline().psi(a.model().probabilities(histories))).isZero(); // the
																					// data
																					// it
																					// was
																					// trained
																					// on
		assertThat(a.model().probabilities(histories))
			.containsExactly(ScoringModel.load(dir.resolve("lr.tribuo")).probabilities(histories));
	}

	@Test
	void theFrozenXgboostModelIsAcceptedWithoutACard() throws IOException {
		byte[] bytes = Files.readAllBytes(Fixtures.DIR.resolve("frozen-xgboost.tribuo"));
		IntakeResult.Accepted a = (IntakeResult.Accepted) ModelIntake.check(bytes);
		assertThat(a.modelType()).isEqualTo("xgboost");
		assertThat(a.card()).isEmpty();
		assertThat(a.baseline()).isNull();
		assertThat(a.model().score(Fixtures.statements().get(0).history()).reasons()).isNotEmpty();
	}

	@Test
	void aRegressionModelIsNotABinaryClassifier() throws IOException {
		RegressionFactory factory = new RegressionFactory();
		MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
		SplittableRandom rnd = new SplittableRandom(1);
		for (int i = 0; i < 50; i++) {
			double x = rnd.nextDouble();
			ds.add(new ArrayExample<>(new Regressor("target", 2 * x), new String[] { "delay_m1" }, new double[] { x }));
		}
		Model<Regressor> model = new XGBoostRegressionTrainer(5).train(ds);
		IntakeResult.Refused r = refused(ModelIntake.check(bytes(model)));
		assertThat(r.code()).isEqualTo(RefusalCode.NOT_BINARY_CLASSIFIER);
		assertThat(r.code().unsupportedFormat()).isFalse();
		assertThat(r.message()).contains("regression", "not the probability of default");
	}

	@Test
	void aModelWithAFeatureTheServiceDoesNotComputeIsRefused() throws IOException {
		Model<Label> model = logistic(new String[] { "delay_m1", "customer_age" }, List.of("0", "1"),
				PaymentHistoryFeatures.VERSION);
		IntakeResult.Refused r = refused(ModelIntake.check(bytes(model)));
		assertThat(r.code()).isEqualTo(RefusalCode.UNKNOWN_FEATURE);
		assertThat(r.message()).isEqualTo(
				"the model uses a feature that payment-history-features/1 does not " + "produce: [customer_age]");
	}

	@Test
	void aModelOfAnotherFeatureDefinitionOrWithoutOneIsRefused() throws IOException {
		String[] features = { "delay_m1", "utilization_m1" };
		IntakeResult.Refused other = refused(
				ModelIntake.check(bytes(logistic(features, List.of("0", "1"), "payment-history-features/0"))));
		assertThat(other.code()).isEqualTo(RefusalCode.FEATURE_DEFINITION_MISMATCH);
		assertThat(other.message()).contains("payment-history-features/0", "payment-history-features/1");
		IntakeResult.Refused none = refused(ModelIntake.check(bytes(logistic(features, List.of("0", "1"), null))));
		assertThat(none.code()).isEqualTo(RefusalCode.FEATURE_DEFINITION_MISSING);
		// The control: the same model with the right version is accepted.
		assertThat(ModelIntake.check(bytes(logistic(features, List.of("0", "1"), PaymentHistoryFeatures.VERSION))))
			.isInstanceOf(IntakeResult.Accepted.class);
	}

	@Test
	void aClassifierOfOtherLabelsIsRefused() throws IOException {
		IntakeResult.Refused r = refused(ModelIntake.check(
				bytes(logistic(new String[] { "delay_m1" }, List.of("0", "1", "2"), PaymentHistoryFeatures.VERSION))));
		assertThat(r.code()).isEqualTo(RefusalCode.NOT_BINARY_CLASSIFIER);
		assertThat(r.message()).contains("[0, 1, 2]");
	}

	@Test
	void aModelClassOutsideTheAllowListIsRefused() throws IOException {
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> ds = dataset(new String[] { "delay_m1" }, List.of("0", "1"));
		Model<Label> dummy = DummyClassifierTrainer.createMostFrequentTrainer().train(ds);
		IntakeResult.Refused r = refused(ModelIntake.check(bytes(dummy)));
		assertThat(r.code()).isEqualTo(RefusalCode.CLASS_NOT_ALLOWED);
		assertThat(r.message()).contains("org.tribuo.classification.baseline.DummyClassifierModel");
	}

	@Test
	void aClassNamedAnywhereInTheFileIsCheckedBeforeAnythingIsLoaded() throws Exception {
		String real = "org.tribuo.provenance.SimpleDataSourceProvenance";
		String gadget = "io.creditdesk.scoring.intake.GadgetProvenanceAbc";
		assertThat(gadget).hasSameSizeAs(real);
		byte[] tampered = replaceAll(goodModel, real.getBytes(StandardCharsets.US_ASCII),
				gadget.getBytes(StandardCharsets.US_ASCII));
		assertThat(tampered).isNotEqualTo(goodModel);

		IntakeResult.Refused r = refused(ModelIntake.check(tampered));
		assertThat(r.code()).isEqualTo(RefusalCode.CLASS_NOT_ALLOWED);
		assertThat(r.message()).contains(gadget).contains("not loaded");
		assertThat(GadgetProvenanceAbc.Tripwire.tripped).as("the gadget class was loaded").isFalse();

		// The danger is real: deserializing the same bytes directly loads the named
		// class.
		assertThatThrownBy(() -> Model.deserialize(ModelProto.parseFrom(tampered)))
			.isInstanceOf(RuntimeException.class);
		assertThat(GadgetProvenanceAbc.Tripwire.tripped).isTrue();
	}

	@Test
	void randomBytesAreNotAModel() {
		byte[] random = new byte[4096];
		new SplittableRandom(7).nextBytes(random);
		IntakeResult.Refused r = refused(ModelIntake.check(random));
		assertThat(r.code()).isEqualTo(RefusalCode.NOT_A_TRIBUO_MODEL);
		assertThat(r.code().unsupportedFormat()).isTrue();
		assertThat(r.sha256()).isEqualTo(ModelIntake.sha256(random));
		IntakeResult.Refused csv = refused(
				ModelIntake.check("customer_id,month\nC1,1\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(csv.code()).isEqualTo(RefusalCode.NOT_A_TRIBUO_MODEL);
	}

	@Test
	void aTruncatedFileIsRefusedAsIncomplete() {
		for (int length : new int[] { goodModel.length / 2, goodModel.length - 1, 40 }) {
			IntakeResult.Refused r = refused(ModelIntake.check(Arrays.copyOf(goodModel, length)));
			assertThat(r.code()).as("%d of %d bytes", length, goodModel.length).isEqualTo(RefusalCode.TRUNCATED);
			assertThat(r.message()).contains("ends too early");
		}
	}

	@Test
	void emptyOversizedAndDamagedFilesAreRefused() {
		assertThat(refused(ModelIntake.check(new byte[0])).code()).isEqualTo(RefusalCode.EMPTY_FILE);
		assertThat(refused(ModelIntake.check(null)).code()).isEqualTo(RefusalCode.EMPTY_FILE);
		IntakeResult.Refused big = refused(ModelIntake.check(goodModel, null, null, 1000));
		assertThat(big.code()).isEqualTo(RefusalCode.TOO_LARGE);
		assertThat(big.message()).contains("at most 1000");
		String sha = ModelIntake.sha256(goodModel);
		assertThat(refused(ModelIntake.check(goodModel, null, "0".repeat(64), 1 << 30)).code())
			.isEqualTo(RefusalCode.CHECKSUM_MISMATCH);
		assertThat(ModelIntake.check(goodModel, null, sha.toUpperCase(), 1 << 30))
			.isInstanceOf(IntakeResult.Accepted.class);
	}

	@Test
	void aCardThatDoesNotDescribeTheFileIsRefused() throws IOException {
		ObjectMapper json = new ObjectMapper();
		ObjectNode other = (ObjectNode) json.readTree(goodCard);
		other.put("modelSha256", "ab".repeat(32));
		assertThat(refused(ModelIntake.check(goodModel, json.writeValueAsBytes(other), null, 1 << 30)).code())
			.isEqualTo(RefusalCode.CARD_MISMATCH);
		ObjectNode version = (ObjectNode) json.readTree(goodCard);
		version.put("featureDefinition", "payment-history-features/0");
		assertThat(refused(ModelIntake.check(goodModel, json.writeValueAsBytes(version), null, 1 << 30)).message())
			.contains("payment-history-features/0");
		ObjectNode badBaseline = (ObjectNode) json.readTree(goodCard);
		badBaseline.put("baseline", "deciles");
		assertThat(refused(ModelIntake.check(goodModel, json.writeValueAsBytes(badBaseline), null, 1 << 30)).code())
			.isEqualTo(RefusalCode.CARD_INVALID);
		IntakeResult.Refused notJson = refused(
				ModelIntake.check(goodModel, "{\"metrics\":".getBytes(StandardCharsets.UTF_8), null, 1 << 30));
		assertThat(notJson.code()).isEqualTo(RefusalCode.CARD_INVALID);
		assertThat(notJson.message()).startsWith("the model card is not a valid model card JSON");
	}

	// ---- helpers ----

	static MutableDataset<Label> dataset(String[] features, List<String> labels) {
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
		SplittableRandom rnd = new SplittableRandom(3);
		for (int i = 0; i < 60; i++) {
			double[] v = new double[features.length];
			for (int k = 0; k < v.length; k++) {
				v[k] = rnd.nextDouble(-1, 5);
			}
			ds.add(new ArrayExample<>(new Label(labels.get(i % labels.size())), features, v));
		}
		return ds;
	}

	/**
	 * A standardized logistic regression as ModelTrainer builds it, with a chosen
	 * feature-definition record.
	 */
	static Model<Label> logistic(String[] features, List<String> labels, String featureDefinition) {
		TransformTrainer<Label> trainer = new TransformTrainer<>(
				new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 1e-6), 2, Integer.MAX_VALUE, 8, 1),
				new TransformationMap(List.of(new MeanStdDevTransformation())), true);
		Map<String, Provenance> run = new HashMap<>();
		if (featureDefinition != null) {
			run.put("feature-definition", new StringProvenance("feature-definition", featureDefinition));
		}
		return trainer.train(dataset(features, labels), run);
	}

	static byte[] bytes(Model<?> model) throws IOException {
		Path file = Files.createTempFile(dir, "model", ".tribuo");
		model.serializeToFile(file);
		return Files.readAllBytes(file);
	}

	static byte[] replaceAll(byte[] in, byte[] what, byte[] with) {
		byte[] out = in.clone();
		Function<Integer, Boolean> at = i -> Arrays.equals(out, i, i + what.length, what, 0, what.length);
		for (int i = 0; i + what.length <= out.length; i++) {
			if (at.apply(i)) {
				System.arraycopy(with, 0, out, i, with.length);
			}
		}
		return out;
	}

}
