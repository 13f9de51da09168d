package io.creditdesk.risk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.evaluation.Metrics;
import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.intake.ModelIntake;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.report.ModelCard;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;

/**
 * Model files for registry tests, trained the way {@code scoring-cli train} trains them,
 * on the committed statements sample: a logistic model and its card.
 */
public final class TestModels {

	private static final Path SAMPLE = Path.of("..", "training-data", "samples", "statements-sample.csv");

	private static File logistic;

	/** A model file with its card JSON. */
	public record File(byte[] model, byte[] card, String sha256) {
	}

	private TestModels() {
	}

	/** A logistic model on the first 1,000 histories of the sample (trained once). */
	public static synchronized File logistic() {
		if (logistic == null) {
			logistic = train(TrainerKind.LOGISTIC, 1_000);
		}
		return logistic;
	}

	static File train(TrainerKind kind, int rows) {
		try {
			List<LabeledHistory> data = StatementsCsv.load(SAMPLE).subList(0, rows);
			ScoringModel model = ModelTrainer.train(data, TrainingConfig.defaults(kind), "statements-sample.csv", "");
			Path file = Files.createTempFile("model", ".tribuo");
			model.save(file);
			byte[] bytes = Files.readAllBytes(file);
			Files.delete(file);
			List<PaymentHistory> histories = data.stream().map(LabeledHistory::history).toList();
			double[] p = model.probabilities(histories);
			boolean[] y = new boolean[data.size()];
			for (int i = 0; i < y.length; i++) {
				y[i] = data.get(i).defaulted();
			}
			Map<String, Object> card = new LinkedHashMap<>();
			card.put(ModelCard.FEATURE_DEFINITION, "payment-history-features/1");
			card.put("metrics", Map.of("auc", Metrics.rocAuc(p, y), "brier", Metrics.brier(p, y)));
			card.put(ModelCard.MODEL_SHA256, ModelIntake.sha256(bytes));
			card.put(ModelCard.BASELINE, ModelBaseline.of(model, histories));
			return new File(bytes, ModelCard.json().writeValueAsBytes(card), ModelIntake.sha256(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
