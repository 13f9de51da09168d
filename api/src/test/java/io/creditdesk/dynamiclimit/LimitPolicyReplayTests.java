package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.ReplayCustomer.ActualLimit;
import io.creditdesk.dynamiclimit.ReplayCustomer.MonthFigures;
import io.creditdesk.dynamiclimit.ReplayCustomer.Reduction;
import io.creditdesk.dynamiclimit.ReplayCustomer.Sale;
import io.creditdesk.dynamiclimit.ReplayOutcome.Month;
import io.creditdesk.dynamiclimit.ReplayOutcome.Track;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The replay on a hand-built ledger, every figure computed by hand (see
 * {@link #ledger()}). The policy is made plain so the arithmetic shows: every grade's
 * multiplier 1, no buffer days, so on Net 30 the target is the monthly purchases; no dead
 * band, no guardrail but the authority (increases up to 10 % and 100 applied directly,
 * decreases applied directly); units of 100.
 */
class LimitPolicyReplayTests {

	static final YearMonth JAN = YearMonth.of(2026, 1);

	static final YearMonth FEB = YearMonth.of(2026, 2);

	static final YearMonth MAR = YearMonth.of(2026, 3);

	static LimitAdjustmentPolicy policy(int cooldownDays) {
		Map<RiskGrade, BigDecimal> ones = Map.of(RiskGrade.A, BigDecimal.ONE, RiskGrade.B, BigDecimal.ONE, RiskGrade.C,
				BigDecimal.ONE, RiskGrade.D, BigDecimal.ONE, RiskGrade.E, BigDecimal.ONE);
		BigDecimal big = new BigDecimal("1000000");
		return new LimitAdjustmentPolicy(0, ones, BigDecimal.ZERO, new BigDecimal("100"), big, new BigDecimal("100"),
				big, cooldownDays, 0, big, EnumSet.noneOf(RiskGrade.class), BigDecimal.ZERO, 3650, 365, BigDecimal.ZERO,
				new BigDecimal("100"), BigDecimal.TEN, new BigDecimal("100"), true, RiskGrade.E, 3650, true);
	}

	static Sale sale(String id, String date, String amount, Reduction... reductions) {
		LocalDate day = LocalDate.parse(date);
		return new Sale(id, day, day.plusDays(30), new BigDecimal(amount), List.of(reductions));
	}

	static Reduction paid(String date, String amount) {
		return new Reduction(LocalDate.parse(date), new BigDecimal(amount), false);
	}

	static Reduction writtenOff(String date, String amount) {
		return new Reduction(LocalDate.parse(date), new BigDecimal(amount), true);
	}

	static MonthFigures month(RiskGrade grade, double pd, String monthlyPurchases) {
		return new MonthFigures(new Score(false, grade, pd, List.of()),
				new Behaviour(new BigDecimal(monthlyPurchases), 30, BigDecimal.ONE, 0, 0, BigDecimal.ZERO, 12));
	}

	/**
	 * One customer, an actual limit of 1,000 all along, Net 30. Sales: S0 800 on 10 Dec
	 * (paid 5 Jan), S1 900 on 15 Jan (paid 10 Feb), S2 600 on 20 Jan (written off 10
	 * Mar), S3 700 on 5 Feb (500 paid 1 Mar), S4 1,000 on 3 Mar (open).
	 * <ul>
	 * <li>Jan: grade A, PD 0.02, 2,000 a month: the target 2,000 raises 1,000 to 2,000
	 * (+1,000, beyond the authority of 100: routed). S1: exposure 0, fits both. S2:
	 * exposure 900; simulated 2,000 - 900 = 1,100 fits, actual 1,000 - 900 = 100 does
	 * not: held. End: simulated exposure 900 + 600 = 1,500, EL 30.00; actual 900, EL
	 * 18.00.</li>
	 * <li>Feb: target 2,000 = limit: unchanged. S3 700: simulated exposure 1,500 leaves
	 * 500, actual 900 leaves 100: held under both. End: S1 paid; simulated exposure 600
	 * (S2), EL 12.00; actual 0.</li>
	 * <li>Mar: grade C, PD 0.10, 1,500 a month: the limit goes down to 1,500 (applied
	 * directly). S4 1,000: simulated exposure 600 (S2, written off only on 10 Mar) leaves
	 * 900: held; actual exposure 0 leaves 1,000: approved. End: simulated exposure 0,
	 * realized loss 600 (S2 written off); actual exposure 1,000, EL 100.00, no loss (S2
	 * was held).</li>
	 * </ul>
	 */
	static ReplayCustomer ledger(MonthFigures feb) {
		return new ReplayCustomer("C1", "EUR", null,
				List.of(new ActualLimit(LocalDate.of(2025, 1, 1), new BigDecimal("1000"))),
				List.of(sale("S0", "2025-12-10", "800", paid("2026-01-05", "800")),
						sale("S1", "2026-01-15", "900", paid("2026-02-10", "900")),
						sale("S2", "2026-01-20", "600", writtenOff("2026-03-10", "600")),
						sale("S3", "2026-02-05", "700", paid("2026-03-01", "500")), sale("S4", "2026-03-03", "1000")),
				Map.of(JAN, month(RiskGrade.A, 0.02, "2000"), FEB, feb, MAR, month(RiskGrade.C, 0.10, "1500")));
	}

	static Track track(String limit, String exposure, String expectedLoss, String realizedLoss, int approved,
			String approvedAmount, int held, String heldAmount) {
		return new Track(new BigDecimal(limit), new BigDecimal(exposure), new BigDecimal(expectedLoss),
				new BigDecimal(realizedLoss), approved, new BigDecimal(approvedAmount), held,
				new BigDecimal(heldAmount));
	}

	static Stream<Arguments> months() {
		return Stream.of(
				arguments(JAN, track("2000", "1500", "30.00", "0", 2, "1500", 0, "0"),
						track("1000", "900", "18.00", "0", 1, "900", 1, "600"), 1, 0, 1),
				arguments(FEB, track("2000", "600", "12.00", "0", 0, "0", 1, "700"),
						track("1000", "0", "0.00", "0", 0, "0", 1, "700"), 0, 0, 0),
				arguments(MAR, track("1500", "0", "0.00", "600", 0, "0", 1, "1000"),
						track("1000", "1000", "100.00", "0", 1, "1000", 0, "0"), 0, 1, 0));
	}

	static ReplayOutcome replay(LimitAdjustmentPolicy policy, ReplayCustomer customer) {
		LimitPolicyReplay replay = new LimitPolicyReplay(policy, "EUR", JAN, MAR);
		replay.add(customer);
		return replay.outcome();
	}

	@ParameterizedTest
	@MethodSource
	void months(YearMonth month, Track simulated, Track actual, int increases, int decreases, int routed) {
		ReplayOutcome outcome = replay(policy(0), ledger(month(RiskGrade.A, 0.02, "2000")));
		Month found = outcome.months().get(month.getMonthValue() - 1);
		assertThat(found.month()).isEqualTo(month);
		assertThat(found.simulated()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(simulated);
		assertThat(found.actual()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(actual);
		assertThat(List.of(found.increases(), found.decreases(), found.routedRequests(), found.actualChanges(),
				found.scoredCustomers()))
			.containsExactly(increases, decreases, routed, 0, 1);
	}

	@Test
	void totalsSumOrdersAndLossesKeepTheLastLimitsAndAverageTheExpectedLoss() {
		ReplayOutcome outcome = replay(policy(0), ledger(month(RiskGrade.A, 0.02, "2000")));
		assertThat(outcome.customers()).isEqualTo(1);
		// Expected loss (30 + 12 + 0) / 3 = 14.00 simulated, (18 + 0 + 100) / 3 = 39.33
		// actual.
		assertThat(outcome.totals().simulated()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(track("1500", "0", "14.00", "600", 2, "1500", 2, "1700"));
		assertThat(outcome.totals().actual()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(track("1000", "1000", "39.33", "0", 2, "1900", 2, "1300"));
		assertThat(List.of(outcome.totals().increases(), outcome.totals().decreases(),
				outcome.totals().routedRequests(), outcome.totals().actualChanges()))
			.containsExactly(1, 1, 1, 0);
		assertThat(outcome.totals().simulated().utilization()).isEqualByComparingTo("0");
		assertThat(outcome.totals().actual().utilization()).isEqualByComparingTo("1");
	}

	/**
	 * A 45-day cooldown holds across months: in February (31 days after the January
	 * change) a target of 3,000 waits; on 1 March (59 days) the decrease goes through.
	 */
	@Test
	void theCooldownHoldsAcrossMonths() {
		ReplayOutcome outcome = replay(policy(45), ledger(month(RiskGrade.A, 0.02, "3000")));
		assertThat(outcome.months()).extracting(Month::increases).containsExactly(1, 0, 0);
		assertThat(outcome.months()).extracting(Month::decreases).containsExactly(0, 0, 1);
		assertThat(outcome.months()).extracting(m -> m.simulated().limit().intValue())
			.containsExactly(2000, 2000, 1500);
	}

	/**
	 * A month without a score changes nothing and adds no expected loss; the limit starts
	 * at the actual one, and an actual change in a month is counted.
	 */
	@Test
	void withoutAScoreNothingChangesAndAnActualChangeIsCounted() {
		ReplayCustomer young = new ReplayCustomer("C2", "EUR", null,
				List.of(new ActualLimit(LocalDate.of(2026, 2, 10), new BigDecimal("500")),
						new ActualLimit(LocalDate.of(2025, 6, 1), new BigDecimal("300"))),
				List.of(sale("Y1", "2026-02-11", "400")), Map.of());
		ReplayOutcome outcome = replay(policy(0), young);
		assertThat(outcome.months()).extracting(Month::scoredCustomers).containsExactly(0, 0, 0);
		assertThat(outcome.months()).extracting(Month::actualChanges).containsExactly(0, 1, 0);
		assertThat(outcome.months()).extracting(m -> m.simulated().limit().intValue()).containsExactly(300, 300, 300);
		assertThat(outcome.months()).extracting(m -> m.actual().limit().intValue()).containsExactly(300, 500, 500);
		// 400 on 11 Feb: the actual 500 in force since 10 Feb fits it, the simulated 300
		// does not.
		assertThat(outcome.months().get(1).actual().approvedOrders()).isEqualTo(1);
		assertThat(outcome.months().get(1).simulated().heldOrders()).isEqualTo(1);
		assertThat(outcome.totals().simulated().expectedLoss()).isEqualByComparingTo("0");
	}

	/**
	 * Behaviour from the statements: balances (most recent first) 300, 200, 100, 0, 0, 0;
	 * payments 100 in each of the three latest months; delays 1, 0, 2 (30 and 60 days
	 * late), then no activity. Purchases of months 0..4: 200, 200, 200, 0, 0, so 600 / 5
	 * = 120 a month; on time 1 of 3 active months; worst 60 days, average 45; DSO 300 /
	 * 600 x 90 = 45.0.
	 */
	@Test
	void behaviourComesFromTheStatements() {
		PaymentHistory history = new PaymentHistory("C1",
				List.of(new MonthlyStatement(1000, 300, 100, 1), new MonthlyStatement(1000, 200, 100, 0),
						new MonthlyStatement(1000, 100, 100, 2), new MonthlyStatement(1000, 0, 0, -2),
						new MonthlyStatement(1000, 0, 0, -2), new MonthlyStatement(1000, 0, 0, -2)));
		Behaviour behaviour = ReplayFigures.behaviour(history, 30);
		assertThat(behaviour.monthlyPurchases()).isEqualByComparingTo("120");
		assertThat(behaviour.onTimeRate()).isEqualByComparingTo("0.3333");
		assertThat(behaviour.worstDaysLate()).isEqualTo(60);
		assertThat(behaviour.averageDaysLate()).isEqualTo(45);
		assertThat(behaviour.dso()).isEqualByComparingTo("45.0");
		assertThat(behaviour.monthsOfHistory()).isEqualTo(6);
		assertThat(ReplayFigures.termsDays(List.of(sale("S", "2026-01-01", "1")), LocalDate.of(2026, 2, 1)))
			.isEqualTo(30);
	}

}
