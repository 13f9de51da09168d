package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.InvoiceTimeline;
import io.creditdesk.scoring.ledger.LabelRule;
import io.creditdesk.scoring.ledger.LimitChange;
import io.creditdesk.scoring.ledger.MonthlyStatements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns invoice-level data (the generic invoice CSV, the IBM sample) into the monthly
 * statements the model reads, <b>as known on an as-of date T</b>, and derives the label
 * from what happened in the months after T.
 * <p>
 * The months are computed by {@link MonthlyStatements}, the one definition the service's
 * ledger uses too ({@link io.creditdesk.scoring.ledger.LedgerHistory}): month m (0 = most
 * recent) covers [T - (m+1) months, T - m months); {@code billed} is what is open at the
 * month end, {@code paid} what was paid in the month, {@code delayStatus} the most days
 * past due reached in the month in 30-day buckets (or 0 / -1 / -2 in the UCI convention),
 * {@code creditLimit} the limit in force at the month end. In invoice terms: a settled
 * invoice is a payment of {@code paid_amount} on {@code settled_date} plus, when less was
 * paid, a write-off of the rest on that day; the {@code credit_limit} on an invoice is
 * the limit in force from its invoice date; without any limit, the highest month-end
 * balance of the history stands in (a proxy: utilization then peaks at 1).
 * <p>
 * <b>Leakage rules.</b> A settlement on or after T is invisible (the invoice counts as
 * open), a limit recorded on a later invoice never applies to an earlier month, and
 * {@code disputed} is never read: it is only known once the invoice is settled. Customers
 * need at least {@link PaymentHistory#MIN_MONTHS} months of history before T (counted
 * from their first invoice); at most {@link Options#historyMonths()} are used. Customers
 * with less are left out: there is nothing to score them on.
 * <p>
 * <b>Label.</b> 1 when, in the window (T, T + horizon], an invoice is or becomes
 * {@code seriousDaysLate} days past due while unpaid, or is closed with less than half of
 * it paid (a write-off).
 */
public final class InvoiceAggregator {

	private InvoiceAggregator() {
	}

	/**
	 * Aggregation settings.
	 *
	 * @param asOf the as-of date T, or null for the default of the call ({@link #labeled}
	 * and {@link #histories} differ, see there)
	 * @param historyMonths at most this many months of history (6-12)
	 * @param horizonMonths length of the outcome window after T, in months
	 * @param seriousDaysLate days past due that count as serious delinquency in the label
	 */
	public record Options(LocalDate asOf, int historyMonths, int horizonMonths, int seriousDaysLate) {

		public Options {
			if (historyMonths < PaymentHistory.MIN_MONTHS || historyMonths > PaymentHistory.MAX_MONTHS) {
				throw new IllegalArgumentException("history months must be " + PaymentHistory.MIN_MONTHS + " to "
						+ PaymentHistory.MAX_MONTHS + ", was " + historyMonths);
			}
			if (horizonMonths < 1 || horizonMonths > 24) {
				throw new IllegalArgumentException("horizon months must be 1 to 24, was " + horizonMonths);
			}
			if (seriousDaysLate < 1) {
				throw new IllegalArgumentException("serious days late must be at least 1, was " + seriousDaysLate);
			}
		}

		/**
		 * No as-of date (the call's default), 12 months of history, a 3-month horizon, 60
		 * days.
		 */
		public static Options defaults() {
			return new Options(null, PaymentHistory.MAX_MONTHS, 3, 60);
		}

		public Options withAsOf(LocalDate date) {
			return new Options(date, historyMonths, horizonMonths, seriousDaysLate);
		}
	}

	/**
	 * Labelled histories for training and evaluation. Without an as-of date, T is the
	 * first day of the latest invoice's month minus the horizon, so that the whole
	 * outcome window lies inside the data.
	 */
	public static List<LabeledHistory> labeled(List<Invoice> invoices, Options options) {
		LocalDate asOf = options.asOf() != null ? options.asOf() : trainingAsOf(invoices, options.horizonMonths());
		List<LabeledHistory> out = new ArrayList<>();
		byCustomer(invoices).forEach((customer, own) -> {
			PaymentHistory h = history(customer, own, asOf, options.historyMonths());
			if (h != null) {
				out.add(new LabeledHistory(h, label(own, asOf, options.horizonMonths(), options.seriousDaysLate())));
			}
		});
		return out;
	}

	/**
	 * Histories for scoring, one per customer with enough history. Without an as-of date,
	 * T is the first day of the month after the latest invoice: everything known counts.
	 */
	public static List<PaymentHistory> histories(List<Invoice> invoices, Options options) {
		LocalDate asOf = options.asOf() != null ? options.asOf() : scoringAsOf(invoices);
		List<PaymentHistory> out = new ArrayList<>();
		byCustomer(invoices).forEach((customer, own) -> {
			PaymentHistory h = history(customer, own, asOf, options.historyMonths());
			if (h != null) {
				out.add(h);
			}
		});
		return out;
	}

	/**
	 * The default as-of date for training: first day of the latest invoice's month, minus
	 * the horizon.
	 */
	public static LocalDate trainingAsOf(List<Invoice> invoices, int horizonMonths) {
		return latestInvoiceDate(invoices).withDayOfMonth(1).minusMonths(horizonMonths);
	}

	/**
	 * The default as-of date for scoring: first day of the month after the latest
	 * invoice.
	 */
	public static LocalDate scoringAsOf(List<Invoice> invoices) {
		return latestInvoiceDate(invoices).withDayOfMonth(1).plusMonths(1);
	}

	private static LocalDate latestInvoiceDate(List<Invoice> invoices) {
		return invoices.stream()
			.map(Invoice::invoiceDate)
			.max(LocalDate::compareTo)
			.orElseThrow(() -> new IllegalArgumentException("no invoices: cannot choose an as-of date"));
	}

	/**
	 * Groups by customer, in order of first appearance (so output follows the input
	 * file).
	 */
	private static Map<String, List<Invoice>> byCustomer(List<Invoice> invoices) {
		Map<String, List<Invoice>> map = new LinkedHashMap<>();
		for (Invoice i : invoices) {
			map.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i);
		}
		return map;
	}

	/**
	 * One customer's history as known on {@code asOf}, or null when the customer has
	 * fewer than {@link PaymentHistory#MIN_MONTHS} months of history before it.
	 */
	static PaymentHistory history(String customer, List<Invoice> invoices, LocalDate asOf, int maxMonths) {
		// Only invoices issued before T exist as of T, and only settlements before T are
		// known then.
		List<Invoice> known = invoices.stream().filter(i -> i.invoiceDate().isBefore(asOf)).toList();
		LocalDate first = known.stream().map(Invoice::invoiceDate).min(LocalDate::compareTo).orElse(null);
		int months = MonthlyStatements.monthsSince(first, asOf, maxMonths);
		if (months < PaymentHistory.MIN_MONTHS) {
			return null;
		}
		List<InvoiceTimeline> timelines = new ArrayList<>(known.size());
		List<LimitChange> limits = new ArrayList<>();
		for (Invoice i : known) {
			timelines.add(timeline(i, asOf));
			if (i.hasCreditLimit()) {
				limits.add(limitChange(i));
			}
		}
		return new PaymentHistory(customer, segment(known), MonthlyStatements.build(timelines, limits, asOf, months));
	}

	/**
	 * The invoice in the form the shared definition reads: closed on its settlement date
	 * if that is before {@code knownBefore}, with the paid amount as a payment and any
	 * shortfall as a write-off on that day.
	 */
	static InvoiceTimeline timeline(Invoice i, LocalDate knownBefore) {
		BigDecimal amount = BigDecimal.valueOf(i.amount());
		if (!i.settledBefore(knownBefore)) {
			return new InvoiceTimeline(i.invoiceDate(), i.dueDate(), amount, null, List.of());
		}
		BigDecimal paid = BigDecimal.valueOf(i.paidAmount());
		List<InvoiceTimeline.Movement> movements = new ArrayList<>(2);
		movements.add(new InvoiceTimeline.Movement(i.settledDate(), ApplicationKind.PAYMENT, paid));
		BigDecimal shortfall = amount.subtract(paid);
		if (shortfall.signum() > 0) {
			movements.add(new InvoiceTimeline.Movement(i.settledDate(), ApplicationKind.WRITE_OFF, shortfall));
		}
		return new InvoiceTimeline(i.invoiceDate(), i.dueDate(), amount, i.settledDate(), movements);
	}

	/**
	 * The limit recorded on an invoice, read as in force from the invoice date (the file
	 * has no booking times).
	 */
	private static LimitChange limitChange(Invoice i) {
		return new LimitChange(i.invoiceDate(), BigDecimal.valueOf(i.creditLimit()),
				i.invoiceDate().atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	/** The segment of the customer's latest invoice that names one. */
	private static String segment(List<Invoice> known) {
		Invoice latest = null;
		for (Invoice i : known) {
			if (!i.segment().isEmpty() && (latest == null || !i.invoiceDate().isBefore(latest.invoiceDate()))) {
				latest = i;
			}
		}
		return latest == null ? "" : latest.segment();
	}

	/**
	 * The label: in the outcome window (T, T + horizon] an invoice of the customer is, or
	 * becomes, {@code seriousDays} or more days past due while unpaid, or is closed with
	 * less than half of it paid (a write-off). The definition is
	 * {@link MonthlyStatements#label}, shared with the ledger.
	 */
	static boolean label(List<Invoice> invoices, LocalDate asOf, int horizonMonths, int seriousDays) {
		Objects.requireNonNull(asOf, "asOf");
		List<InvoiceTimeline> timelines = new ArrayList<>(invoices.size());
		for (Invoice i : invoices) {
			timelines.add(timeline(i, LocalDate.MAX));
		}
		return MonthlyStatements.label(timelines, asOf, new LabelRule(horizonMonths, seriousDays));
	}

}
