package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A customer's payment history <b>as of a date T</b>, from its ledger facts, knowing only
 * what was booked before T began: an invoice, payment, credit note, write-off or limit
 * booked later is invisible, even when it is dated earlier (a back-dated payment changes
 * the history as of later dates, never as of earlier ones), and a fact dated on or after
 * T is not history yet. The months themselves are computed by {@link MonthlyStatements},
 * the definition the invoice CSV uses too. Imported statements fill the months before the
 * ledger's own ({@link HistoryJoin}).
 * <p>
 * Fewer months than {@link HistoryOptions#minMonths()} give an
 * {@code INSUFFICIENT_HISTORY} result, never a guess. Training, back-testing and live
 * scoring all call this class, so they build histories one way.
 */
public final class LedgerHistory {

	private LedgerHistory() {
	}

	/** The history as of {@code asOf} from the ledger alone. */
	public static HistoryResult derive(CustomerLedger ledger, LocalDate asOf, HistoryOptions options) {
		return derive(ledger, ImportedMonths.none(ledger.customerId()), asOf, options);
	}

	/**
	 * The history as of {@code asOf}, the ledger's months joined with imported ones
	 * ({@link HistoryJoin}).
	 */
	public static HistoryResult derive(CustomerLedger ledger, ImportedMonths imported, LocalDate asOf,
			HistoryOptions options) {
		if (!imported.customerId().equals(ledger.customerId())) {
			throw new IllegalArgumentException("imported statements of " + imported.customerId()
					+ " cannot join the ledger of " + ledger.customerId());
		}
		Instant cutoff = options.cutoff(asOf);
		List<InvoiceTimeline> known = new ArrayList<>();
		LocalDate start = ledger.accountOpened() != null && ledger.accountOpened().isBefore(asOf)
				? ledger.accountOpened() : null;
		for (LedgerInvoice invoice : ledger.invoices()) {
			if (invoice.issueDate().isBefore(asOf) && invoice.bookedAt().isBefore(cutoff)) {
				known.add(timeline(invoice, asOf, cutoff));
				start = start == null || invoice.issueDate().isBefore(start) ? invoice.issueDate() : start;
			}
		}
		int ledgerMonths = MonthlyStatements.monthsSince(start, asOf, options.maxMonths());
		List<MonthlyStatement> own = MonthlyStatements.build(known, knownLimits(ledger, asOf, cutoff), asOf,
				ledgerMonths);
		List<MonthlyStatement> joined = new ArrayList<>();
		int importedUsed = 0;
		List<HistoryJoin.Source> plan = HistoryJoin.plan(asOf, start, ledgerMonths, imported.months().keySet(),
				options.maxMonths());
		for (int m = 0; m < plan.size(); m++) {
			if (plan.get(m) == HistoryJoin.Source.LEDGER) {
				joined.add(own.get(m));
			}
			else {
				joined.add(imported.months().get(YearMonth.from(asOf.minusMonths(m + 1L))));
				importedUsed++;
			}
		}
		if (joined.size() < options.minMonths()) {
			return HistoryResult.insufficient(ledger.customerId(), asOf, joined.size(), options.minMonths());
		}
		return HistoryResult.available(asOf, new PaymentHistory(ledger.customerId(), ledger.segment(), joined),
				options.minMonths(), importedUsed);
	}

	/**
	 * The label as of {@code asOf} under {@code rule}, from what the ledger knew at
	 * {@code observedAt} (see {@link MonthlyStatements#label}). The outcome window must
	 * be over by then, or the label would be a guess.
	 * @throws IllegalArgumentException when the window (T, T + horizon] ends after
	 * {@code observedAt}
	 */
	public static boolean label(CustomerLedger ledger, LocalDate asOf, LabelRule rule, Instant observedAt,
			HistoryOptions options) {
		LocalDate windowEnd = asOf.plusMonths(rule.horizonMonths());
		if (options.cutoff(windowEnd.plusDays(1)).isAfter(observedAt)) {
			throw new IllegalArgumentException(
					"the outcome window of " + asOf + " ends on " + windowEnd + ", which is not over at " + observedAt);
		}
		List<InvoiceTimeline> known = new ArrayList<>();
		for (LedgerInvoice invoice : ledger.invoices()) {
			if (invoice.bookedAt().isBefore(observedAt)) {
				known.add(timeline(invoice, LocalDate.MAX, observedAt));
			}
		}
		return MonthlyStatements.label(known, asOf, rule);
	}

	/**
	 * The invoice with the applications dated before {@code before} and booked before
	 * {@code cutoff}.
	 */
	static InvoiceTimeline timeline(LedgerInvoice invoice, LocalDate before, Instant cutoff) {
		List<Application> known = new ArrayList<>();
		for (Application a : invoice.applications()) {
			if (a.date().isBefore(before) && a.bookedAt().isBefore(cutoff)) {
				known.add(a);
			}
		}
		known.sort(Comparator.comparing(Application::date));
		List<InvoiceTimeline.Movement> movements = new ArrayList<>(known.size());
		BigDecimal applied = BigDecimal.ZERO;
		LocalDate closedOn = null;
		for (Application a : known) {
			movements.add(new InvoiceTimeline.Movement(a.date(), a.kind(), a.amount()));
			applied = applied.add(a.amount());
			if (closedOn == null && applied.compareTo(invoice.amount()) >= 0) {
				closedOn = a.date();
			}
		}
		return new InvoiceTimeline(invoice.issueDate(), invoice.dueDate(), invoice.amount(), closedOn, movements);
	}

	/**
	 * Limits that took effect before T and were booked before the cut-off; on the same
	 * day, the later booking wins.
	 */
	private static List<LimitChange> knownLimits(CustomerLedger ledger, LocalDate asOf, Instant cutoff) {
		List<LimitChange> known = new ArrayList<>();
		for (LimitChange c : ledger.limitChanges()) {
			if (c.effectiveDate().isBefore(asOf) && c.bookedAt().isBefore(cutoff)) {
				known.add(c);
			}
		}
		known.sort(Comparator.comparing(LimitChange::bookedAt));
		return known;
	}

}
