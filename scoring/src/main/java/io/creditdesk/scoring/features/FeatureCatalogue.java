package io.creditdesk.scoring.features;

import io.creditdesk.scoring.history.PaymentHistory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every feature of {@link PaymentHistoryFeatures} means, in words a credit analyst
 * understands, and how to show a customer's value of it. Reason codes, model cards and
 * the service's GraphQL descriptions read this one catalogue, so a feature is described
 * the same way everywhere; a test keeps it complete.
 */
public final class FeatureCatalogue {

	/** How a feature's value reads. */
	public enum Unit {

		/**
		 * A month's delay status: -2 no activity, -1 paid in full, 0 nothing overdue, n
		 * months past due.
		 */
		DELAY_STATUS,
		/** Months past due (0 = none). */
		MONTHS_PAST_DUE,
		/** A change in months past due. */
		MONTHS_CHANGE,
		/** A number of months. */
		MONTHS,
		/**
		 * Months since the last delay; {@link PaymentHistoryFeatures#NEVER_DELAYED} =
		 * never.
		 */
		MONTHS_SINCE,
		/** A ratio shown as a percentage. */
		PERCENT,
		/** A change in a ratio, in percentage points. */
		PERCENT_CHANGE,
		/**
		 * A share left unpaid, shown as a percentage; negative when more was paid than
		 * billed (overpayments, payments of older balances, credit balances), shown as
		 * such ({@code paid 32 % more than billed}), never as a negative share.
		 */
		UNPAID_SHARE,
		/** An amount in the credit currency, stored as sign(x) * ln(1 + |x|). */
		LOG_AMOUNT

	}

	/** One feature's description and unit. */
	public record Entry(String feature, String description, Unit unit) {

		/** The value as a person reads it, e.g. "2 months past due", "85 %", "12,400". */
		public String format(double value) {
			return switch (unit) {
				case DELAY_STATUS -> value <= -2 ? "no activity"
						: value <= -1 ? "paid in full" : value < 0.5 ? "nothing overdue" : monthsPastDue(value);
				case MONTHS_PAST_DUE -> value < 0.5 ? "never overdue" : monthsPastDue(value);
				case MONTHS_CHANGE -> String.format(Locale.ROOT, "%+.2f months past due", value);
				case MONTHS -> months(value);
				case MONTHS_SINCE -> value >= PaymentHistoryFeatures.NEVER_DELAYED ? "never overdue"
						: value < 0.5 ? "overdue in the latest month" : months(value);
				case PERCENT -> String.format(Locale.ROOT, "%.0f %%", 100 * value);
				case PERCENT_CHANGE -> String.format(Locale.ROOT, "%+.0f points", 100 * value);
				case UNPAID_SHARE -> (Math.round(100 * value) < 0)
						? String.format(Locale.ROOT, "paid %.0f %% more than billed", -100 * value)
						: String.format(Locale.ROOT, "%.0f %%", Math.max(0, 100 * value));
				case LOG_AMOUNT ->
					String.format(Locale.ROOT, "%,.0f", Math.signum(value) * Math.expm1(Math.abs(value)));
			};
		}

		private static String monthsPastDue(double value) {
			return months(value) + " past due";
		}

		private static String months(double value) {
			boolean whole = value == Math.rint(value);
			String n = whole ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
			return n + (whole && (long) value == 1 ? " month" : " months");
		}
	}

	private static final Map<String, Entry> ENTRIES;

	static {
		Map<String, Entry> m = new LinkedHashMap<>();
		for (int k = 1; k <= PaymentHistory.MIN_MONTHS; k++) { // the per-month features
																// cover 6 months
			String when = when(k);
			put(m, "delay_m" + k, "Payment delay " + when, Unit.DELAY_STATUS);
			put(m, "utilization_m" + k, "Credit used (balance / limit) at the end of " + month(k), Unit.PERCENT);
			put(m, "pay_ratio_m" + k, "Paid " + when + ", as a share of the balance owed the month before",
					Unit.PERCENT);
			put(m, "log_billed_m" + k, "Balance owed at the end of " + month(k), Unit.LOG_AMOUNT);
			put(m, "log_paid_m" + k, "Amount paid " + when, Unit.LOG_AMOUNT);
		}
		put(m, "delay_max_3m", "Worst payment delay in the last 3 months", Unit.MONTHS_PAST_DUE);
		put(m, "delay_max_6m", "Worst payment delay in the last 6 months", Unit.MONTHS_PAST_DUE);
		put(m, "delay_max_all", "Worst payment delay over the whole history", Unit.MONTHS_PAST_DUE);
		put(m, "delay_trend", "Change in lateness: average delay of the last 3 months minus the 3 before",
				Unit.MONTHS_CHANGE);
		put(m, "months_delayed_6m", "Months with an overdue invoice in the last 6 months", Unit.MONTHS);
		put(m, "months_delayed_all", "Months with an overdue invoice over the whole history", Unit.MONTHS);
		put(m, "months_since_delay", "Months since an invoice was last overdue", Unit.MONTHS_SINCE);
		put(m, "share_paid_in_full", "Share of months that ended with everything paid", Unit.PERCENT);
		put(m, "share_no_activity", "Share of months without any invoice or payment", Unit.PERCENT);
		put(m, "utilization_max", "Highest credit utilization over the history", Unit.PERCENT);
		put(m, "utilization_avg", "Average credit utilization over the history", Unit.PERCENT);
		put(m, "utilization_trend", "Change in credit utilization: latest month minus the average of months 4 to 6",
				Unit.PERCENT_CHANGE);
		put(m, "pay_ratio_avg", "Average share of the previous month's balance paid each month", Unit.PERCENT);
		put(m, "pay_ratio_min_3m", "Lowest share of the previous month's balance paid in the last 3 months",
				Unit.PERCENT);
		put(m, "unpaid_share_6m",
				"Share of the balances of the last 6 months left unpaid (negative when more was paid than billed)",
				Unit.UNPAID_SHARE);
		put(m, "log_credit_limit", "Credit limit", Unit.LOG_AMOUNT);
		put(m, "log_billed_avg", "Average month-end balance", Unit.LOG_AMOUNT);
		put(m, "log_paid_avg", "Average amount paid per month", Unit.LOG_AMOUNT);
		put(m, "bill_growth_6m", "Growth of the balance over the last 6 months, relative to the credit limit",
				Unit.PERCENT_CHANGE);
		put(m, "history_months", "Months of payment history", Unit.MONTHS);
		ENTRIES = Collections.unmodifiableMap(m);
	}

	private FeatureCatalogue() {
	}

	private static void put(Map<String, Entry> m, String feature, String description, Unit unit) {
		m.put(feature, new Entry(feature, description, unit));
	}

	private static String when(int k) {
		return k == 1 ? "in the latest month" : (k - 1) + (k == 2 ? " month" : " months") + " before the latest month";
	}

	private static String month(int k) {
		return k == 1 ? "the latest month" : (k - 1) + (k == 2 ? " month" : " months") + " before the latest month";
	}

	/**
	 * The entry of a feature.
	 * @throws IllegalArgumentException for a name {@link PaymentHistoryFeatures} does not
	 * produce
	 */
	public static Entry of(String feature) {
		Entry e = ENTRIES.get(feature);
		if (e == null) {
			throw new IllegalArgumentException("no feature '" + feature + "' in " + PaymentHistoryFeatures.VERSION);
		}
		return e;
	}

	public static String describe(String feature) {
		return of(feature).description();
	}

	/** Every entry, in catalogue order. */
	public static List<Entry> all() {
		return List.copyOf(ENTRIES.values());
	}

}
