package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.data.SharedDatasets;
import io.creditdesk.scoring.data.UciCreditDefaultLoader;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quality bar on the real UCI development data, under 5-fold cross-validation
 * with the default (documented) hyperparameters. Skipped when {@code ../shared/datasets}
 * is not beside the project. About a minute on two cores; the timing figures are measured
 * by the {@code bench} command instead.
 */
class UciQualityTests {

	static List<LabeledHistory> data;

	@BeforeAll
	static void load() {
		Path file = SharedDatasets.find(SharedDatasets.UCI).orElse(null);
		assumeTrue(file != null, "../shared/datasets/" + SharedDatasets.UCI + " not present: skipping");
		data = UciCreditDefaultLoader.load(file);
	}

	@Test
	void xgboostBeatsThePublishedFigure() {
		CrossValidation.Result r = CrossValidation.run(data, TrainingConfig.defaults(TrainerKind.XGBOOST), 5, null);
		assertThat(r.pooled().rows()).isEqualTo(data.size());
		assertThat(r.pooled().auc()).isGreaterThanOrEqualTo(0.78);
		assertThat(r.pooled().brier()).isLessThanOrEqualTo(0.14);
		assertThat(r.pooled().topDecileLift()).isGreaterThanOrEqualTo(2.8);
	}

	@Test
	void logisticRegressionClearsItsBar() {
		CrossValidation.Result r = CrossValidation.run(data, TrainingConfig.defaults(TrainerKind.LOGISTIC), 5, null);
		assertThat(r.pooled().auc()).isGreaterThanOrEqualTo(0.72);
	}

}
