package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.MonthlyStatement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one definition of a monthly statement, shared by the ledger ({@link LedgerHistory})
 * and the invoice CSV ({@code InvoiceAggregator}). Both hand over what was known as of
 * the as-of date T; nothing here looks at when a fact was booked.
 * <p>
 * Month m (0 = most recent) covers [T - (m+1) months, T - m months). For each month, with
 * only facts dated before the month's end:
 * <ul>
 * <li>{@code billed}: what was open at the month end on the invoices issued before it
 * (the balance);</li>
 * <li>{@code paid}: payments dated in the month (discounts, credit notes and write-offs
 * are not payments);</li>
 * <li>{@code delayStatus}: the most days past due any invoice open during the month
 * reached (at its closing, or at the month end while still open), in 30-day buckets 1..9;
 * otherwise 0 if something is open at the month end, -1 if the month only saw invoices
 * closed, -2 if nothing happened (the UCI convention);</li>
 * <li>{@code creditLimit}: the limit in force at the month end (the latest that took
 * effect before it); in a month without one, the highest month-end balance of the history
 * (a proxy: utilization then peaks at 1).</li>
 * </ul>
 */
public final class MonthlyStatements {

	private MonthlyStatements() {
	}

	/**
	 * How many months of history a customer that started on {@code first} has as of
	 * {@code asOf}: the months whose end lies after {@code first}, at most
	 * {@code maxMonths}; 0 when {@code first} is null or not before T.
	 */
	public static int monthsSince(LocalDate first, LocalDate asOf, int maxMonths) {
		if (first == null || !first.isBefore(asOf)) {
			return 0;
		}
		int months = 1;
		while (months < maxMonths && asOf.minusMonths(months).isAfter(first)) {
			months++; // month `months - 1` ends after the start: the history reaches
						// further back
		}
		return months;
	}

	/**
	 * The statements of the {@code months} most recent months before {@code asOf}, most
	 * recent first.
	 * @param invoices the invoices known as of T (issued before it, with only the
	 * movements known then)
	 * @param limits the limit changes known as of T; on the same effective day a later
	 * element wins
	 */
	public static List<MonthlyStatement> build(List<InvoiceTimeline> invoices, List<LimitChange> limits, LocalDate asOf,
			int months) {
		BigDecimal[] billed = new BigDecimal[months];
		BigDecimal[] paid = new BigDecimal[months];
		int[] status = new int[months];
		double maxBalance = 0;
		for (int m = 0; m < months; m++) {
			LocalDate start = asOf.minusMonths(m + 1L);
			LocalDate end = asOf.minusMonths(m);
			BigDecimal balance = BigDecimal.ZERO;
			BigDecimal payments = BigDecimal.ZERO;
			long mostDaysLate = 0;
			boolean openAtEnd = false;
			boolean closing = false;
			for (InvoiceTimeline i : invoices) {
				if (!i.issueDate().isBefore(end) || i.closedBefore(start)) {
					continue; // not issued yet, or closed before the month began
				}
				boolean closedInMonth = i.closedBefore(end);
				payments = payments.add(i.paidIn(start, end));
				if (closedInMonth) {
					closing = true;
				}
				else {
					balance = balance.add(i.openBefore(end));
					openAtEnd = true;
				}
				// Days past due reached in the month: at the closing, or at the
				// (exclusive) month end while open, the
				// same instant at which the balance is taken.
				LocalDate last = closedInMonth ? i.closedOn() : end;
				mostDaysLate = Math.max(mostDaysLate, ChronoUnit.DAYS.between(i.dueDate(), last));
			}
			billed[m] = balance;
			paid[m] = payments;
			if (mostDaysLate > 0) {
				status[m] = MonthlyStatement.monthsPastDue(mostDaysLate);
			}
			else if (openAtEnd) {
				status[m] = MonthlyStatement.CURRENT;
			}
			else if (closing) {
				status[m] = MonthlyStatement.PAID_IN_FULL;
			}
			else {
				status[m] = MonthlyStatement.NO_ACTIVITY;
			}
			maxBalance = Math.max(maxBalance, balance.doubleValue());
		}
		// Stable: on the same effective day the later change (in the caller's order)
		// wins.
		List<LimitChange> byEffectiveDate = new ArrayList<>(limits);
		byEffectiveDate.sort(Comparator.comparing(LimitChange::effectiveDate));
		List<MonthlyStatement> out = new ArrayList<>(months);
		for (int m = 0; m < months; m++) {
			LocalDate end = asOf.minusMonths(m);
			double limit = maxBalance;
			for (LimitChange c : byEffectiveDate) {
				if (!c.effectiveDate().isBefore(end)) {
					break;
				}
				limit = c.amount().doubleValue();
			}
			out.add(new MonthlyStatement(limit, billed[m].doubleValue(), paid[m].doubleValue(), status[m]));
		}
		return out;
	}

	/**
	 * The label as of T under {@code rule}: in the outcome window (T, T + horizon] an
	 * invoice is, or becomes, {@code seriousDaysLate} or more days past due while unpaid,
	 * or is closed with more than half of it written off. Days past due count as in the
	 * statements (the window's end is day T + horizon, so an invoice due 60 days before
	 * it is 60 days past due then). A closing on T itself happened before the window
	 * opened.
	 * @param invoices every invoice as known when the outcome is observed (after the
	 * window)
	 */
	public static boolean label(List<InvoiceTimeline> invoices, LocalDate asOf, LabelRule rule) {
		LocalDate windowEnd = asOf.plusMonths(rule.horizonMonths());
		for (InvoiceTimeline i : invoices) {
			LocalDate serious = i.dueDate().plusDays(rule.seriousDaysLate());
			// The first day in the window on which the invoice is seriously late: unpaid
			// then means closed later.
			LocalDate check = serious.isBefore(asOf) ? asOf : serious;
			boolean unpaidThen = i.closedOn() == null || i.closedOn().isAfter(check);
			if (!check.isAfter(windowEnd) && unpaidThen) {
				return true;
			}
			boolean closedInWindow = i.closedOn() != null && i.closedOn().isAfter(asOf)
					&& !i.closedOn().isAfter(windowEnd);
			if (closedInWindow && i.writtenOff().multiply(BigDecimal.valueOf(2)).compareTo(i.amount()) > 0) {
				return true;
			}
		}
		return false;
	}

}
