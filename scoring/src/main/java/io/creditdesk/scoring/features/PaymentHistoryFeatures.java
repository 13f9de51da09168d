package io.creditdesk.scoring.features;

import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.tribuo.Example;
import org.tribuo.Output;
import org.tribuo.impl.ArrayExample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one feature definition, used by training, evaluation and live scoring alike.
 * <p>
 * It turns a {@link PaymentHistory} of 6 to 12 months into a fixed vector. Per-month
 * features cover the six most recent months (every valid history has them); aggregates
 * cover the whole history. Only payment behaviour enters: the history type has no field
 * for sex, age, marital status or education, so no loader can smuggle them in.
 * <p>
 * Ratios are clipped so that one odd month (a credit note, a huge prepayment) cannot
 * dominate a linear model. Every feature is always emitted, also when zero, so Tribuo and
 * XGBoost see the same dense layout at training and scoring time.
 */
public final class PaymentHistoryFeatures {

	/** Bumped whenever a feature's meaning changes; recorded in the model card. */
	public static final String VERSION = "payment-history-features/1";

	private static final int MONTHS = PaymentHistory.MIN_MONTHS;

	/** Value of {@code months_since_delay} when the history shows no delay at all. */
	public static final double NEVER_DELAYED = PaymentHistory.MAX_MONTHS + 1;

	private static final List<String> NAMES;

	static {
		List<String> names = new ArrayList<>();
		for (int m = 1; m <= MONTHS; m++) {
			names.add("delay_m" + m);
		}
		names.addAll(List.of("delay_max_3m", "delay_max_6m", "delay_max_all", "delay_trend", "months_delayed_6m",
				"months_delayed_all", "months_since_delay", "share_paid_in_full", "share_no_activity"));
		for (int m = 1; m <= MONTHS; m++) {
			names.add("utilization_m" + m);
		}
		names.addAll(List.of("utilization_max", "utilization_avg", "utilization_trend"));
		for (int m = 1; m <= MONTHS; m++) {
			names.add("pay_ratio_m" + m);
		}
		names.addAll(List.of("pay_ratio_avg", "pay_ratio_min_3m", "unpaid_share_6m"));
		for (int m = 1; m <= MONTHS; m++) {
			names.add("log_billed_m" + m);
		}
		for (int m = 1; m <= MONTHS; m++) {
			names.add("log_paid_m" + m);
		}
		names.addAll(List.of("log_credit_limit", "log_billed_avg", "log_paid_avg", "bill_growth_6m", "history_months"));
		NAMES = Collections.unmodifiableList(names);
	}

	private PaymentHistoryFeatures() {
	}

	/** Feature names in the order of {@link #compute(PaymentHistory)}. */
	public static List<String> featureNames() {
		return NAMES;
	}

	public static int size() {
		return NAMES.size();
	}

	/** Computes the feature vector, in the order of {@link #featureNames()}. */
	public static double[] compute(PaymentHistory history) {
		List<MonthlyStatement> s = history.statements();
		int n = s.size();
		double[] f = new double[NAMES.size()];
		int k = 0;

		// Delay status per month and its summaries.
		for (int m = 0; m < MONTHS; m++) {
			f[k++] = s.get(m).delayStatus();
		}
		f[k++] = maxLate(s, 3);
		f[k++] = maxLate(s, MONTHS);
		f[k++] = maxLate(s, n);
		f[k++] = meanLate(s, 0, 3) - meanLate(s, 3, 6); // > 0: getting later recently
		f[k++] = countLate(s, MONTHS);
		f[k++] = countLate(s, n);
		f[k++] = monthsSinceDelay(s);
		f[k++] = share(s, MonthlyStatement.PAID_IN_FULL);
		f[k++] = share(s, MonthlyStatement.NO_ACTIVITY);

		// Utilization: statement balance over credit limit.
		double utilSum = 0;
		double utilMax = Double.NEGATIVE_INFINITY;
		for (int m = 0; m < n; m++) {
			double u = utilization(s.get(m));
			utilSum += u;
			utilMax = Math.max(utilMax, u);
			if (m < MONTHS) {
				f[k++] = u;
			}
		}
		f[k++] = utilMax;
		f[k++] = utilSum / n;
		f[k++] = utilization(s.get(0)) - (utilization(s.get(3)) + utilization(s.get(4)) + utilization(s.get(5))) / 3.0;

		// Payment ratio: paid this month over the previous month's statement balance.
		double ratioSum = 0;
		double ratioMin3 = Double.POSITIVE_INFINITY;
		for (int m = 0; m < n; m++) {
			double r = payRatio(s, m);
			ratioSum += r;
			if (m < 3) {
				ratioMin3 = Math.min(ratioMin3, r);
			}
			if (m < MONTHS) {
				f[k++] = r;
			}
		}
		f[k++] = ratioSum / n;
		f[k++] = ratioMin3;
		f[k++] = unpaidShare(s);

		// Amounts on a log scale (signed for balances, which can be negative after credit
		// notes).
		double billedSum = 0;
		double paidSum = 0;
		for (int m = 0; m < n; m++) {
			billedSum += s.get(m).billed();
			paidSum += s.get(m).paid();
		}
		for (int m = 0; m < MONTHS; m++) {
			f[k++] = signedLog(s.get(m).billed());
		}
		for (int m = 0; m < MONTHS; m++) {
			f[k++] = signedLog(s.get(m).paid());
		}
		double limit = s.get(0).creditLimit();
		f[k++] = signedLog(limit);
		f[k++] = signedLog(billedSum / n);
		f[k++] = signedLog(paidSum / n);
		f[k++] = clip((s.get(0).billed() - s.get(MONTHS - 1).billed()) / Math.max(limit, 1.0), -3, 3);
		f[k++] = n;

		if (k != f.length) {
			throw new IllegalStateException("feature definition out of sync: " + k + " != " + f.length);
		}
		return f;
	}

	/**
	 * Builds the Tribuo example for a history; {@code output} is the label (or Tribuo's
	 * unknown label when scoring).
	 */
	public static <T extends Output<T>> Example<T> example(PaymentHistory history, T output) {
		double[] values = compute(history);
		return new ArrayExample<>(output, NAMES.toArray(new String[0]), values);
	}

	static double utilization(MonthlyStatement st) {
		return clip(st.billed() / Math.max(st.creditLimit(), 1.0), -1, 3);
	}

	static double payRatio(List<MonthlyStatement> s, int m) {
		// Payments in month m settle the statement of month m+1 (the one before it in
		// time).
		double owed = m + 1 < s.size() ? s.get(m + 1).billed() : s.get(m).billed();
		double paid = s.get(m).paid();
		if (owed <= 0) {
			return paid > 0 ? 2.0 : 1.0; // nothing owed: paid (or prepaid) in full
		}
		return clip(paid / owed, 0, 2);
	}

	/**
	 * 1 - paid / owed over the last 6 months (each month's payments against the balance
	 * of the month before), clipped to [-1, 1]. Negative by design when more was paid
	 * than the balances owed (overpayments, payments of older balances, credit notes
	 * leaving a credit balance): down to -1, paid twice what was owed. Trained and served
	 * with these values; shown as {@code paid 32 % more than billed}
	 * ({@link FeatureCatalogue.Unit#UNPAID_SHARE}).
	 */
	static double unpaidShare(List<MonthlyStatement> s) {
		double owed = 0;
		double paid = 0;
		for (int m = 0; m < MONTHS - 1; m++) {
			owed += Math.max(0, s.get(m + 1).billed());
			paid += s.get(m).paid();
		}
		if (owed <= 0) {
			return 0;
		}
		return clip(1 - paid / owed, -1, 1);
	}

	private static double maxLate(List<MonthlyStatement> s, int months) {
		int max = 0;
		for (int m = 0; m < months; m++) {
			max = Math.max(max, s.get(m).monthsLate());
		}
		return max;
	}

	private static double meanLate(List<MonthlyStatement> s, int from, int to) {
		double sum = 0;
		for (int m = from; m < to; m++) {
			sum += s.get(m).monthsLate();
		}
		return sum / (to - from);
	}

	private static double countLate(List<MonthlyStatement> s, int months) {
		int c = 0;
		for (int m = 0; m < months; m++) {
			if (s.get(m).monthsLate() > 0) {
				c++;
			}
		}
		return c;
	}

	private static double monthsSinceDelay(List<MonthlyStatement> s) {
		for (int m = 0; m < s.size(); m++) {
			if (s.get(m).monthsLate() > 0) {
				return m;
			}
		}
		return NEVER_DELAYED;
	}

	private static double share(List<MonthlyStatement> s, int status) {
		int c = 0;
		for (MonthlyStatement st : s) {
			if (st.delayStatus() == status) {
				c++;
			}
		}
		return (double) c / s.size();
	}

	static double signedLog(double x) {
		return Math.signum(x) * Math.log1p(Math.abs(x));
	}

	static double clip(double x, double lo, double hi) {
		return Math.max(lo, Math.min(hi, x));
	}

}
