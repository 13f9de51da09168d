package io.creditdesk.trainingdata.cli;

import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.intake.ModelIntake;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;
import io.creditdesk.scoring.model.CustomerScore;
import io.creditdesk.scoring.model.ScoreStatus;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.trainingdata.generator.GeneratedLedgers;
import io.creditdesk.trainingdata.generator.GeneratorConfig;
import io.creditdesk.trainingdata.generator.PaymentHistoryGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scoring side of re-scoring a portfolio, timed: point-in-time histories from ledger
 * facts ({@link LedgerHistory}) and batched scores with TreeSHAP reason codes, for
 * generated customers. <pre>
 * PortfolioBench [--customers 10000] [--passes 10] [--batch 10000] [--model FILE] [--as-of 2025-07-01]
 * </pre> The customers are generated and turned into ledgers once (not timed); each pass
 * then derives every history and scores them, so customers x passes histories are built
 * and scored in all. Without {@code --model} the champion built into this module's jar is
 * used. Reading the ledger from a store and writing the scores are the service's part and
 * not measured here.
 */
public final class PortfolioBench {

	private PortfolioBench() {
	}

	public static void main(String[] args) throws IOException {
		int customers = 10_000;
		int passes = 10;
		int batch = 10_000;
		String modelFile = null;
		LocalDate asOf = LocalDate.of(2025, 7, 1);
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--customers" -> customers = Integer.parseInt(args[i + 1]);
				case "--passes" -> passes = Integer.parseInt(args[i + 1]);
				case "--batch" -> batch = Integer.parseInt(args[i + 1]);
				case "--model" -> modelFile = args[i + 1];
				case "--as-of" -> asOf = LocalDate.parse(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		ScoringModel model = load(modelFile);
		GeneratorConfig config = GeneratorConfig.defaults(7, customers);
		long t0 = System.nanoTime();
		List<CustomerLedger> ledgers = new ArrayList<>(customers);
		for (PaymentHistoryGenerator.Customer c : PaymentHistoryGenerator.generate(config)) {
			ledgers.add(GeneratedLedgers.of(c, config.start(), "EUR"));
		}
		long invoices = ledgers.stream().mapToLong(l -> l.invoices().size()).sum();
		System.out.printf(Locale.ROOT, "generated %d customers with %d invoices in %.1f s (not part of the figures)%n",
				customers, invoices, (System.nanoTime() - t0) / 1e9);
		System.out.printf(Locale.ROOT, "as of %s, batches of %d, %d cores, Java %s%n", asOf, batch,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		HistoryOptions options = HistoryOptions.defaults();
		for (int pass = 0; pass <= passes; pass++) { // pass 0 warms up
			long historyNanos = 0;
			long scoreNanos = 0;
			long scored = 0;
			for (int from = 0; from < customers; from += batch) {
				List<CustomerLedger> chunk = ledgers.subList(from, Math.min(customers, from + batch));
				long a = System.nanoTime();
				List<HistoryResult> histories = new ArrayList<>(chunk.size());
				for (CustomerLedger l : chunk) {
					histories.add(LedgerHistory.derive(l, asOf, options));
				}
				long b = System.nanoTime();
				List<CustomerScore> scores = model.scoreHistories(histories);
				scoreNanos += System.nanoTime() - b;
				historyNanos += b - a;
				scored += scores.stream().filter(s -> s.status() == ScoreStatus.SCORED).count();
			}
			System.out.printf(Locale.ROOT,
					"%s %d customers: histories %.2f s (%.1f µs each), scores with reasons "
							+ "%.2f s (%.1f µs each), %d scored%n",
					pass == 0 ? "warm-up" : "pass " + pass, customers, historyNanos / 1e9,
					historyNanos / 1e3 / customers, scoreNanos / 1e9, scoreNanos / 1e3 / customers, scored);
		}
	}

	private static ScoringModel load(String file) throws IOException {
		byte[] bytes;
		if (file != null) {
			bytes = Files.readAllBytes(Path.of(file));
		}
		else {
			try (InputStream in = PortfolioBench.class.getResourceAsStream("/models/champion.tribuo")) {
				if (in == null) {
					throw new IllegalStateException("no /models/champion.tribuo on the classpath: build training-data");
				}
				bytes = in.readAllBytes();
			}
		}
		IntakeResult r = ModelIntake.check(bytes);
		if (r instanceof IntakeResult.Refused refused) {
			throw new IllegalArgumentException("the model was refused: " + refused.code() + ": " + refused.message());
		}
		return ((IntakeResult.Accepted) r).model();
	}

}
