package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.data.Invoice;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.InvoiceCsv;
import io.creditdesk.scoring.evaluation.Metrics;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.creditdesk.scoring.ledger.LedgerFacts.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training sets from ledger facts over several as-of dates: labelled as of the
 * observation, the same examples the committed samples hold for the same date, an
 * out-of-time split without overlap, and a model that learns from it.
 */
class TrainingSetTests {

	static final HistoryOptions OPTIONS = HistoryOptions.defaults();

	/** The invoice sample runs from January 2024 to June 2025. */
	static final Instant OBSERVED = d("2025-07-01").atStartOfDay().toInstant(ZoneOffset.UTC);

	static List<Invoice> invoices;
	static List<CustomerLedger> ledgers;
	static TrainingSet set;

	@BeforeAll
	static void build() {
		invoices = InvoiceCsv.read(Path.of("../training-data/samples/invoices-sample.csv"));
		ledgers = LedgerFacts.fromInvoiceCsv(invoices);
		List<LocalDate> dates = TrainingSet.monthlyAsOfDates(YearMonth.of(2024, 7), OBSERVED, LabelRule.DEFAULT,
				OPTIONS);
		set = TrainingSet.build(ledgers, Map.of(), dates, OPTIONS, LabelRule.DEFAULT, OBSERVED);
	}

	@Test
	void asOfDatesAreTheMonthsWhoseOutcomeWindowIsOverWhenObserved() {
		// 2025-03-01 + 3 months = 2025-06-01, known by 2025-07-01; 2025-04-01's window
		// ends on 2025-07-01 itself.
		assertThat(set.asOfDates()).first().isEqualTo(d("2024-07-01"));
		assertThat(set.asOfDates()).last().isEqualTo(d("2025-03-01"));
		assertThat(set.asOfDates()).hasSize(9);
		assertThat(TrainingSet.monthlyAsOfDates(YearMonth.of(2025, 4),
				d("2025-07-02").atStartOfDay().toInstant(ZoneOffset.UTC), LabelRule.DEFAULT, OPTIONS))
			.containsExactly(d("2025-04-01"));
		assertThatThrownBy(() -> TrainingSet.build(ledgers, Map.of(), List.of(d("2025-04-01")), OPTIONS,
				LabelRule.DEFAULT, OBSERVED))
			.hasMessageContaining("not over");
	}

	@Test
	void theExamplesAsOfADateAreTheOnesTheCommittedSampleHolds() {
		// statements-sample.csv was aggregated from these invoices as of 2025-03-01 with
		// the same label.
		List<LabeledHistory> sample = InvoiceAggregator.labeled(invoices, InvoiceAggregator.Options.defaults());
		List<LabeledHistory> ours = set.snapshots()
			.stream()
			.filter(s -> s.asOf().equals(d("2025-03-01")))
			.map(Snapshot::example)
			.toList();
		assertThat(ours).isEqualTo(sample);
		assertThat(set.snapshots()).hasSize(ledgers.size() * 9 - set.insufficient());
		assertThat(set.insufficient()).isPositive(); // a few customers start late
	}

	@Test
	void theOutOfTimeSplitHoldsOutTheLatestMonthsAndDropsExamplesWhoseOutcomeOverlapsThem() {
		OutOfTimeSplit split = OutOfTimeSplit.latestMonths(set.snapshots(), 2, LabelRule.DEFAULT);
		assertThat(split.holdoutFrom()).isEqualTo(d("2025-02-01"));
		assertThat(split.holdout()).extracting(Snapshot::asOf).containsOnly(d("2025-02-01"), d("2025-03-01"));
		assertThat(split.training()).extracting(Snapshot::asOf)
			.allSatisfy(t -> assertThat(t.plusMonths(3)).isBeforeOrEqualTo(d("2025-02-01")));
		assertThat(split.training()).extracting(Snapshot::asOf)
			.contains(d("2024-11-01"))
			.doesNotContain(d("2024-12-01"), d("2025-01-01"));
		assertThat(split.training().size() + split.holdout().size() + split.dropped())
			.isEqualTo(set.snapshots().size());
		assertThatThrownBy(() -> OutOfTimeSplit.latestMonths(set.snapshots(), 8, LabelRule.DEFAULT))
			.hasMessageContaining("no training examples");
	}

	@Test
	void aModelTrainedOnEarlierMonthsRanksTheHeldOutMonths() {
		OutOfTimeSplit split = OutOfTimeSplit.latestMonths(set.snapshots(), 2, LabelRule.DEFAULT);
		List<LabeledHistory> train = split.training().stream().map(Snapshot::example).toList();
		ScoringModel model = ModelTrainer.train(train, TrainingConfig.defaults(TrainerKind.LOGISTIC), "ledger", "");
		List<PaymentHistory> holdout = split.holdout().stream().map(s -> s.example().history()).toList();
		boolean[] y = new boolean[holdout.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = split.holdout().get(i).example().defaulted();
		}
		assertThat(Metrics.rocAuc(model.probabilities(holdout), y)).isGreaterThan(0.8);
	}

	@Test
	void theExportNamesEachHistoryByCustomerAndDate() {
		List<LabeledHistory> export = set.forExport();
		assertThat(export).hasSameSizeAs(set.snapshots());
		Snapshot first = set.snapshots().get(0);
		assertThat(export.get(0).history().customerId()).isEqualTo(first.customerId() + "@" + first.asOf());
		assertThat(export.get(0).history().statements()).isEqualTo(first.example().history().statements());
		assertThat(export).extracting(h -> h.history().customerId()).doesNotHaveDuplicates();
		TrainingSet one = TrainingSet.build(ledgers.subList(0, 3), Map.of(), List.of(d("2025-03-01")), OPTIONS,
				LabelRule.DEFAULT, OBSERVED);
		assertThat(one.forExport().get(0).history().customerId()).isEqualTo(ledgers.get(0).customerId());
	}

}
