package io.creditdesk.risk.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.job.JobContext;
import io.creditdesk.job.JobHandler;
import io.creditdesk.risk.registry.ModelRegistry;
import io.creditdesk.risk.registry.RegisteredModel;
import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.intake.ModelIntake;
import io.creditdesk.scoring.ledger.OutOfTimeSplit;
import io.creditdesk.scoring.ledger.Snapshot;
import io.creditdesk.scoring.ledger.TrainingSet;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.report.ModelCard;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainingConfig;

import org.springframework.stereotype.Component;

/**
 * The {@code trainModel} job: a point-in-time training set from the ledger, the latest
 * as-of months held out (out of time: no training example's outcome window reaches into
 * them), a model trained as {@code scoring-cli train} trains, judged on the holdout, and
 * registered as a CANDIDATE with its model card (metrics, grade table, label, drift
 * baseline).
 */
@Component
class TrainModelJob implements JobHandler {

	static final String KIND = "trainModel";

	private final LedgerTrainingData data;

	private final ModelRegistry registry;

	private final Clock clock;

	TrainModelJob(LedgerTrainingData data, ModelRegistry registry, Clock clock) {
		this.data = data;
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, Object> run(JobContext context) throws IOException {
		TrainingRequest request = TrainingRequest.fromInput(context.input());
		Instant now = this.clock.instant();
		context.progress(5, "reading the ledger and building point-in-time histories");
		TrainingSet set = this.data.build(Optional.empty(), request.rule(), request.asOfMonths(), now);
		if (set.snapshots().isEmpty()) {
			throw new IllegalArgumentException(
					"No customer has the " + PaymentHistory.MIN_MONTHS + " months of history a model needs at any of "
							+ set.asOfDates() + ", so there is nothing to train on.");
		}
		OutOfTimeSplit split = OutOfTimeSplit.latestMonths(set.snapshots(), request.holdoutMonths(), request.rule());
		List<LabeledHistory> training = split.training().stream().map(Snapshot::example).toList();
		List<LabeledHistory> holdout = split.holdout().stream().map(Snapshot::example).toList();
		long positives = training.stream().filter(LabeledHistory::defaulted).count();
		String dataSha = fingerprint(training);
		context.progress(30, "training " + request.trainer().cliName() + " on " + training.size() + " histories ("
				+ positives + " defaulted), as-of dates before " + split.holdoutFrom());
		TrainingConfig config = TrainingConfig.defaults(request.trainer()).withSeed(request.seed());
		ScoringModel model = ModelTrainer.train(training, config, "ledger as of " + now, dataSha);
		context.progress(75,
				"evaluating on the out-of-time holdout: " + holdout.size() + " histories from " + split.holdoutFrom());
		double[] p = model.probabilities(histories(holdout));
		boolean[] y = outcomes(holdout);
		Evaluation evaluation = Evaluation.of(p, y, holdout.stream().map(h -> h.history().segment()).toList(),
				Evaluation.DEFAULT_THRESHOLD);
		byte[] bytes = bytes(model);
		Map<String, Object> card = ModelCard.build(model, config,
				new ModelCard.DataSource("ledger", "ledger", dataSha, training.size(), positives,
						"the service's own ledger (not for redistribution)"),
				evaluation, "out-of-time holdout: the " + holdout.size() + " histories as of " + split.holdoutFrom()
						+ " and later (trained on as-of dates whose outcome window ends by then)",
				null);
		card.put("label", request.rule().describe());
		card.put("trainingSet", trainingSet(set, split));
		card.put(ModelCard.MODEL_SHA256, ModelIntake.sha256(bytes));
		card.put(ModelCard.BASELINE, ModelBaseline.of(model, histories(training)));
		context.progress(90, "registering the candidate");
		RegisteredModel registered = this.registry.register(request.name(), bytes,
				ModelCard.json().writeValueAsBytes(card), context.requestedBy(), "training");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("modelId", registered.id());
		result.put("name", registered.name());
		result.put("version", registered.version());
		result.put("trainingRows", training.size());
		result.put("holdoutRows", holdout.size());
		result.put("holdoutFrom", split.holdoutFrom().toString());
		result.put("auc", finite(evaluation.auc()));
		result.put("brier", finite(evaluation.brier()));
		return result;
	}

	private static Map<String, Object> trainingSet(TrainingSet set, OutOfTimeSplit split) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("asOfDates", set.asOfDates().stream().map(LocalDate::toString).toList());
		summary.put("histories", set.snapshots().size());
		summary.put("insufficientHistory", set.insufficient());
		summary.put("training", split.training().size());
		summary.put("holdout", split.holdout().size());
		summary.put("holdoutFrom", split.holdoutFrom().toString());
		summary.put("droppedOverlappingTheHoldout", split.dropped());
		return summary;
	}

	private static Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

	/** SHA-256 of the training examples as the statements CSV: the data's fingerprint. */
	private static String fingerprint(List<LabeledHistory> training) throws IOException {
		Path file = Files.createTempFile("training", ".csv");
		try {
			StatementsCsv.write(file, training);
			return ModelIntake.sha256(Files.readAllBytes(file));
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static byte[] bytes(ScoringModel model) throws IOException {
		Path file = Files.createTempFile("model", ".tribuo");
		try {
			model.save(file);
			return Files.readAllBytes(file);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	static List<PaymentHistory> histories(List<LabeledHistory> data) {
		return data.stream().map(LabeledHistory::history).toList();
	}

	static boolean[] outcomes(List<LabeledHistory> data) {
		boolean[] y = new boolean[data.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = data.get(i).defaulted();
		}
		return y;
	}

}
