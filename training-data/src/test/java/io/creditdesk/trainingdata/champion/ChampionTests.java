package io.creditdesk.trainingdata.champion;

import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.evaluation.Metrics;
import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.intake.ModelIntake;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The champion the build trains into the jar ({@code /models/champion.*}): accepted by
 * the model intake as the service will receive it, with its card and drift baseline, and
 * exactly the model the committed sample and configuration produce, so it is reproducible
 * rather than a binary nobody can rebuild.
 */
class ChampionTests {

	static final Path SAMPLE = Path.of("samples/statements-sample.csv");

	static IntakeResult.Accepted champion;
	static List<LabeledHistory> sample;

	static byte[] resource(String name) throws IOException {
		try (InputStream in = ChampionTests.class.getResourceAsStream("/models/" + name)) {
			assertThat(in).as("/models/" + name + " on the classpath (built by the exec step)").isNotNull();
			return in.readAllBytes();
		}
	}

	@BeforeAll
	static void load() throws IOException {
		IntakeResult r = ModelIntake.check(resource("champion.tribuo"), resource("champion.card.json"), null,
				ModelIntake.DEFAULT_MAX_BYTES);
		assertThat(r).as(r.toString()).isInstanceOf(IntakeResult.Accepted.class);
		champion = (IntakeResult.Accepted) r;
		sample = StatementsCsv.load(SAMPLE);
	}

	@Test
	void theShippedChampionIsAnAcceptedXgboostModelWithItsCardAndBaseline() throws IOException {
		assertThat(champion.modelType()).isEqualTo("xgboost");
		assertThat(champion.featureDefinition()).isEqualTo(PaymentHistoryFeatures.VERSION);
		assertThat(champion.card().get("modelSha256")).isEqualTo(champion.sha256());
		assertThat(champion.baseline()).isNotNull();
		assertThat(champion.baseline().score().count()).isEqualTo(sample.size());
		assertThat(new String(resource("champion.card.md"), StandardCharsets.UTF_8)).contains("## Risk grades",
				"statements-sample.csv");
		assertThat(resource("champion.report.html")).isNotEmpty();
	}

	@Test
	void itIsExactlyWhatTheCommittedSampleAndConfigurationProduce() throws IOException {
		TrainingConfig config = TrainingConfig.fromProperties(Path.of("champion/champion.properties"),
				TrainingConfig.defaults(TrainerKind.XGBOOST));
		assertThat(config.trainer()).isEqualTo(TrainerKind.XGBOOST);
		ScoringModel retrained = ModelTrainer.train(sample, config, "statements-sample.csv", "");
		List<PaymentHistory> histories = sample.stream().map(LabeledHistory::history).toList();
		assertThat(champion.model().probabilities(histories)).containsExactly(retrained.probabilities(histories));
	}

	@Test
	void itRanksTheSampleAndGivesEveryGrade() {
		List<PaymentHistory> histories = sample.stream().map(LabeledHistory::history).toList();
		boolean[] y = new boolean[sample.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = sample.get(i).defaulted();
		}
		double[] p = champion.model().probabilities(histories);
		assertThat(Metrics.rocAuc(p, y)).isGreaterThan(0.9);
		assertThat(champion.model().scoreAll(histories)).extracting(s -> s.grade().name())
			.contains("A", "B", "C", "D", "E");
		@SuppressWarnings("unchecked")
		Map<String, Object> metrics = (Map<String, Object>) champion.card().get("metrics");
		assertThat(((Number) metrics.get("auc")).doubleValue()).isGreaterThan(0.9); // cross-validated
	}

}
