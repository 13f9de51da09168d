package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * A limit adjustment policy as a person writes it (GraphQL
 * {@code LimitAdjustmentPolicyInput}): the guardrails of {@link LimitAdjustmentPolicy}
 * with their amounts in {@code currency}, every field optional. An unset field takes the
 * shipped default ({@link LimitAdjustmentPolicy#DEFAULT}), so a CFO writes only what
 * differs. Both the stored policy of a level ({@code upsertLimitAdjustmentPolicy}) and a
 * draft replayed on history ({@code simulateLimitPolicy}) are read through
 * {@link #toPolicy(Validation)}, so the two can never accept different policies.
 *
 * @param currency the ISO 4217 currency of the amounts (required)
 * @param gradeMultipliers multipliers of some grades (the others keep the default)
 */
public record LimitPolicyDraft(String currency, Integer bufferDays, List<GradeMultiplierInput> gradeMultipliers,
		DecimalInput deadBandPercent, DecimalInput maxStepUpPercent, DecimalInput maxStepUpAmount,
		DecimalInput maxStepDownPercent, DecimalInput maxStepDownAmount, Integer cooldownDays,
		Integer minMonthsForIncrease, DecimalInput maxOverdueForIncrease, List<String> noIncreaseGrades,
		DecimalInput minOnTimeRate, Integer maxWorstDaysLate, Integer dsoToleranceDays,
		DecimalInput minPeakUtilizationForIncrease, DecimalInput roundingUnit, DecimalInput autoUpPercent,
		DecimalInput autoUpAmount, Boolean autoApplyDecreases, String severeGrade, Integer severeOverdueDays,
		Boolean allowBelowExposure) {

	/** The largest grade multiplier a policy may set. */
	static final BigDecimal MAX_MULTIPLIER = new BigDecimal("5");

	/** The largest step up, in percent of the current limit. */
	static final BigDecimal MAX_STEP_UP_PERCENT = new BigDecimal("500");

	/** One grade's multiplier of the target limit. */
	public record GradeMultiplierInput(String grade, DecimalInput multiplier) {
	}

	/**
	 * The policy this draft describes, its amounts in {@link #currency()}; every problem
	 * is rejected into {@code validation} (each with its field and a stable code) and
	 * null is returned when there was any.
	 */
	public LimitAdjustmentPolicy toPolicy(Validation validation) {
		LimitAdjustmentPolicy d = LimitAdjustmentPolicy.DEFAULT;
		String ccy = validation.currency("currency", this.currency);
		Map<RiskGrade, BigDecimal> multipliers = new EnumMap<>(d.gradeMultipliers());
		if (this.gradeMultipliers != null) {
			for (int i = 0; i < this.gradeMultipliers.size(); i++) {
				GradeMultiplierInput entry = this.gradeMultipliers.get(i);
				String field = "gradeMultipliers[" + i + "]";
				RiskGrade grade = grade(validation, field + ".grade", (entry != null) ? entry.grade() : null);
				BigDecimal multiplier = ratio(validation, field + ".multiplier",
						(entry != null) ? entry.multiplier() : null, MAX_MULTIPLIER, null);
				if (grade != null && multiplier != null) {
					multipliers.put(grade, multiplier);
				}
			}
		}
		Set<RiskGrade> noIncrease = d.noIncreaseGrades();
		if (this.noIncreaseGrades != null) {
			noIncrease = EnumSet.noneOf(RiskGrade.class);
			for (int i = 0; i < this.noIncreaseGrades.size(); i++) {
				RiskGrade grade = grade(validation, "noIncreaseGrades[" + i + "]", this.noIncreaseGrades.get(i));
				if (grade != null) {
					noIncrease.add(grade);
				}
			}
		}
		RiskGrade severe = (this.severeGrade != null) ? grade(validation, "severeGrade", this.severeGrade)
				: d.severeGrade();
		int buffer = days(validation, "bufferDays", this.bufferDays, d.bufferDays(), 0, 365);
		BigDecimal deadBand = percent(validation, "deadBandPercent", this.deadBandPercent, d.deadBandPercent(),
				BigDecimal.valueOf(100));
		BigDecimal stepUp = percent(validation, "maxStepUpPercent", this.maxStepUpPercent, d.maxStepUpPercent(),
				MAX_STEP_UP_PERCENT);
		BigDecimal stepUpAmount = amount(validation, "maxStepUpAmount", this.maxStepUpAmount, ccy, d.maxStepUpAmount());
		BigDecimal stepDown = percent(validation, "maxStepDownPercent", this.maxStepDownPercent, d.maxStepDownPercent(),
				BigDecimal.valueOf(100));
		BigDecimal stepDownAmount = amount(validation, "maxStepDownAmount", this.maxStepDownAmount, ccy,
				d.maxStepDownAmount());
		int cooldown = days(validation, "cooldownDays", this.cooldownDays, d.cooldownDays(), 0, 365);
		int minMonths = days(validation, "minMonthsForIncrease", this.minMonthsForIncrease, d.minMonthsForIncrease(), 0,
				120);
		BigDecimal maxOverdue = amount(validation, "maxOverdueForIncrease", this.maxOverdueForIncrease, ccy,
				d.maxOverdueForIncrease());
		BigDecimal onTime = ratio(validation, "minOnTimeRate", this.minOnTimeRate, BigDecimal.ONE, d.minOnTimeRate());
		int worstLate = days(validation, "maxWorstDaysLate", this.maxWorstDaysLate, d.maxWorstDaysLate(), 0, 3650);
		int dsoTolerance = days(validation, "dsoToleranceDays", this.dsoToleranceDays, d.dsoToleranceDays(), 0, 365);
		BigDecimal peak = ratio(validation, "minPeakUtilizationForIncrease", this.minPeakUtilizationForIncrease,
				BigDecimal.ONE, d.minPeakUtilizationForIncrease());
		BigDecimal rounding = amount(validation, "roundingUnit", this.roundingUnit, ccy, d.roundingUnit());
		if (rounding != null && rounding.signum() == 0) {
			validation.reject(CommonErrorCode.AMOUNT_NOT_POSITIVE, "roundingUnit", rounding);
			rounding = null;
		}
		BigDecimal autoUp = percent(validation, "autoUpPercent", this.autoUpPercent, d.autoUpPercent(),
				MAX_STEP_UP_PERCENT);
		BigDecimal autoUpAmount = amount(validation, "autoUpAmount", this.autoUpAmount, ccy, d.autoUpAmount());
		int severeDays = days(validation, "severeOverdueDays", this.severeOverdueDays, d.severeOverdueDays(), 1, 3650);
		if (validation.hasErrors()) {
			return null;
		}
		return new LimitAdjustmentPolicy(buffer, multipliers, deadBand, stepUp, stepUpAmount, stepDown, stepDownAmount,
				cooldown, minMonths, maxOverdue, noIncrease, onTime, worstLate, dsoTolerance, peak, rounding, autoUp,
				autoUpAmount, (this.autoApplyDecreases != null) ? this.autoApplyDecreases : d.autoApplyDecreases(),
				severe, severeDays,
				(this.allowBelowExposure != null) ? this.allowBelowExposure : d.allowBelowExposure());
	}

	/**
	 * The draft that describes {@code policy} with its amounts in {@code currency}: every
	 * field set, so {@code of(p, c).toPolicy(v)} is {@code p} again.
	 */
	public static LimitPolicyDraft of(LimitAdjustmentPolicy policy, String currency) {
		Function<BigDecimal, DecimalInput> in = (value) -> DecimalInput.of(value.toPlainString());
		List<GradeMultiplierInput> multipliers = policy.gradeMultipliers()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map((e) -> new GradeMultiplierInput(e.getKey().name(), in.apply(e.getValue())))
			.toList();
		List<String> noIncrease = policy.noIncreaseGrades().stream().sorted().map(RiskGrade::name).toList();
		return new LimitPolicyDraft(currency, policy.bufferDays(), multipliers, in.apply(policy.deadBandPercent()),
				in.apply(policy.maxStepUpPercent()), in.apply(policy.maxStepUpAmount()),
				in.apply(policy.maxStepDownPercent()), in.apply(policy.maxStepDownAmount()), policy.cooldownDays(),
				policy.minMonthsForIncrease(), in.apply(policy.maxOverdueForIncrease()), noIncrease,
				in.apply(policy.minOnTimeRate()), policy.maxWorstDaysLate(), policy.dsoToleranceDays(),
				in.apply(policy.minPeakUtilizationForIncrease()), in.apply(policy.roundingUnit()),
				in.apply(policy.autoUpPercent()), in.apply(policy.autoUpAmount()), policy.autoApplyDecreases(),
				policy.severeGrade().name(), policy.severeOverdueDays(), policy.allowBelowExposure());
	}

	private static RiskGrade grade(Validation validation, String field, String value) {
		if (value == null || value.isBlank()) {
			validation.reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		try {
			return RiskGrade.valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			validation.reject(LimitPolicyErrorCode.UNKNOWN_GRADE, field, UserError.quoted(value),
					List.of(RiskGrade.values()));
			return null;
		}
	}

	private static int days(Validation validation, String field, Integer value, int fallback, int min, int max) {
		if (value == null) {
			return fallback;
		}
		Integer checked = validation.range(field, value, min, max);
		return (checked != null) ? checked : fallback;
	}

	/** A percentage from 0 to {@code max}; the default when unset. */
	private static BigDecimal percent(Validation validation, String field, DecimalInput value, BigDecimal fallback,
			BigDecimal max) {
		if (value == null) {
			return fallback;
		}
		BigDecimal percent = validation.percent(field, value);
		return inRange(validation, field, percent, max);
	}

	/**
	 * A number from 0 to {@code max} (a rate or a multiplier); the default when unset.
	 */
	private static BigDecimal ratio(Validation validation, String field, DecimalInput value, BigDecimal max,
			BigDecimal fallback) {
		if (value == null) {
			if (fallback == null) {
				validation.reject(CommonErrorCode.REQUIRED, field);
			}
			return fallback;
		}
		BigDecimal ratio = validation.percent(field, value);
		return inRange(validation, field, ratio, max);
	}

	private static BigDecimal inRange(Validation validation, String field, BigDecimal value, BigDecimal max) {
		if (value != null && (value.signum() < 0 || value.compareTo(max) > 0)) {
			validation.reject(CommonErrorCode.OUT_OF_RANGE, field, BigDecimal.ZERO, max, value);
			return null;
		}
		return value;
	}

	/** A non-negative amount in the policy currency; the default when unset. */
	private static BigDecimal amount(Validation validation, String field, DecimalInput value, String currency,
			BigDecimal fallback) {
		if (value == null) {
			return fallback;
		}
		if (currency == null) {
			return null;
		}
		Money money = validation.money(field, value, currency);
		return (money != null) ? money.amount() : null;
	}

}
