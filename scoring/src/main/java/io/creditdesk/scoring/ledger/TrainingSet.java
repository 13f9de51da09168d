package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A point-in-time training set from the ledger: every customer's history as of each of
 * several as-of dates, each labelled by what happened in the outcome window after it, as
 * the ledger knew it when the set was built. The histories come from
 * {@link LedgerHistory}, the same code that builds the histories live scores are computed
 * on.
 *
 * @param snapshots the labelled histories, customer by customer, as-of dates ascending
 * within a customer
 * @param asOfDates the as-of dates used
 * @param rule the label definition
 * @param insufficient how many (customer, date) pairs had too short a history and were
 * left out
 */
public record TrainingSet(List<Snapshot> snapshots, List<LocalDate> asOfDates, LabelRule rule, int insufficient) {

	public TrainingSet {
		snapshots = List.copyOf(snapshots);
		asOfDates = List.copyOf(asOfDates);
		Objects.requireNonNull(rule, "rule");
	}

	/**
	 * The first days of the months from {@code from} on whose outcome window is over at
	 * {@code observedAt}: the as-of dates a training set built at {@code observedAt} can
	 * label honestly.
	 */
	public static List<LocalDate> monthlyAsOfDates(YearMonth from, Instant observedAt, LabelRule rule,
			HistoryOptions options) {
		List<LocalDate> dates = new ArrayList<>();
		for (LocalDate t = from.atDay(1); windowOver(t, observedAt, rule, options); t = t.plusMonths(1)) {
			dates.add(t);
		}
		return dates;
	}

	private static boolean windowOver(LocalDate asOf, Instant observedAt, LabelRule rule, HistoryOptions options) {
		return !options.cutoff(asOf.plusMonths(rule.horizonMonths()).plusDays(1)).isAfter(observedAt);
	}

	/**
	 * Builds the set. A customer with too short a history as of a date contributes
	 * nothing for that date (it is counted in {@link #insufficient()}).
	 * @param imported imported statements by customer id (may be empty)
	 * @param observedAt what the ledger knew at this instant labels the outcomes; every
	 * outcome window must be over
	 */
	public static TrainingSet build(Collection<CustomerLedger> ledgers, Map<String, ImportedMonths> imported,
			List<LocalDate> asOfDates, HistoryOptions options, LabelRule rule, Instant observedAt) {
		for (LocalDate t : asOfDates) {
			if (!windowOver(t, observedAt, rule, options)) {
				throw new IllegalArgumentException("the outcome window after " + t + " is not over at " + observedAt);
			}
		}
		List<LocalDate> dates = asOfDates.stream().sorted().distinct().toList();
		List<Snapshot> out = new ArrayList<>();
		int insufficient = 0;
		for (CustomerLedger ledger : ledgers) {
			ImportedMonths own = imported.getOrDefault(ledger.customerId(), ImportedMonths.none(ledger.customerId()));
			for (LocalDate t : dates) {
				HistoryResult r = LedgerHistory.derive(ledger, own, t, options);
				if (!r.isAvailable()) {
					insufficient++;
					continue;
				}
				boolean label = LedgerHistory.label(ledger, t, rule, observedAt, options);
				out.add(new Snapshot(t, new LabeledHistory(r.history(), label)));
			}
		}
		return new TrainingSet(out, dates, rule, insufficient);
	}

	/** The labelled histories, for {@code ModelTrainer}. */
	public List<LabeledHistory> histories() {
		return snapshots.stream().map(Snapshot::example).toList();
	}

	/**
	 * The histories for the {@code statements} CSV layout, which holds one history per
	 * customer id: with several as-of dates each history's id becomes
	 * {@code customer@yyyy-MM-dd}.
	 */
	public List<LabeledHistory> forExport() {
		if (dates().size() <= 1) {
			return histories();
		}
		return snapshots.stream().map(s -> {
			PaymentHistory h = s.example().history();
			return new LabeledHistory(new PaymentHistory(h.customerId() + "@" + s.asOf(), h.segment(), h.statements()),
					s.example().defaulted());
		}).toList();
	}

	private List<LocalDate> dates() {
		return snapshots.stream().map(Snapshot::asOf).distinct().toList();
	}
}
