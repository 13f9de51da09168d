package io.creditdesk.scoring.training;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingConfigTests {

	@Test
	void propertiesOverrideDefaults() {
		Properties p = new Properties();
		p.setProperty("xgboost.trees", "50");
		p.setProperty("seed", "9");
		TrainingConfig c = TrainingConfig.apply(p, TrainingConfig.defaults(TrainerKind.XGBOOST), "t.properties");
		assertThat(c.xgbTrees()).isEqualTo(50);
		assertThat(c.seed()).isEqualTo(9);
		assertThat(c.xgbEta()).isEqualTo(TrainingConfig.defaults(TrainerKind.XGBOOST).xgbEta());
		assertThat(c.asMap()).containsEntry("xgboost.trees", 50).containsEntry("trainer", "xgboost");
	}

	@Test
	void typosAndBadNumbersAreErrors() {
		Properties p = new Properties();
		p.setProperty("xgboost.tres", "50");
		assertThatThrownBy(() -> TrainingConfig.apply(p, TrainingConfig.defaults(TrainerKind.XGBOOST), "t.properties"))
			.hasMessageContaining("t.properties")
			.hasMessageContaining("xgboost.tres");
		Properties q = new Properties();
		q.setProperty("xgboost.eta", "fast");
		assertThatThrownBy(() -> TrainingConfig.apply(q, TrainingConfig.defaults(TrainerKind.XGBOOST), "t.properties"))
			.hasMessageContaining("fast");
		assertThatThrownBy(() -> TrainerKind.parse("forest")).hasMessageContaining("forest");
	}

}
