package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Budget;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Candidate;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Constraint;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.ConstraintKind;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The credit budget allocation against linear programs solved by hand, shadow prices
 * included, and against the exact greedy optimum of a one-row program (a fractional
 * knapsack) on a random portfolio; every constraint is checked on the outcome; bad input
 * and infeasible constraints are refused naming the constraint.
 * <p>
 * Three customers, each allowed 0 to 100, LGD 0.5, utilization 1: objective weights
 * {@code u (m - pd lgd)} are 0.05, 0.03 and 0.01 per unit of limit.
 */
class CreditBudgetAllocationTests {

	private static final double LGD = 0.5;

	private static List<Candidate> three() {
		return List.of(candidate("c1", "S", "steel", "0", 0.06), candidate("c2", "S", "food", "0", 0.04),
				candidate("c3", "T", "steel", "0", 0.02));
	}

	private static Candidate candidate(String id, String segment, String vertical, String min, double margin) {
		return new Candidate(id, segment, vertical, new BigDecimal("50"), new BigDecimal(min), new BigDecimal("100"),
				0.02, 1.0, margin);
	}

	private static Budget budget(String total, BigDecimal customerShare, Map<String, BigDecimal> segmentShare) {
		return new Budget("EUR", Basis.TOTAL_LIMITS, new BigDecimal(total), Map.of(), customerShare, segmentShare,
				Map.of(), LGD);
	}

	@Test
	void theBudgetGoesToTheBestMarginAfterLossAndItsShadowPriceIsTheMarginalCustomers() {
		Outcome outcome = CreditBudgetAllocation.allocate(three(), budget("150", null, Map.of()));
		assertLimits(outcome, "100", "50", "0");
		Constraint budget = outcome.constraints().get(0);
		assertThat(budget.kind()).isEqualTo(ConstraintKind.BUDGET);
		assertThat(budget.binding()).isTrue();
		assertThat(budget.used()).isEqualByComparingTo("150");
		assertThat(budget.shadowPrice()).isCloseTo(0.03, within(1e-9));
		assertThat(outcome.budgetUsed()).isEqualByComparingTo("150");
		// 100 x 0.06 + 50 x 0.04 margin, 150 x 0.02 x 0.5 loss.
		assertThat(outcome.after().expectedMargin()).isEqualByComparingTo("8.00");
		assertThat(outcome.after().expectedLoss()).isEqualByComparingTo("1.50");
		// Before: 50 each.
		assertThat(outcome.before().totalLimits()).isEqualByComparingTo("150");
		assertThat(outcome.before().expectedMargin()).isEqualByComparingTo("6.00");
	}

	@Test
	void aSegmentShareThatBindsHasItsOwnShadowPrice() {
		// Segment S may take 80 % of 150 = 120: x = (100, 20, 30), objective 5.9; one
		// more unit of budget goes to c3 (0.01); one more unit of S's share moves a unit
		// from c3 to c2 (0.03 - 0.01 = 0.02).
		Outcome outcome = CreditBudgetAllocation.allocate(three(),
				budget("150", null, Map.of("S", new BigDecimal("0.8"))));
		assertLimits(outcome, "100", "20", "30");
		assertThat(outcome.binding()).extracting(Constraint::kind)
			.containsExactly(ConstraintKind.BUDGET, ConstraintKind.SEGMENT_SHARE);
		assertThat(outcome.constraints().get(0).shadowPrice()).isCloseTo(0.01, within(1e-9));
		assertThat(outcome.constraints().get(1).shadowPrice()).isCloseTo(0.02, within(1e-9));
		assertThat(outcome.constraints().get(1).bound()).isEqualByComparingTo("120");
		// The shadow price is what the objective gains: the budget at 151 adds 0.01.
		Outcome more = CreditBudgetAllocation.allocate(three(),
				budget("151", null, Map.of("S", new BigDecimal("0.8"))));
		assertThat(objective(three(), more) - objective(three(), outcome)).isCloseTo(0.01 + 0.8 * 0.02, within(1e-9));
	}

	@Test
	void aCustomerHeldByItsShareReportsTheReducedCostOfItsLimit() {
		// 50 % of 170 = 85 per customer: x = (85, 85, 0)? No: c1 and c2 stop at 85, c3
		// takes the remaining 0; budget 200 leaves 30 for c3: x = (100 -> 100? capped)
		// ... With a 0.4 share of 200 = 80: x = (80, 80, 40), budget price 0.01, the
		// reduced costs of c1 and c2 are 0.05 - 0.01 and 0.03 - 0.01.
		Outcome outcome = CreditBudgetAllocation.allocate(three(), budget("200", new BigDecimal("0.4"), Map.of()));
		assertLimits(outcome, "80", "80", "40");
		assertThat(outcome.constraints().get(0).shadowPrice()).isCloseTo(0.01, within(1e-9));
		List<Constraint> shares = outcome.constraints()
			.stream()
			.filter(c -> c.kind() == ConstraintKind.CUSTOMER_SHARE)
			.toList();
		assertThat(shares).extracting(Constraint::subject).containsExactly("c1", "c2");
		assertThat(shares.get(0).shadowPrice()).isCloseTo(0.04, within(1e-9));
		assertThat(shares.get(1).shadowPrice()).isCloseTo(0.02, within(1e-9));
	}

	@Test
	void aBudgetOnExpectedExposureWeighsEachLimitByItsUtilization() {
		// c1: utilization 0.5, margin 0.12: 0.055 per unit of limit, 0.11 per unit of
		// budget; c2: 0.03 for both. An exposure budget of 80: c1 takes 100 (50 of the
		// budget), c2 the remaining 30.
		List<Candidate> two = List.of(
				new Candidate("c1", "S", "", BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100"), 0.02, 0.5, 0.12),
				new Candidate("c2", "S", "", BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("100"), 0.02, 1.0, 0.04));
		Outcome outcome = CreditBudgetAllocation.allocate(two, new Budget("EUR", Basis.EXPECTED_EXPOSURE,
				new BigDecimal("80"), Map.of(), null, Map.of(), Map.of(), LGD));
		assertThat(outcome.limits().get("c1")).isEqualByComparingTo("100");
		assertThat(outcome.limits().get("c2")).isEqualByComparingTo("30");
		assertThat(outcome.budgetUsed()).isEqualByComparingTo("80");
		assertThat(outcome.constraints().get(0).shadowPrice()).isCloseTo(0.03, within(1e-9));
	}

	@Test
	void theGuardrailFloorsAreKept() {
		List<Candidate> floored = new ArrayList<>(three());
		floored.set(2, candidate("c3", "T", "steel", "40", 0.02));
		assertLimits(CreditBudgetAllocation.allocate(floored, budget("150", null, Map.of())), "100", "10", "40");
	}

	@Test
	void aRandomPortfolioUnderOneBudgetGetsTheExactOptimumAndKeepsEveryBound() {
		Random random = new Random(16);
		List<Candidate> portfolio = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			double pd = 0.005 + 0.3 * random.nextDouble();
			BigDecimal min = BigDecimal.valueOf(random.nextInt(20_000));
			BigDecimal max = min.add(BigDecimal.valueOf(1 + random.nextInt(100_000)));
			portfolio.add(new Candidate("c" + i, "S" + (i % 3), "V" + (i % 5), min, min, max, pd,
					0.2 + 0.7 * random.nextDouble(), 0.02 + 0.06 * random.nextDouble()));
		}
		BigDecimal total = new BigDecimal("9000000");
		Outcome outcome = CreditBudgetAllocation.allocate(portfolio,
				new Budget("EUR", Basis.TOTAL_LIMITS, total, Map.of(), null, Map.of(), Map.of(), LGD));
		// A one-row program with bounds is a fractional knapsack: floors first, then the
		// rest by weight, best first, skipping customers whose weight is not positive.
		double remaining = total.doubleValue();
		double best = 0;
		for (Candidate c : portfolio) {
			remaining -= c.minLimit().doubleValue();
			best += weight(c) * c.minLimit().doubleValue();
		}
		List<Candidate> byWeight = new ArrayList<>(portfolio);
		byWeight.sort(Comparator.comparingDouble(CreditBudgetAllocationTests::weight).reversed());
		for (Candidate c : byWeight) {
			if (weight(c) <= 0 || remaining <= 0) {
				break;
			}
			double room = Math.min(remaining, c.maxLimit().subtract(c.minLimit()).doubleValue());
			best += weight(c) * room;
			remaining -= room;
		}
		double got = 0;
		BigDecimal sum = BigDecimal.ZERO;
		for (Candidate c : portfolio) {
			BigDecimal limit = outcome.limits().get(c.customerId());
			assertThat(limit).isBetween(c.minLimit(), c.maxLimit());
			got += weight(c) * limit.doubleValue();
			sum = sum.add(limit);
		}
		assertThat(sum).isLessThanOrEqualTo(total);
		// Cents rounded down cost at most a cent per customer.
		assertThat(got).isCloseTo(best, within(0.01 * portfolio.size()));
	}

	@Test
	void badInputAndInfeasibleConstraintsAreRefusedNamingTheConstraint() {
		assertRefused(() -> CreditBudgetAllocation.allocate(three(), budget("-1", null, Map.of())),
				AllocationErrorCode.BUDGET_NOT_POSITIVE, "-1");
		assertRefused(() -> CreditBudgetAllocation.allocate(three(), budget("150", null, Map.of("X", BigDecimal.ONE))),
				AllocationErrorCode.UNKNOWN_SEGMENT, "'X'");
		assertRefused(
				() -> CreditBudgetAllocation.allocate(three(), budget("150", null, Map.of("S", new BigDecimal("1.5")))),
				AllocationErrorCode.INVALID_SHARE, "1.5");
		List<Candidate> floored = List.of(candidate("c1", "S", "", "60", 0.06), candidate("c2", "S", "", "60", 0.04),
				candidate("c3", "T", "", "60", 0.02));
		assertRefused(() -> CreditBudgetAllocation.allocate(floored, budget("150", null, Map.of())),
				AllocationErrorCode.ALLOCATION_INFEASIBLE, "Constraint BUDGET cannot hold", "180.00 EUR of 150.00 EUR");
		assertRefused(
				() -> CreditBudgetAllocation.allocate(floored, budget("500", null, Map.of("S", new BigDecimal("0.2")))),
				AllocationErrorCode.ALLOCATION_INFEASIBLE, "Constraint SEGMENT_SHARE for S cannot hold");
		assertRefused(() -> CreditBudgetAllocation.allocate(floored, budget("500", new BigDecimal("0.1"), Map.of())),
				AllocationErrorCode.ALLOCATION_INFEASIBLE, "CUSTOMER_SHARE", "customer c1");
	}

	private static void assertRefused(Runnable call, AllocationErrorCode code, String... words) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(CreditDeskException.class, ex -> {
			assertThat(ex.code()).isEqualTo(code.name());
			assertThat(ex.errors().get(0).message()).contains(words);
		});
	}

	private static double weight(Candidate c) {
		return c.expectedUtilization() * (c.marginRate() - c.probabilityOfDefault() * LGD);
	}

	/** Expected margin minus expected loss, unrounded. */
	private static double objective(List<Candidate> candidates, Outcome outcome) {
		double objective = 0;
		for (Candidate c : candidates) {
			objective += weight(c) * outcome.limits().get(c.customerId()).doubleValue();
		}
		return objective;
	}

	private static void assertLimits(Outcome outcome, String... expected) {
		assertThat(outcome.limits().values()).hasSize(expected.length);
		int i = 0;
		for (BigDecimal limit : outcome.limits().values()) {
			assertThat(limit).as("c" + (i + 1)).isEqualByComparingTo(expected[i++]);
		}
	}

}
