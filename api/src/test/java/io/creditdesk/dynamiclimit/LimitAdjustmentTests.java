package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.CustomerFigures.Account;
import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.CustomerFigures.Usage;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.CAPPED_AT_HARD_CAP;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.COOLDOWN;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.CUSTOMER_NOT_ACTIVE;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.DSO_ABOVE_TERMS;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.FLOORED_AT_EXPOSURE;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.GRADE_TOO_LOW;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.INSUFFICIENT_HISTORY;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.LATE_PAYMENTS;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.LOW_UTILIZATION;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.OVERDUE_ABOVE_THRESHOLD;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.RISK_FLAG_RAISED;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.ROUNDED_DOWN_TO_UNIT;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.ROUNDED_UP_TO_UNIT;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.ROUTED_FOR_APPROVAL;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.SEVERE_DETERIORATION;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.STEP_DOWN_LIMITED;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.STEP_UP_LIMITED;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.TARGET_FROM_PURCHASES;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.TOO_FEW_MONTHS_FOR_INCREASE;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.WITHIN_AUTOMATIC_AUTHORITY;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.WITHIN_DEAD_BAND;
import static io.creditdesk.dynamiclimit.AdjustmentReasonCode.WORST_DELAY_TOO_LONG;
import static io.creditdesk.dynamiclimit.Direction.DECREASE;
import static io.creditdesk.dynamiclimit.Direction.INCREASE;
import static io.creditdesk.dynamiclimit.Direction.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The limit adjustment policy as a table of hand-computed cases on the shipped defaults
 * (multipliers A 1.25, B 1.10, C 1.00, D 0.75, E 0.50; 15 buffer days; 5 % dead band;
 * steps of 25 % or 50,000 up, 30 % or 100,000 down; units of 1,000; automatic up to 10 %
 * and 10,000). The base customer: grade B, 30,000 a month on Net 30, a 40,000 limit, a
 * 100,000 hard cap, 20,000 exposure; its target is 30,000 x (30 + 15) / 30 x 1.10 =
 * 49,500.
 */
class LimitAdjustmentTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	private static final List<String> SCORE_REASONS = List.of("DELAY_TREND_UP", "MAX_DELAY_6M", "PAY_RATIO_LOW",
			"UTILIZATION_HIGH", "BILLED_VOLATILE");

	static CustomerFigures base() {
		return new CustomerFigures(new Score(false, RiskGrade.B, 0.07, SCORE_REASONS),
				new Behaviour(new BigDecimal("30000"), 30, new BigDecimal("0.95"), 3, 10, new BigDecimal("35"), 12),
				new Usage(new BigDecimal("20000"), new BigDecimal("0.55"), new BigDecimal("0.70"), BigDecimal.ZERO, 0,
						false),
				new Account("EUR", new BigDecimal("40000"), new BigDecimal("100000"), LocalDate.of(2026, 1, 1), TODAY,
						CustomerStatus.ACTIVE));
	}

	static Stream<Arguments> cases() {
		return Stream.of(
				arguments("a good customer buying more: routed (9,000 is above 10 % of 40,000)", same(), INCREASE,
						"49000", false, List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("within automatic authority: target 44,500.01, rounded down to 44,000 (+10 %)",
						purchases("29666.67", RiskGrade.C), INCREASE, "44000", true,
						List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, WITHIN_AUTOMATIC_AUTHORITY)),
				arguments("step up: target 112,500 (grade A, 60,000 a month) cut to +25 % = 50,000",
						purchases("60000", RiskGrade.A), INCREASE, "50000", false,
						List.of(TARGET_FROM_PURCHASES, STEP_UP_LIMITED, ROUTED_FOR_APPROVAL)),
				arguments("step up by amount: a 400,000 limit may rise by 50,000, not 25 %",
						c(f -> limit(purchases("400000", RiskGrade.B).apply(f), "400000", "1000000")), INCREASE,
						"450000", false, List.of(TARGET_FROM_PURCHASES, STEP_UP_LIMITED, ROUTED_FOR_APPROVAL)),
				arguments("hard cap 45,500: 49,500 capped, then rounded down to 45,000",
						c(f -> limit(f, "40000", "45500")), INCREASE, "45000", false,
						List.of(TARGET_FROM_PURCHASES, CAPPED_AT_HARD_CAP, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("already at the hard cap: nothing to raise", c(f -> limit(f, "40000", "40000")), UNCHANGED,
						"40000", false, List.of(TARGET_FROM_PURCHASES, CAPPED_AT_HARD_CAP)),
				arguments("insufficient history: no automatic change", c(f -> score(f, Score.insufficient())),
						UNCHANGED, "40000", false, List.of(INSUFFICIENT_HISTORY)),
				arguments("dead band: target 41,250 is within 5 % of 40,000", purchases("25000", RiskGrade.B),
						UNCHANGED, "40000", false, List.of(TARGET_FROM_PURCHASES, WITHIN_DEAD_BAND)),
				arguments("cooldown: changed 26 days ago, 30 required", c(f -> lastChange(f, TODAY.minusDays(26))),
						UNCHANGED, "40000", false, List.of(TARGET_FROM_PURCHASES, COOLDOWN)),
				arguments("cooldown over: changed exactly 30 days ago", c(f -> lastChange(f, TODAY.minusDays(30))),
						INCREASE, "49000", false,
						List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("5 months of history, 6 needed for an increase", c(f -> behaviour(f, 5, "0.95", 10, "35")),
						UNCHANGED, "40000", false, List.of(TARGET_FROM_PURCHASES, TOO_FEW_MONTHS_FOR_INCREASE)),
				arguments("overdue 1,000.00 is allowed", c(f -> overdue(f, "1000.00", 5)), INCREASE, "49000", false,
						List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("overdue 1,000.01 stops the increase", c(f -> overdue(f, "1000.01", 5)), UNCHANGED, "40000",
						false, List.of(TARGET_FROM_PURCHASES, OVERDUE_ABOVE_THRESHOLD)),
				arguments("a raised flag stops the increase", c(LimitAdjustmentTests::flagged), UNCHANGED, "40000",
						false, List.of(TARGET_FROM_PURCHASES, RISK_FLAG_RAISED)),
				arguments("an on-hold customer gets no increase, not even within automatic authority",
						status(purchases("29666.67", RiskGrade.C), CustomerStatus.ON_HOLD), UNCHANGED, "40000", false,
						List.of(TARGET_FROM_PURCHASES, CUSTOMER_NOT_ACTIVE)),
				arguments("a suspended customer gets no increase", status(same(), CustomerStatus.SUSPENDED), UNCHANGED,
						"40000", false, List.of(TARGET_FROM_PURCHASES, CUSTOMER_NOT_ACTIVE)),
				arguments("a customer waiting for verification gets no increase",
						status(same(), CustomerStatus.PENDING_VERIFICATION), UNCHANGED, "40000", false,
						List.of(TARGET_FROM_PURCHASES, CUSTOMER_NOT_ACTIVE)),
				arguments("an on-hold customer buying less is still decreased",
						status(purchases("20000", RiskGrade.C), CustomerStatus.ON_HOLD), DECREASE, "30000", false,
						List.of(TARGET_FROM_PURCHASES, ROUTED_FOR_APPROVAL)),
				arguments("grade D never rises (target 45,000)", purchases("40000", RiskGrade.D), UNCHANGED, "40000",
						false, List.of(TARGET_FROM_PURCHASES, GRADE_TOO_LOW)),
				arguments("79 % on time (80 % needed)", c(f -> behaviour(f, 12, "0.79", 10, "35")), UNCHANGED, "40000",
						false, List.of(TARGET_FROM_PURCHASES, LATE_PAYMENTS)),
				arguments("worst delay 31 days (30 allowed)", c(f -> behaviour(f, 12, "0.95", 31, "35")), UNCHANGED,
						"40000", false, List.of(TARGET_FROM_PURCHASES, WORST_DELAY_TOO_LONG)),
				arguments("DSO 45 on Net 30 is within the 15 days' tolerance",
						c(f -> behaviour(f, 12, "0.95", 10, "45")), INCREASE, "49000", false,
						List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("DSO 45.1 is not", c(f -> behaviour(f, 12, "0.95", 10, "45.1")), UNCHANGED, "40000", false,
						List.of(TARGET_FROM_PURCHASES, DSO_ABOVE_TERMS)),
				arguments("peak utilization 49 %: does not need more", c(f -> peak(f, "0.49")), UNCHANGED, "40000",
						false, List.of(TARGET_FROM_PURCHASES, LOW_UTILIZATION)),
				arguments("every block at once is named",
						c(f -> flagged(peak(behaviour(overdue(f, "5000", 10), 3, "0.5", 40, "60"), "0.2"))), UNCHANGED,
						"40000", false,
						List.of(TARGET_FROM_PURCHASES, TOO_FEW_MONTHS_FOR_INCREASE, OVERDUE_ABOVE_THRESHOLD,
								RISK_FLAG_RAISED, LATE_PAYMENTS, WORST_DELAY_TOO_LONG, DSO_ABOVE_TERMS,
								LOW_UTILIZATION)),
				arguments("buying less: target 30,000 (grade C, 20,000 a month), routed",
						purchases("20000", RiskGrade.C), DECREASE, "30000", false,
						List.of(TARGET_FROM_PURCHASES, ROUTED_FOR_APPROVAL)),
				arguments("step down: target 15,000 cut to -30 % = 28,000", purchases("10000", RiskGrade.C), DECREASE,
						"28000", false, List.of(TARGET_FROM_PURCHASES, STEP_DOWN_LIMITED, ROUTED_FOR_APPROVAL)),
				arguments("a decrease stops at the exposure 33,333, rounded up to 34,000",
						c(f -> exposure(purchases("10000", RiskGrade.C).apply(f), "33333")), DECREASE, "34000", false,
						List.of(TARGET_FROM_PURCHASES, STEP_DOWN_LIMITED, FLOORED_AT_EXPOSURE, ROUNDED_UP_TO_UNIT,
								ROUTED_FOR_APPROVAL)),
				arguments("a decrease within the cooldown waits",
						c(f -> lastChange(purchases("10000", RiskGrade.C).apply(f), TODAY.minusDays(3))), UNCHANGED,
						"40000", false, List.of(TARGET_FROM_PURCHASES, COOLDOWN)),
				arguments("a limit above a lowered hard cap comes down to it",
						c(f -> limit(purchases("27333.33", RiskGrade.C).apply(f), "40000", "30000")), DECREASE, "30000",
						false, List.of(TARGET_FROM_PURCHASES, CAPPED_AT_HARD_CAP, ROUTED_FOR_APPROVAL)),
				arguments("grade E: at once to 22,500 (x0.50), rounded up to 23,000",
						c(f -> score(f, new Score(false, RiskGrade.E, 0.55, SCORE_REASONS))), DECREASE, "23000", true,
						List.of(TARGET_FROM_PURCHASES, SEVERE_DETERIORATION, ROUNDED_UP_TO_UNIT)),
				arguments("60 days overdue at grade B: treated as E, at once, even within the cooldown",
						c(f -> lastChange(overdue(f, "500", 60), TODAY.minusDays(1))), DECREASE, "23000", true,
						List.of(TARGET_FROM_PURCHASES, SEVERE_DETERIORATION, ROUNDED_UP_TO_UNIT)),
				arguments("59 days overdue is not severe (and 500 overdue allows the increase)",
						c(f -> overdue(f, "500", 59)), INCREASE, "49000", false,
						List.of(TARGET_FROM_PURCHASES, ROUNDED_DOWN_TO_UNIT, ROUTED_FOR_APPROVAL)),
				arguments("severe, but never below the exposure of 35,000",
						c(f -> exposure(score(f, new Score(false, RiskGrade.E, 0.55, SCORE_REASONS)), "35000")),
						DECREASE, "35000", true,
						List.of(TARGET_FROM_PURCHASES, SEVERE_DETERIORATION, FLOORED_AT_EXPOSURE)),
				arguments("severe with exposure at the limit: nothing to cut",
						c(f -> exposure(score(f, new Score(false, RiskGrade.E, 0.55, SCORE_REASONS)), "40000")),
						UNCHANGED, "40000", false,
						List.of(TARGET_FROM_PURCHASES, SEVERE_DETERIORATION, FLOORED_AT_EXPOSURE)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void proposesAsHandComputed(String name, UnaryOperator<CustomerFigures> change, Direction direction,
			String proposed, boolean autoApplicable, List<AdjustmentReasonCode> codes) {
		LimitProposal proposal = LimitAdjustment.propose(change.apply(base()), LimitAdjustmentPolicy.DEFAULT);
		assertThat(proposal.direction()).isEqualTo(direction);
		assertThat(proposal.proposedLimit()).isEqualByComparingTo(proposed);
		assertThat(proposal.autoApplicable()).as("auto").isEqualTo(autoApplicable);
		assertThat(proposal.codes()).containsExactlyElementsOf(codes);
		assertThat(proposal.immediate()).isEqualTo(codes.contains(SEVERE_DETERIORATION) && direction == DECREASE);
		if (proposal.targetLimit() != null && proposal.proposedLimit().signum() > 0) {
			assertThat(proposal.proposedLimit().remainder(new BigDecimal("1000")).signum() == 0
					|| codes.contains(CAPPED_AT_HARD_CAP) || codes.contains(FLOORED_AT_EXPOSURE))
				.as("a multiple of the unit unless a cap or floor set it")
				.isTrue();
		}
	}

	@Test
	void theReasonsCarryTheFiguresTheyCompared() {
		LimitProposal capped = LimitAdjustment.propose(limit(base(), "40000", "45500"), LimitAdjustmentPolicy.DEFAULT);
		assertThat(capped.reasons().get(0))
			.isEqualTo(new AdjustmentReason(TARGET_FROM_PURCHASES, "grade B x1.10", "49500.00 EUR"));
		assertThat(capped.reasons().get(1))
			.isEqualTo(new AdjustmentReason(CAPPED_AT_HARD_CAP, "45500.00 EUR", "49500.00 EUR"));
		assertThat(capped.reasons().get(2))
			.isEqualTo(new AdjustmentReason(ROUNDED_DOWN_TO_UNIT, "1000.00 EUR", "45000.00 EUR"));
		assertThat(capped.reasons().get(3))
			.isEqualTo(new AdjustmentReason(ROUTED_FOR_APPROVAL, "10 % and 10000.00 EUR", "+5000.00 EUR"));
		LimitProposal late = LimitAdjustment.propose(behaviour(base(), 12, "0.79", 10, "35"),
				LimitAdjustmentPolicy.DEFAULT);
		assertThat(late.reasons().get(1)).isEqualTo(new AdjustmentReason(LATE_PAYMENTS, "80 %", "79 %"));
	}

	/**
	 * DEMO-0002 as the tester found it: a decrease cut to the step, stopped at the
	 * exposure of 10,200, then rounded up to the unit, which is the current limit of
	 * 11,000: unchanged, and the last reason says so (it used to end at the exposure).
	 */
	@Test
	void theRoundingThatUndoesADecreaseIsItsLastReason() {
		LimitProposal proposal = LimitAdjustment.propose(
				exposure(purchases("5000", RiskGrade.C).apply(limit(base(), "11000", "100000")), "10200"),
				LimitAdjustmentPolicy.DEFAULT);
		assertThat(proposal.direction()).isEqualTo(UNCHANGED);
		assertThat(proposal.proposedLimit()).isEqualByComparingTo("11000");
		assertThat(proposal.codes()).containsExactly(TARGET_FROM_PURCHASES, STEP_DOWN_LIMITED, FLOORED_AT_EXPOSURE,
				ROUNDED_UP_TO_UNIT);
		assertThat(proposal.reasons().get(3))
			.isEqualTo(new AdjustmentReason(ROUNDED_UP_TO_UNIT, "1000.00 EUR", "11000.00 EUR"));
		assertThat(ProposalReasons.describe(proposal.reasons().get(3), Locale.ENGLISH))
			.isEqualTo("The decrease is rounded up to a multiple of 1,000.00 EUR: 11,000.00 EUR.");
	}

	@Test
	void aDecreaseNoticeNamesAtMostFourPrincipalReasonsTheRuleFirst() {
		LimitProposal severe = LimitAdjustment
			.propose(score(base(), new Score(false, RiskGrade.E, 0.55, SCORE_REASONS)), LimitAdjustmentPolicy.DEFAULT);
		assertThat(severe.noticeReasons()).containsExactly("SEVERE_DETERIORATION", "DELAY_TREND_UP", "MAX_DELAY_6M",
				"PAY_RATIO_LOW");
		LimitProposal lower = LimitAdjustment.propose(purchases("20000", RiskGrade.C).apply(base()),
				LimitAdjustmentPolicy.DEFAULT);
		assertThat(lower.noticeReasons()).hasSize(4).startsWith("TARGET_FROM_PURCHASES", "DELAY_TREND_UP");
		LimitProposal increase = LimitAdjustment.propose(base(), LimitAdjustmentPolicy.DEFAULT);
		assertThat(increase.noticeReasons()).isEmpty();
	}

	@Test
	void aPolicyMayLetDecreasesGoBelowTheExposureAndApplyThemDirectly() {
		LimitAdjustmentPolicy lenient = new LimitAdjustmentPolicy(15, LimitAdjustmentPolicy.DEFAULT.gradeMultipliers(),
				new BigDecimal("5"), new BigDecimal("25"), new BigDecimal("50000"), new BigDecimal("30"),
				new BigDecimal("100000"), 30, 6, new BigDecimal("1000"),
				LimitAdjustmentPolicy.DEFAULT.noIncreaseGrades(), new BigDecimal("0.80"), 30, 15,
				new BigDecimal("0.50"), new BigDecimal("500"), BigDecimal.TEN, new BigDecimal("10000"), true,
				RiskGrade.E, 60, true);
		LimitProposal severe = LimitAdjustment
			.propose(exposure(score(base(), new Score(false, RiskGrade.E, 0.55, List.of())), "35000"), lenient);
		assertThat(severe.proposedLimit()).isEqualByComparingTo("22500");
		LimitProposal lower = LimitAdjustment.propose(purchases("20000", RiskGrade.C).apply(base()), lenient);
		assertThat(lower.autoApplicable()).isTrue();
		assertThat(lower.codes()).containsExactly(TARGET_FROM_PURCHASES, WITHIN_AUTOMATIC_AUTHORITY);
	}

	@Test
	void aPolicyWithoutAMultiplierForEveryGradeOrWithNegativeFiguresIsRefused() {
		assertThatThrownBy(() -> new LimitAdjustmentPolicy(15, java.util.Map.of(RiskGrade.A, BigDecimal.ONE),
				BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1, 1, BigDecimal.ONE,
				null, BigDecimal.ONE, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, false,
				RiskGrade.E, 60, false))
			.hasMessageContaining("grade B");
		assertThatThrownBy(() -> new LimitAdjustmentPolicy(15, LimitAdjustmentPolicy.DEFAULT.gradeMultipliers(),
				BigDecimal.ONE, new BigDecimal("-1"), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1, 1,
				BigDecimal.ONE, null, BigDecimal.ONE, 1, 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
				BigDecimal.ONE, false, RiskGrade.E, 60, false))
			.hasMessageContaining("maxStepUpPercent");
	}

	// --- figures ---

	private static UnaryOperator<CustomerFigures> c(UnaryOperator<CustomerFigures> change) {
		return change;
	}

	private static UnaryOperator<CustomerFigures> same() {
		return f -> f;
	}

	private static UnaryOperator<CustomerFigures> purchases(String monthly, RiskGrade grade) {
		return f -> {
			Behaviour b = f.behaviour();
			return new CustomerFigures(
					new Score(false, grade, f.score().probabilityOfDefault(), f.score().reasonCodes()),
					new Behaviour(new BigDecimal(monthly), b.termsDays(), b.onTimeRate(), b.averageDaysLate(),
							b.worstDaysLate(), b.dso(), b.monthsOfHistory()),
					f.usage(), f.account());
		};
	}

	private static CustomerFigures score(CustomerFigures f, Score score) {
		return new CustomerFigures(score, f.behaviour(), f.usage(), f.account());
	}

	private static CustomerFigures behaviour(CustomerFigures f, int months, String onTime, int worst, String dso) {
		Behaviour b = f.behaviour();
		return new CustomerFigures(f.score(), new Behaviour(b.monthlyPurchases(), b.termsDays(), new BigDecimal(onTime),
				b.averageDaysLate(), worst, new BigDecimal(dso), months), f.usage(), f.account());
	}

	private static CustomerFigures overdue(CustomerFigures f, String amount, int oldestDays) {
		Usage u = f.usage();
		return new CustomerFigures(f.score(), f.behaviour(), new Usage(u.exposure(), u.averageUtilization90(),
				u.peakUtilization90(), new BigDecimal(amount), oldestDays, u.flagRaised()), f.account());
	}

	private static CustomerFigures flagged(CustomerFigures f) {
		Usage u = f.usage();
		return new CustomerFigures(f.score(), f.behaviour(), new Usage(u.exposure(), u.averageUtilization90(),
				u.peakUtilization90(), u.openOverdue(), u.oldestOverdueDays(), true), f.account());
	}

	private static CustomerFigures peak(CustomerFigures f, String peak) {
		Usage u = f.usage();
		return new CustomerFigures(f.score(), f.behaviour(), new Usage(u.exposure(), u.averageUtilization90(),
				new BigDecimal(peak), u.openOverdue(), u.oldestOverdueDays(), u.flagRaised()), f.account());
	}

	private static CustomerFigures exposure(CustomerFigures f, String exposure) {
		Usage u = f.usage();
		return new CustomerFigures(f.score(), f.behaviour(),
				new Usage(new BigDecimal(exposure), u.averageUtilization90(), u.peakUtilization90(), u.openOverdue(),
						u.oldestOverdueDays(), u.flagRaised()),
				f.account());
	}

	private static CustomerFigures limit(CustomerFigures f, String limit, String hardCap) {
		Account a = f.account();
		return new CustomerFigures(f.score(), f.behaviour(), f.usage(), new Account(a.currency(), new BigDecimal(limit),
				new BigDecimal(hardCap), a.lastChange(), a.today(), a.status()));
	}

	private static CustomerFigures lastChange(CustomerFigures f, LocalDate day) {
		Account a = f.account();
		return new CustomerFigures(f.score(), f.behaviour(), f.usage(),
				new Account(a.currency(), a.currentLimit(), a.hardCap(), day, a.today(), a.status()));
	}

	private static UnaryOperator<CustomerFigures> status(UnaryOperator<CustomerFigures> change, CustomerStatus status) {
		return f -> {
			CustomerFigures changed = change.apply(f);
			Account a = changed.account();
			return new CustomerFigures(changed.score(), changed.behaviour(), changed.usage(),
					new Account(a.currency(), a.currentLimit(), a.hardCap(), a.lastChange(), a.today(), status));
		};
	}

}
