package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * The guardrails of automatic limit adjustment, set per policy level (segment, tier,
 * vertical, global) by the CFO. Amounts are in the currency of the figures they are used
 * with (the service converts a level's amounts at the stored rate).
 *
 * @param bufferDays days of purchases added to the payment terms for the target: target =
 * monthly purchases x (terms days + buffer days) / 30 x the grade's multiplier
 * @param gradeMultipliers the grade's multiplier of the target (every grade)
 * @param deadBandPercent no change while the target is within this percentage of the
 * current limit (stops limits from flapping)
 * @param maxStepUpPercent the largest increase per change, in percent of the current
 * limit
 * @param maxStepUpAmount the largest increase per change as an amount
 * @param maxStepDownPercent the largest ordinary decrease per change, in percent
 * @param maxStepDownAmount the largest ordinary decrease per change as an amount
 * @param cooldownDays days after a change before the next ordinary one
 * @param minMonthsForIncrease months of history any increase needs
 * @param maxOverdueForIncrease no increase with more open overdue than this
 * @param noIncreaseGrades grades that never get an increase
 * @param minOnTimeRate no increase below this share of invoices paid on time (0 to 1)
 * @param maxWorstDaysLate no increase when the worst delay was longer
 * @param dsoToleranceDays no increase when DSO exceeds the terms by more than this
 * @param minPeakUtilizationForIncrease no increase for a customer whose peak utilization
 * over 90 days stayed below this (0 to 1): it does not need more
 * @param roundingUnit limits are multiples of this (increases round down, decreases up)
 * @param autoUpPercent an increase up to this percentage ...
 * @param autoUpAmount ... and this amount is applied directly; larger ones are routed
 * @param autoApplyDecreases ordinary decreases are applied directly (otherwise routed)
 * @param severeGrade this grade or worse is severe deterioration: reduced at once
 * @param severeOverdueDays an invoice this many days overdue is severe deterioration
 * @param allowBelowExposure a decrease may go below the current exposure (orders are then
 * held); otherwise it stops at the exposure
 */
public record LimitAdjustmentPolicy(int bufferDays, Map<RiskGrade, BigDecimal> gradeMultipliers,
		BigDecimal deadBandPercent, BigDecimal maxStepUpPercent, BigDecimal maxStepUpAmount,
		BigDecimal maxStepDownPercent, BigDecimal maxStepDownAmount, int cooldownDays, int minMonthsForIncrease,
		BigDecimal maxOverdueForIncrease, Set<RiskGrade> noIncreaseGrades, BigDecimal minOnTimeRate,
		int maxWorstDaysLate, int dsoToleranceDays, BigDecimal minPeakUtilizationForIncrease, BigDecimal roundingUnit,
		BigDecimal autoUpPercent, BigDecimal autoUpAmount, boolean autoApplyDecreases, RiskGrade severeGrade,
		int severeOverdueDays, boolean allowBelowExposure) {

	/**
	 * The shipped defaults: 15 buffer days; multipliers A 1.25, B 1.10, C 1.00, D 0.75, E
	 * 0.50; a 5 % dead band; steps of at most 25 % or 50,000 up and 30 % or 100,000 down;
	 * 30 days' cooldown; 6 months of history and no overdue above 1,000 for an increase,
	 * none for grades D and E, none below 80 % paid on time, a worst delay over 30 days
	 * or DSO beyond terms + 15 days, none below 50 % peak utilization; limits in units of
	 * 1,000; increases up to 10 % and 10,000 applied directly, decreases routed; grade E
	 * or 60 days overdue reduces at once, never below the exposure.
	 */
	public static final LimitAdjustmentPolicy DEFAULT = new LimitAdjustmentPolicy(15,
			Map.of(RiskGrade.A, new BigDecimal("1.25"), RiskGrade.B, new BigDecimal("1.10"), RiskGrade.C,
					BigDecimal.ONE, RiskGrade.D, new BigDecimal("0.75"), RiskGrade.E, new BigDecimal("0.50")),
			new BigDecimal("5"), new BigDecimal("25"), new BigDecimal("50000"), new BigDecimal("30"),
			new BigDecimal("100000"), 30, 6, new BigDecimal("1000"), EnumSet.of(RiskGrade.D, RiskGrade.E),
			new BigDecimal("0.80"), 30, 15, new BigDecimal("0.50"), new BigDecimal("1000"), BigDecimal.TEN,
			new BigDecimal("10000"), false, RiskGrade.E, 60, false);

	public LimitAdjustmentPolicy {
		Objects.requireNonNull(gradeMultipliers, "gradeMultipliers");
		EnumMap<RiskGrade, BigDecimal> multipliers = new EnumMap<>(RiskGrade.class);
		multipliers.putAll(gradeMultipliers);
		for (RiskGrade grade : RiskGrade.values()) {
			BigDecimal multiplier = multipliers.get(grade);
			if (multiplier == null || multiplier.signum() < 0) {
				throw new IllegalArgumentException("grade " + grade + " needs a multiplier of 0 or more");
			}
		}
		gradeMultipliers = Map.copyOf(multipliers);
		noIncreaseGrades = (noIncreaseGrades == null) ? Set.of() : Set.copyOf(noIncreaseGrades);
		Objects.requireNonNull(severeGrade, "severeGrade");
		requireNonNegative("deadBandPercent", deadBandPercent);
		requireNonNegative("maxStepUpPercent", maxStepUpPercent);
		requireNonNegative("maxStepUpAmount", maxStepUpAmount);
		requireNonNegative("maxStepDownPercent", maxStepDownPercent);
		requireNonNegative("maxStepDownAmount", maxStepDownAmount);
		requireNonNegative("maxOverdueForIncrease", maxOverdueForIncrease);
		requireNonNegative("minOnTimeRate", minOnTimeRate);
		requireNonNegative("minPeakUtilizationForIncrease", minPeakUtilizationForIncrease);
		requireNonNegative("autoUpPercent", autoUpPercent);
		requireNonNegative("autoUpAmount", autoUpAmount);
		Objects.requireNonNull(roundingUnit, "roundingUnit");
		if (roundingUnit.signum() <= 0) {
			throw new IllegalArgumentException("roundingUnit must be positive");
		}
		if (maxStepDownPercent.compareTo(new BigDecimal("100")) > 0) {
			throw new IllegalArgumentException("maxStepDownPercent must be at most 100");
		}
		if (bufferDays < 0 || cooldownDays < 0 || minMonthsForIncrease < 0 || maxWorstDaysLate < 0
				|| dsoToleranceDays < 0 || severeOverdueDays < 1) {
			throw new IllegalArgumentException("day and month counts must not be negative");
		}
	}

	private static void requireNonNegative(String name, BigDecimal value) {
		Objects.requireNonNull(value, name);
		if (value.signum() < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
	}

}
