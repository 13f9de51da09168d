package io.creditdesk.scoring.model;

import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Committed model files must keep scoring committed rows exactly as they did when frozen.
 * A failure means a change in the feature definition, the loaders, Tribuo/XGBoost or the
 * grade bands altered live scores: if intended, regenerate the fixtures (commands in the
 * scoring README, "Frozen model fixtures") and say so in the commit.
 */
class FrozenModelTests {

	@ParameterizedTest
	@ValueSource(strings = { "logistic", "xgboost" })
	void frozenModelsScoreCommittedRowsAsRecorded(String name) throws IOException {
		ScoringModel model = ScoringModel.load(Fixtures.DIR.resolve("frozen-" + name + ".tribuo"));
		List<PaymentHistory> rows = StatementsCsv.loadUnlabeled(Fixtures.DIR.resolve("frozen-rows.csv"));
		List<String> expected = Files.readAllLines(Fixtures.DIR.resolve("frozen-" + name + "-expected.csv"));
		assertThat(expected).hasSize(rows.size() + 1);
		List<Score> scores = model.scoreAll(rows);
		for (int i = 0; i < rows.size(); i++) {
			String[] cells = expected.get(i + 1).split(",", 4);
			Score s = scores.get(i);
			assertThat(s.customerId()).isEqualTo(cells[0]);
			assertThat(s.probability()).as(cells[0]).isCloseTo(Double.parseDouble(cells[1]), within(1e-6));
			assertThat(s.grade().name()).as(cells[0]).isEqualTo(cells[2]);
			List<String> features = s.reasons().stream().map(ReasonCode::feature).toList();
			List<String> expectedFeatures = Arrays.stream(cells[3].split("\\|"))
				.map(r -> r.substring(1, r.indexOf('=')))
				.toList();
			assertThat(features).as(cells[0]).isEqualTo(expectedFeatures);
		}
	}

}
