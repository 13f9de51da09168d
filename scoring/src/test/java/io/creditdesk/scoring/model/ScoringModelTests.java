package io.creditdesk.scoring.model;

import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.evaluation.Metrics;
import io.creditdesk.scoring.features.FeatureCatalogue;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoringModelTests {

	static final Map<TrainerKind, ScoringModel> MODELS = new EnumMap<>(TrainerKind.class);
	static List<PaymentHistory> histories;

	@TempDir
	Path dir;

	@BeforeAll
	static void train() {
		List<LabeledHistory> data = Fixtures.statements();
		histories = data.stream().map(LabeledHistory::history).limit(200).toList();
		for (TrainerKind kind : TrainerKind.values()) {
			TrainingConfig c = TrainingConfig.defaults(kind);
			if (kind == TrainerKind.XGBOOST) {
				c = new TrainingConfig(kind, 7, 40, 0.2, 3, 1, 0.8, 0.8, 1, 0, 1, 5, 0.1, 32);
			}
			MODELS.put(kind, ModelTrainer.train(data, c, "statements-600.csv", "test"));
		}
	}

	@ParameterizedTest
	@EnumSource(TrainerKind.class)
	void roundTripThroughTheProtobufFileKeepsPredictionsAndProvenance(TrainerKind kind) throws IOException {
		ScoringModel model = MODELS.get(kind);
		Path file = dir.resolve(kind + ".tribuo");
		model.save(file);
		ScoringModel loaded = ScoringModel.load(file);
		assertThat(loaded.probabilities(histories)).containsExactly(model.probabilities(histories));
		assertThat(loaded.provenance()).isEqualTo(model.provenance());
		assertThat(loaded.provenance().toString()).contains("data-sha256").contains("payment-history-features/1");
	}

	@ParameterizedTest
	@EnumSource(TrainerKind.class)
	void contributionsAddUpToTheLogOddsOfThePrediction(TrainerKind kind) {
		ScoringModel model = MODELS.get(kind);
		for (PaymentHistory h : histories.subList(0, 25)) {
			double[] c = model.contributions(h);
			double sum = 0;
			for (double v : c) {
				sum += v;
			}
			double p = model.score(h).probability();
			// float precision inside XGBoost
			assertThat(1 / (1 + Math.exp(-sum))).isCloseTo(p, within(kind == TrainerKind.XGBOOST ? 1e-5 : 1e-9));
		}
	}

	@ParameterizedTest
	@EnumSource(TrainerKind.class)
	void reasonCodesAreTheStrongestContributionsWithDirection(TrainerKind kind) {
		ScoringModel model = MODELS.get(kind);
		PaymentHistory h = histories.get(3);
		Score s = model.score(h);
		assertThat(s.grade()).isEqualTo(RiskGrade.of(s.probability()));
		assertThat(s.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(ScoringModel.DEFAULT_REASONS);
		double[] c = model.contributions(h);
		double strongest = 0;
		for (int k = 0; k < c.length - 1; k++) {
			strongest = Math.max(strongest, Math.abs(c[k]));
		}
		assertThat(Math.abs(s.reasons().get(0).contribution())).isEqualTo(strongest);
		for (ReasonCode r : s.reasons()) {
			assertThat(r.direction()).isEqualTo(r.contribution() > 0 ? "+" : "-");
			assertThat(model.contributionNames()).contains(r.feature());
		}
		if (kind == TrainerKind.BASELINE) {
			assertThat(s.reasons()).extracting(ReasonCode::feature).containsOnly(ModelTrainer.BASELINE_FEATURE);
		}
	}

	@ParameterizedTest
	@EnumSource(TrainerKind.class)
	void batchScoringEqualsOneByOne(TrainerKind kind) {
		ScoringModel model = MODELS.get(kind);
		List<Score> batch = model.scoreAll(histories.subList(0, 30));
		for (int i = 0; i < 30; i++) {
			Score single = model.score(histories.get(i));
			assertThat(batch.get(i).probability()).isCloseTo(single.probability(), within(1e-6));
			assertThat(batch.get(i).reasons()).extracting(ReasonCode::feature)
				.containsExactlyElementsOf(single.reasons().stream().map(ReasonCode::feature).toList());
		}
	}

	@ParameterizedTest
	@EnumSource(value = TrainerKind.class, names = { "LOGISTIC", "XGBOOST" })
	void reasonCodesCarryTheCatalogueDescriptionAndTheCustomersValueInWords(TrainerKind kind) {
		List<Score> scores = MODELS.get(kind).scoreAll(histories.subList(0, 10), 5);
		assertThat(scores).allSatisfy(s -> assertThat(s.reasons()).hasSize(5));
		ReasonCode r = scores.get(0).reasons().get(0);
		assertThat(r.description()).isEqualTo(FeatureCatalogue.describe(r.feature()));
		assertThat(r.displayValue()).isEqualTo(FeatureCatalogue.of(r.feature()).format(r.value()));
		assertThat(r.riskDirection())
			.isEqualTo(r.contribution() > 0 ? ReasonDirection.RAISES_RISK : ReasonDirection.LOWERS_RISK);
		assertThat(MODELS.get(kind).scoreAll(histories.subList(0, 3), 0))
			.allSatisfy(s -> assertThat(s.reasons()).isEmpty());
		assertThat(MODELS.get(kind).scoreAll(List.of())).isEmpty();
	}

	@Test
	void customersWithoutEnoughHistoryPassThroughUnscoredInOrder() {
		ScoringModel model = MODELS.get(TrainerKind.XGBOOST);
		LocalDate t = LocalDate.of(2025, 3, 1);
		List<HistoryResult> results = List.of(HistoryResult.available(t, histories.get(0), 6, 0),
				HistoryResult.insufficient("NEW", t, 4, 6), HistoryResult.available(t, histories.get(1), 6, 2));
		List<CustomerScore> scores = model.scoreHistories(results);
		assertThat(scores).extracting(CustomerScore::status)
			.containsExactly(ScoreStatus.SCORED, ScoreStatus.INSUFFICIENT_HISTORY, ScoreStatus.SCORED);
		assertThat(scores.get(0).score()).isEqualTo(model.score(histories.get(0)));
		assertThat(scores.get(2).score()).isEqualTo(model.score(histories.get(1)));
		assertThat(scores.get(2).importedMonths()).isEqualTo(2);
		assertThat(scores.get(1).score()).isNull();
		assertThat(scores.get(1).customerId()).isEqualTo("NEW");
		assertThat(scores.get(1).historyMonths()).isEqualTo(4);
		assertThat(scores.get(1).asOf()).isEqualTo(t);
	}

	@Test
	void modelsRankRiskyCustomersHigher() {
		// On the generated data a useful model must clearly beat chance; the baseline
		// sees one feature only.
		List<LabeledHistory> data = Fixtures.statements();
		boolean[] y = new boolean[data.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = data.get(i).defaulted();
		}
		List<PaymentHistory> all = data.stream().map(LabeledHistory::history).toList();
		double lr = Metrics.rocAuc(MODELS.get(TrainerKind.LOGISTIC).probabilities(all), y);
		double base = Metrics.rocAuc(MODELS.get(TrainerKind.BASELINE).probabilities(all), y);
		assertThat(lr).isGreaterThan(0.85).isGreaterThan(base);
	}

	@ParameterizedTest
	@EnumSource(value = TrainerKind.class, names = { "LOGISTIC", "XGBOOST" })
	void trainingIsReproducibleWithTheSameSeed(TrainerKind kind) {
		TrainingConfig c = TrainingConfig.defaults(kind).withSeed(3);
		if (kind == TrainerKind.XGBOOST) {
			c = new TrainingConfig(kind, 3, 30, 0.2, 3, 1, 0.7, 0.7, 1, 0, 2, 5, 0.1, 32);
		}
		List<LabeledHistory> data = Fixtures.statements();
		double[] a = ModelTrainer.train(data, c, "x", "").probabilities(histories);
		double[] b = ModelTrainer.train(data, c, "x", "").probabilities(histories);
		double[] other = ModelTrainer.train(data, c.withSeed(4), "x", "").probabilities(histories);
		assertThat(a).containsExactly(b);
		assertThat(other).isNotEqualTo(a);
	}

	@Test
	void aFileThatIsNotAModelIsRejectedWithItsName() throws IOException {
		Path junk = dir.resolve("junk.tribuo");
		Files.writeString(junk, "customer_id,probability\nnot a model\n");
		assertThatThrownBy(() -> ScoringModel.load(junk)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("junk.tribuo")
			.hasMessageContaining("not a Tribuo model file");
		assertThatThrownBy(() -> ScoringModel.load(dir.resolve("missing.tribuo")))
			.hasMessageContaining("missing.tribuo")
			.hasMessageContaining("not found");
		Path empty = dir.resolve("empty.tribuo");
		Files.write(empty, new byte[0]);
		assertThatThrownBy(() -> ScoringModel.load(empty)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("empty.tribuo");
	}

	@Test
	void loadsFromTheClasspath() {
		ScoringModel m = ScoringModel.loadFromClasspath("/fixtures/frozen-logistic.tribuo");
		assertThat(m.score(histories.get(0)).probability()).isBetween(0.0, 1.0);
		assertThatThrownBy(() -> ScoringModel.loadFromClasspath("/nope.tribuo")).hasMessageContaining("/nope.tribuo");
	}

}
