package io.creditdesk.trainingdata;

import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.InvoiceCsv;
import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.evaluation.CrossValidation;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import io.creditdesk.trainingdata.cli.GenerateSamples;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed samples are what the documented command produces, small, and good enough
 * to learn from.
 */
class SamplesTests {

	static final Path SAMPLES = Path.of("samples");

	@TempDir
	Path tmp;

	@Test
	void committedSamplesAreReproducibleFromTheirSeed() throws Exception {
		GenerateSamples.main(new String[] { "--out", tmp.toString() });
		for (String f : List.of("invoices-sample.csv", "statements-sample.csv")) {
			assertThat(Files.mismatch(tmp.resolve(f), SAMPLES.resolve(f))).as(f).isEqualTo(-1L);
			assertThat(Files.size(SAMPLES.resolve(f))).as(f).isLessThan(2_500_000);
		}
	}

	@Test
	void samplesLoadThroughTheScoringLoaders() {
		List<LabeledHistory> statements = StatementsCsv.load(SAMPLES.resolve("statements-sample.csv"));
		assertThat(statements).hasSizeGreaterThan(2500);
		double rate = statements.stream().filter(LabeledHistory::defaulted).count() / (double) statements.size();
		assertThat(rate).isBetween(0.05, 0.18);
		List<LabeledHistory> fromInvoices = InvoiceAggregator
			.labeled(InvoiceCsv.read(SAMPLES.resolve("invoices-sample.csv")), InvoiceAggregator.Options.defaults());
		assertThat(fromInvoices).hasSizeGreaterThan(200);
		// The invoice sample is the first customers of the statements sample: same
		// histories (amounts in cents).
		for (int i = 0; i < 50; i++) {
			var s = statements.get(i);
			var f = fromInvoices.get(i);
			assertThat(s.history().customerId()).isEqualTo(f.history().customerId());
			assertThat(s.defaulted()).isEqualTo(f.defaulted());
			assertThat(s.history().length()).isEqualTo(f.history().length());
			for (int m = 0; m < s.history().length(); m++) {
				assertThat(s.history().month(m).delayStatus()).isEqualTo(f.history().month(m).delayStatus());
				assertThat(s.history().month(m).billed()).isCloseTo(f.history().month(m).billed(),
						Assertions.within(0.006));
			}
		}
	}

	@Test
	void aModelLearnsFromTheGeneratedHistories() {
		List<LabeledHistory> statements = StatementsCsv.load(SAMPLES.resolve("statements-sample.csv"));
		CrossValidation.Result r = CrossValidation.run(statements, TrainingConfig.defaults(TrainerKind.LOGISTIC), 3,
				null);
		assertThat(r.pooled().auc()).isGreaterThan(0.85);
		assertThat(r.pooled().topDecileLift()).isGreaterThan(4);
	}

}
