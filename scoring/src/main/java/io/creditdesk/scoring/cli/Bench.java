package io.creditdesk.scoring.cli;

import io.creditdesk.scoring.data.DataFormat;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.SharedDatasets;
import io.creditdesk.scoring.evaluation.CrossValidation;
import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.Score;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command: training time, single-customer latency after warm-up and batch
 * scoring of 100,000 customers, plus (with {@code --cv}) 5-fold cross-validated quality
 * of every trainer. Defaults to the UCI development data beside the project. Timings are
 * wall-clock on the machine it runs on.
 */
final class Bench {

	static final int BATCH = 100_000;

	private Bench() {
	}

	static void run(Args a, PrintStream out) {
		String in = a.optional("input", null);
		Path input = in != null ? Path.of(in)
				: SharedDatasets.find(SharedDatasets.UCI)
					.orElseThrow(() -> new IllegalArgumentException(
							"no --input given and ../shared/datasets/" + SharedDatasets.UCI + " not found"));
		DataFormat format = DataFormat.parse(a.optional("format", "uci-default"));
		String modelFile = a.optional("model", null);
		boolean cv = a.flag("cv");
		InvoiceAggregator.Options options = ScoringCli.aggregation(a);
		a.rejectUnknown();
		List<LabeledHistory> data = format.loadLabeled(input, options);
		List<PaymentHistory> histories = data.stream().map(LabeledHistory::history).toList();
		out.printf("bench on %s: %d customers, %d cores, Java %s%n", input, data.size(),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

		if (cv) {
			for (TrainerKind kind : TrainerKind.values()) {
				long t0 = System.nanoTime();
				CrossValidation.Result r = CrossValidation.run(data, TrainingConfig.defaults(kind), 5, null);
				Evaluation e = r.pooled();
				out.printf(Locale.ROOT,
						"cv5 %-8s ROC-AUC %.4f (folds %.4f ± %.4f)  PR-AUC %.4f  Brier %.4f  "
								+ "top-decile lift %.3f  KS %.3f  (%.0f s)%n",
						kind.cliName(), e.auc(), r.meanFoldAuc(), r.stdFoldAuc(), e.prAuc(), e.brier(),
						e.topDecileLift(), e.ks(), (System.nanoTime() - t0) / 1e9);
			}
		}

		ScoringModel model;
		if (modelFile != null) {
			model = ScoringModel.load(Path.of(modelFile));
		}
		else {
			TrainingConfig config = TrainingConfig.defaults(TrainerKind.XGBOOST);
			long t0 = System.nanoTime();
			model = ModelTrainer.train(data, config, input.getFileName().toString(), "");
			out.printf(Locale.ROOT, "train xgboost (%d trees) on %d customers: %.1f s%n", config.xgbTrees(),
					data.size(), (System.nanoTime() - t0) / 1e9);
		}

		// Single customer, with reason codes, after warm-up.
		int warmup = 2_000; // TreeSHAP makes an XGBoost score about a millisecond: fewer
							// calls suffice
		int measured = 2_000;
		double sink = 0;
		for (int i = 0; i < warmup; i++) {
			sink += model.score(histories.get(i % histories.size())).probability();
		}
		long[] nanos = new long[measured];
		for (int i = 0; i < measured; i++) {
			long t0 = System.nanoTime();
			Score s = model.score(histories.get((i * 7919) % histories.size()));
			nanos[i] = System.nanoTime() - t0;
			sink += s.probability();
		}
		Arrays.sort(nanos);
		double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
		out.printf(Locale.ROOT,
				"single score with reason codes: mean %.1f µs, median %.1f µs, p99 %.1f µs (%d calls after %d warm-up)%n",
				mean, nanos[measured / 2] / 1000.0, nanos[(int) (measured * 0.99)] / 1000.0, measured, warmup);

		// Batch of 100,000 customers (the input repeated), in chunks of 10,000 per model
		// call.
		List<PaymentHistory> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			batch.add(histories.get(i % histories.size()));
		}
		for (int round = 0; round < 2; round++) { // the first round warms up
			long t0 = System.nanoTime();
			int scored = 0;
			for (int from = 0; from < BATCH; from += 10_000) {
				List<Score> scores = model.scoreAll(batch.subList(from, from + 10_000));
				scored += scores.size();
				sink += scores.get(0).probability();
			}
			double withReasons = (System.nanoTime() - t0) / 1e9;
			t0 = System.nanoTime();
			for (int from = 0; from < BATCH; from += 10_000) {
				sink += model.probabilities(batch.subList(from, from + 10_000))[0];
			}
			double probOnly = (System.nanoTime() - t0) / 1e9;
			out.printf(Locale.ROOT, "%s batch of %d: %.2f s with reason codes, %.2f s probabilities only%n",
					round == 0 ? "cold" : "warm", scored, withReasons, probOnly);
		}
		if (sink == 42.4242) {
			out.println(); // keeps the JIT from discarding the work
		}
	}

}
