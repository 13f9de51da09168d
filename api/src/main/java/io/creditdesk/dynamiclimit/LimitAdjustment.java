package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.CustomerFigures.Account;
import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.CustomerFigures.Usage;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * The limit adjustment policy: turns one customer's figures into a proposed limit inside
 * the guardrails of a {@link LimitAdjustmentPolicy}. Pure: the same figures and policy
 * always give the same proposal, so a simulation on history replays it exactly.
 * <p>
 * In this order:
 * <ol>
 * <li>A customer with insufficient history gets no automatic change.</li>
 * <li>The <em>target</em> is expected purchases over the payment terms plus a buffer,
 * scaled by the grade: monthly purchases x (terms days + buffer days) / 30 x multiplier.
 * </li>
 * <li><em>Severe deterioration</em> (the policy's severe grade or worse, or an invoice
 * overdue for the policy's severe days) reduces the limit to the target at once, computed
 * with the severe grade's multiplier, with no step limit and no cooldown, never below the
 * exposure unless the policy allows it.</li>
 * <li>A target within the dead band around the current limit changes nothing; a change
 * within the cooldown after the last one waits.</li>
 * <li>An increase needs every condition: an active customer (not on hold, suspended or
 * waiting for verification), months of history, overdue at most the threshold, no raised
 * flag, a grade that allows increases, on-time rate, worst delay, DSO against terms, and
 * a peak utilization that shows the customer needs more. It is cut to the largest step up
 * (percent and amount, the smaller), then to the hard cap, then rounded down to the unit
 * (a reason of its own when rounding changes it); within the automatic bounds (percent
 * and amount) it is applied directly, otherwise routed.</li>
 * <li>An ordinary decrease is cut to the largest step down (the smaller cut of percent
 * and amount), stops at the exposure unless the policy allows less, is rounded up to the
 * unit (a reason of its own when rounding changes it; never above the current limit, so a
 * decrease rounded up to it is none), and is applied directly only when the policy says
 * so.</li>
 * <li>Nothing is ever proposed above the hard cap: a limit above it is brought down to
 * it.</li>
 * </ol>
 */
public final class LimitAdjustment {

	private static final BigDecimal HUNDRED = new BigDecimal("100");

	private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30");

	private LimitAdjustment() {
	}

	public static LimitProposal propose(CustomerFigures figures, LimitAdjustmentPolicy policy) {
		Score score = figures.score();
		Account account = figures.account();
		BigDecimal current = account.currentLimit();
		String currency = account.currency();
		List<AdjustmentReason> reasons = new ArrayList<>();
		if (score.insufficientHistory()) {
			reasons.add(AdjustmentReason.of(AdjustmentReasonCode.INSUFFICIENT_HISTORY));
			return unchanged(figures, null, reasons);
		}
		Behaviour behaviour = figures.behaviour();
		Usage usage = figures.usage();
		boolean severeGrade = score.grade().compareTo(policy.severeGrade()) >= 0;
		boolean severeOverdue = usage.oldestOverdueDays() >= policy.severeOverdueDays();
		boolean severe = severeGrade || severeOverdue;
		// Under severe deterioration the customer is treated as the severe grade whatever
		// its score: a long overdue invoice says more than a grade made before it.
		RiskGrade targetGrade = severe && !severeGrade ? policy.severeGrade() : score.grade();
		BigDecimal multiplier = policy.gradeMultipliers().get(targetGrade);
		BigDecimal target = behaviour.monthlyPurchases()
			.multiply(BigDecimal.valueOf((long) behaviour.termsDays() + policy.bufferDays()))
			.multiply(multiplier)
			.divide(DAYS_PER_MONTH, 2, RoundingMode.HALF_EVEN);
		reasons.add(new AdjustmentReason(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				"grade " + targetGrade + " x" + multiplier.toPlainString(), amount(target, currency)));
		if (severe) {
			return severe(figures, policy, target, reasons, severeGrade);
		}
		BigDecimal band = percentOf(current, policy.deadBandPercent());
		BigDecimal hardCap = account.hardCap();
		boolean aboveCap = hardCap != null && current.compareTo(hardCap) > 0;
		if (!aboveCap && target.subtract(current).abs().compareTo(band) <= 0) {
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.WITHIN_DEAD_BAND,
					policy.deadBandPercent().stripTrailingZeros().toPlainString() + " %",
					percent(target.subtract(current), current)));
			return unchanged(figures, target, reasons);
		}
		if (!aboveCap && account.lastChange() != null
				&& account.today().isBefore(account.lastChange().plusDays(policy.cooldownDays()))) {
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.COOLDOWN, policy.cooldownDays() + " days",
					ChronoUnit.DAYS.between(account.lastChange(), account.today()) + " days"));
			return unchanged(figures, target, reasons);
		}
		if (!aboveCap && target.compareTo(current) > 0) {
			return increase(figures, policy, target, reasons);
		}
		return decrease(figures, policy, target, reasons);
	}

	private static LimitProposal increase(CustomerFigures figures, LimitAdjustmentPolicy policy, BigDecimal target,
			List<AdjustmentReason> reasons) {
		Score score = figures.score();
		Behaviour behaviour = figures.behaviour();
		Usage usage = figures.usage();
		Account account = figures.account();
		String currency = account.currency();
		BigDecimal current = account.currentLimit();
		List<AdjustmentReason> blocks = new ArrayList<>();
		if (account.status() != CustomerStatus.ACTIVE) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.CUSTOMER_NOT_ACTIVE, null, account.status().name()));
		}
		if (behaviour.monthsOfHistory() < policy.minMonthsForIncrease()) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.TOO_FEW_MONTHS_FOR_INCREASE,
					policy.minMonthsForIncrease() + " months", behaviour.monthsOfHistory() + " months"));
		}
		if (usage.openOverdue().compareTo(policy.maxOverdueForIncrease()) > 0) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.OVERDUE_ABOVE_THRESHOLD,
					amount(policy.maxOverdueForIncrease(), currency), amount(usage.openOverdue(), currency)));
		}
		if (usage.flagRaised()) {
			blocks.add(AdjustmentReason.of(AdjustmentReasonCode.RISK_FLAG_RAISED));
		}
		if (policy.noIncreaseGrades().contains(score.grade())) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.GRADE_TOO_LOW, null, "grade " + score.grade()));
		}
		if (behaviour.onTimeRate().compareTo(policy.minOnTimeRate()) < 0) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.LATE_PAYMENTS, fraction(policy.minOnTimeRate()),
					fraction(behaviour.onTimeRate())));
		}
		if (behaviour.worstDaysLate() > policy.maxWorstDaysLate()) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.WORST_DELAY_TOO_LONG,
					policy.maxWorstDaysLate() + " days", behaviour.worstDaysLate() + " days"));
		}
		BigDecimal dsoAllowed = BigDecimal.valueOf((long) behaviour.termsDays() + policy.dsoToleranceDays());
		if (behaviour.dso().compareTo(dsoAllowed) > 0) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.DSO_ABOVE_TERMS, dsoAllowed.toPlainString() + " days",
					behaviour.dso().setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " days"));
		}
		if (usage.peakUtilization90().compareTo(policy.minPeakUtilizationForIncrease()) < 0) {
			blocks.add(new AdjustmentReason(AdjustmentReasonCode.LOW_UTILIZATION,
					fraction(policy.minPeakUtilizationForIncrease()), fraction(usage.peakUtilization90())));
		}
		if (!blocks.isEmpty()) {
			reasons.addAll(blocks);
			return unchanged(figures, target, reasons);
		}
		BigDecimal proposed = target;
		BigDecimal stepCap = current.add(percentOf(current, policy.maxStepUpPercent()))
			.min(current.add(policy.maxStepUpAmount()));
		if (proposed.compareTo(stepCap) > 0) {
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.STEP_UP_LIMITED, amount(stepCap, currency),
					amount(target, currency)));
			proposed = stepCap;
		}
		proposed = capped(proposed, account, reasons);
		proposed = rounded(proposed, roundDown(proposed, policy.roundingUnit()), policy, currency,
				AdjustmentReasonCode.ROUNDED_DOWN_TO_UNIT, reasons);
		if (proposed.compareTo(current) <= 0) {
			return unchanged(figures, target, reasons);
		}
		BigDecimal step = proposed.subtract(current);
		boolean auto = step.compareTo(percentOf(current, policy.autoUpPercent())) <= 0
				&& step.compareTo(policy.autoUpAmount()) <= 0;
		reasons.add(authority(auto, policy.autoUpPercent().stripTrailingZeros().toPlainString() + " % and "
				+ amount(policy.autoUpAmount(), currency), "+" + amount(step, currency)));
		return new LimitProposal(currency, current, target, proposed, Direction.INCREASE, auto, false, reasons,
				List.of());
	}

	private static LimitProposal decrease(CustomerFigures figures, LimitAdjustmentPolicy policy, BigDecimal target,
			List<AdjustmentReason> reasons) {
		Account account = figures.account();
		String currency = account.currency();
		BigDecimal current = account.currentLimit();
		BigDecimal proposed = target;
		BigDecimal stepFloor = current.subtract(percentOf(current, policy.maxStepDownPercent()))
			.max(current.subtract(policy.maxStepDownAmount()));
		if (proposed.compareTo(stepFloor) < 0) {
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.STEP_DOWN_LIMITED, amount(stepFloor, currency),
					amount(target, currency)));
			proposed = stepFloor;
		}
		proposed = floored(proposed, figures, policy, reasons);
		proposed = rounded(proposed, roundUp(proposed, policy.roundingUnit()), policy, currency,
				AdjustmentReasonCode.ROUNDED_UP_TO_UNIT, reasons)
			.min(current);
		proposed = capped(proposed, account, reasons);
		if (proposed.compareTo(current) >= 0) {
			return unchanged(figures, target, reasons);
		}
		boolean auto = policy.autoApplyDecreases();
		reasons.add(authority(auto, auto ? "decreases applied directly" : "decreases routed",
				"-" + amount(current.subtract(proposed), currency)));
		return new LimitProposal(currency, current, target, proposed, Direction.DECREASE, auto, false, reasons,
				notice(reasons, figures.score()));
	}

	private static LimitProposal severe(CustomerFigures figures, LimitAdjustmentPolicy policy, BigDecimal target,
			List<AdjustmentReason> reasons, boolean severeGrade) {
		Account account = figures.account();
		String currency = account.currency();
		BigDecimal current = account.currentLimit();
		reasons.add(severeGrade
				? new AdjustmentReason(AdjustmentReasonCode.SEVERE_DETERIORATION, "grade " + policy.severeGrade(),
						"grade " + figures.score().grade())
				: new AdjustmentReason(AdjustmentReasonCode.SEVERE_DETERIORATION, policy.severeOverdueDays() + " days",
						figures.usage().oldestOverdueDays() + " days"));
		BigDecimal proposed = target.min(current);
		proposed = floored(proposed, figures, policy, reasons);
		proposed = rounded(proposed, roundUp(proposed, policy.roundingUnit()), policy, currency,
				AdjustmentReasonCode.ROUNDED_UP_TO_UNIT, reasons)
			.min(current);
		proposed = capped(proposed, account, reasons);
		if (proposed.compareTo(current) >= 0) {
			return unchanged(figures, target, reasons);
		}
		return new LimitProposal(currency, current, target, proposed, Direction.DECREASE, true, true, reasons,
				notice(reasons, figures.score()));
	}

	private static BigDecimal floored(BigDecimal proposed, CustomerFigures figures, LimitAdjustmentPolicy policy,
			List<AdjustmentReason> reasons) {
		BigDecimal exposure = figures.usage().exposure();
		if (!policy.allowBelowExposure() && proposed.compareTo(exposure) < 0) {
			BigDecimal floor = exposure.min(figures.account().currentLimit());
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.FLOORED_AT_EXPOSURE,
					amount(floor, figures.account().currency()), amount(proposed, figures.account().currency())));
			return floor;
		}
		return proposed;
	}

	private static BigDecimal capped(BigDecimal proposed, Account account, List<AdjustmentReason> reasons) {
		if (account.hardCap() != null && proposed.compareTo(account.hardCap()) > 0) {
			reasons.add(new AdjustmentReason(AdjustmentReasonCode.CAPPED_AT_HARD_CAP,
					amount(account.hardCap(), account.currency()), amount(proposed, account.currency())));
			return account.hardCap();
		}
		return proposed;
	}

	private static AdjustmentReason authority(boolean auto, String threshold, String actual) {
		return new AdjustmentReason(
				auto ? AdjustmentReasonCode.WITHIN_AUTOMATIC_AUTHORITY : AdjustmentReasonCode.ROUTED_FOR_APPROVAL,
				threshold, actual);
	}

	/**
	 * The principal reasons of a decrease for the customer notice: the rules that cut the
	 * limit (not the target or the authority, which explain nothing to a customer), then
	 * the score's strongest reason codes, at most
	 * {@link LimitProposal#MAX_NOTICE_REASONS}.
	 */
	private static List<String> notice(List<AdjustmentReason> reasons, Score score) {
		Set<String> notice = new LinkedHashSet<>();
		for (AdjustmentReason reason : reasons) {
			switch (reason.code()) {
				case TARGET_FROM_PURCHASES, WITHIN_AUTOMATIC_AUTHORITY, ROUTED_FOR_APPROVAL, STEP_DOWN_LIMITED,
						FLOORED_AT_EXPOSURE, ROUNDED_DOWN_TO_UNIT, ROUNDED_UP_TO_UNIT ->
					{
					}
				default -> notice.add(reason.code().name());
			}
		}
		if (notice.isEmpty()) {
			notice.add(AdjustmentReasonCode.TARGET_FROM_PURCHASES.name());
		}
		notice.addAll(score.reasonCodes());
		return notice.stream().limit(LimitProposal.MAX_NOTICE_REASONS).toList();
	}

	private static LimitProposal unchanged(CustomerFigures figures, BigDecimal target, List<AdjustmentReason> reasons) {
		Account account = figures.account();
		return new LimitProposal(account.currency(), account.currentLimit(), target, account.currentLimit(),
				Direction.UNCHANGED, false, false, reasons, List.of());
	}

	private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
		return amount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
	}

	/**
	 * {@code proposed} rounded to the policy's unit ({@code rounded}), with the reason
	 * when rounding changed it: the unit and the rounded figure.
	 */
	private static BigDecimal rounded(BigDecimal proposed, BigDecimal rounded, LimitAdjustmentPolicy policy,
			String currency, AdjustmentReasonCode code, List<AdjustmentReason> reasons) {
		if (rounded.compareTo(proposed) != 0) {
			reasons.add(new AdjustmentReason(code, amount(policy.roundingUnit(), currency), amount(rounded, currency)));
		}
		return rounded;
	}

	private static BigDecimal roundDown(BigDecimal amount, BigDecimal unit) {
		return amount.divide(unit, 0, RoundingMode.FLOOR).multiply(unit);
	}

	private static BigDecimal roundUp(BigDecimal amount, BigDecimal unit) {
		return amount.divide(unit, 0, RoundingMode.CEILING).multiply(unit);
	}

	private static String amount(BigDecimal amount, String currency) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + currency;
	}

	private static String fraction(BigDecimal fraction) {
		return fraction.multiply(HUNDRED).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
				+ " %";
	}

	private static String percent(BigDecimal part, BigDecimal whole) {
		if (whole.signum() == 0) {
			return "n/a";
		}
		return fraction(part.divide(whole, 4, RoundingMode.HALF_EVEN));
	}

}
