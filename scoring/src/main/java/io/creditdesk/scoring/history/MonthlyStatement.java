package io.creditdesk.scoring.history;

/**
 * One month of a customer's account, as known at the end of that month.
 *
 * @param creditLimit the credit limit in force (currency units; for invoice data without
 * a limit, a documented proxy)
 * @param billed the statement balance: what the customer owed at the end of the month
 * @param paid what the customer paid during the month
 * @param delayStatus repayment status in the UCI convention: {@link #NO_ACTIVITY} (-2),
 * {@link #PAID_IN_FULL} (-1), {@link #CURRENT} (0, balance open but nothing overdue) or
 * 1..9 = months past due (30-day buckets, capped at 9)
 */
public record MonthlyStatement(double creditLimit, double billed, double paid, int delayStatus) {

	public static final int NO_ACTIVITY = -2;

	public static final int PAID_IN_FULL = -1;

	public static final int CURRENT = 0;

	public static final int MAX_DELAY = 9;

	public MonthlyStatement {
		if (!Double.isFinite(creditLimit) || !Double.isFinite(billed) || !Double.isFinite(paid)) {
			throw new IllegalArgumentException("statement amounts must be finite numbers");
		}
		if (delayStatus < NO_ACTIVITY || delayStatus > MAX_DELAY) {
			throw new IllegalArgumentException("delay status must be in -2..9, was " + delayStatus);
		}
	}

	/**
	 * The status for a number of days past due: 1..30 days is one month, 31..60 two, and
	 * so on, capped at 9.
	 */
	public static int monthsPastDue(long daysPastDue) {
		if (daysPastDue <= 0) {
			return CURRENT;
		}
		return (int) Math.min(MAX_DELAY, (daysPastDue + 29) / 30);
	}

	/** Months past due, treating the non-delay codes as zero. */
	public int monthsLate() {
		return Math.max(0, delayStatus);
	}
}
