package io.creditdesk.trainingdata.cli;

import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.InvoiceCsv;
import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.trainingdata.generator.GeneratorConfig;
import io.creditdesk.trainingdata.generator.GeneratorStats;
import io.creditdesk.trainingdata.generator.PaymentHistoryGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes generated samples: <pre>
 * GenerateSamples [--seed 7] [--customers 3000] [--invoice-customers 250] [--out training-data/samples]
 * </pre> producing {@code invoices-sample.csv} (the first {@code invoice-customers}
 * customers, generic invoice layout) and {@code statements-sample.csv} (labelled
 * statement histories of all customers).
 */
public final class GenerateSamples {

	private GenerateSamples() {
	}

	public static void main(String[] args) throws IOException {
		long seed = 7;
		int customers = 3000;
		int invoiceCustomers = 250;
		Path out = Path.of("training-data/samples");
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--seed" -> seed = Long.parseLong(args[i + 1]);
				case "--customers" -> customers = Integer.parseInt(args[i + 1]);
				case "--invoice-customers" -> invoiceCustomers = Integer.parseInt(args[i + 1]);
				case "--out" -> out = Path.of(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Files.createDirectories(out);
		GeneratorConfig config = GeneratorConfig.defaults(seed, customers);
		List<PaymentHistoryGenerator.Customer> all = PaymentHistoryGenerator.generate(config);
		System.out.println("generated " + GeneratorStats.of(all, config));
		List<LabeledHistory> histories = InvoiceAggregator.labeled(PaymentHistoryGenerator.invoices(all),
				InvoiceAggregator.Options.defaults());
		long positives = histories.stream().filter(LabeledHistory::defaulted).count();
		System.out.printf(Locale.ROOT, "%d labelled histories, %.1f %% labelled 1%n", histories.size(),
				100.0 * positives / histories.size());
		StatementsCsv.write(out.resolve("statements-sample.csv"), histories);
		InvoiceCsv.write(out.resolve("invoices-sample.csv"),
				PaymentHistoryGenerator.invoices(all.subList(0, Math.min(invoiceCustomers, all.size()))));
		System.out
			.println("wrote " + out.resolve("statements-sample.csv") + " and " + out.resolve("invoices-sample.csv"));
	}

}
