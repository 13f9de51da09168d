package io.creditdesk.alert;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * When alerts are raised, from the effective credit policy.
 *
 * @param utilizationThresholds the utilization thresholds, as fractions (0.80 = 80 %),
 * ascending
 * @param rearmMargin a raised threshold is re-armed (and its alert resolved) only once
 * utilization falls below the threshold by this much (0.05 = 5 points)
 * @param criticalUtilization thresholds at or above this are critical, below it warnings
 * @param overdueAmount an overdue amount above this raises an alert (in the credit
 * currency; null: none)
 * @param oldestOverdueDays an invoice overdue this many days raises an alert (0: none)
 * @param expiryLeadDays the limit's expiry is announced this many days ahead
 * @param gradeSteps a grade this many steps worse than the reference raises an alert
 * @param pdIncrease a PD this much above the reference raises an alert (0.05 = 5 points)
 * @param maxPsi a population stability index above this is drift
 */
public record AlertPolicy(List<BigDecimal> utilizationThresholds, BigDecimal rearmMargin,
		BigDecimal criticalUtilization, BigDecimal overdueAmount, int oldestOverdueDays, int expiryLeadDays,
		int gradeSteps, double pdIncrease, double maxPsi) {

	/**
	 * The shipped defaults: 80 %, 95 % and 100 % with a 5-point margin, 95 % and above
	 * critical; no overdue amount threshold; an invoice 30 days overdue; 30 days' notice
	 * of expiry; one grade or 5 points of PD worse; PSI 0.25.
	 */
	public static final AlertPolicy DEFAULT = new AlertPolicy(
			List.of(new BigDecimal("0.80"), new BigDecimal("0.95"), BigDecimal.ONE), new BigDecimal("0.05"),
			new BigDecimal("0.95"), null, 30, 30, 1, 0.05, 0.25);

	public AlertPolicy {
		utilizationThresholds = List.copyOf(utilizationThresholds);
		for (int i = 0; i < utilizationThresholds.size(); i++) {
			BigDecimal threshold = utilizationThresholds.get(i);
			if (threshold.signum() <= 0 || (i > 0 && threshold.compareTo(utilizationThresholds.get(i - 1)) <= 0)) {
				throw new IllegalArgumentException("utilization thresholds must be positive and ascending");
			}
		}
		Objects.requireNonNull(rearmMargin, "rearmMargin");
		Objects.requireNonNull(criticalUtilization, "criticalUtilization");
		if (rearmMargin.signum() < 0 || oldestOverdueDays < 0 || expiryLeadDays < 0 || gradeSteps < 1 || pdIncrease <= 0
				|| maxPsi <= 0) {
			throw new IllegalArgumentException("alert policy figures must not be negative");
		}
	}

}
