package io.creditdesk.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.creditdesk.dynamiclimit.CreditBudgetAllocation;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Budget;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Candidate;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Outcome;

/**
 * Times the credit budget allocation (issue 16's goal: 10,000 customers under 10
 * concentration constraints in under 10 s): a seeded random portfolio of
 * {@code customers} over 4 segments and 5 verticals, a budget of 80 % of the sum of the
 * customers' highest allowed limits, a segment share for each of the 4 segments, a
 * vertical share for each of the 5, and a share per customer (10 rows besides the
 * bounds); {@code runs} timed solves after {@code warmup} untimed ones. Arguments
 * {@code key=value}: customers (10000), warmup (3), runs (5), seed (16).
 */
public final class AllocationBench {

	private AllocationBench() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new HashMap<>(
				Map.of("customers", "10000", "warmup", "3", "runs", "5", "seed", "16"));
		for (String arg : args) {
			String[] kv = arg.split("=", 2);
			options.put(kv[0], kv[1]);
		}
		int customers = Integer.parseInt(options.get("customers"));
		Random random = new Random(Long.parseLong(options.get("seed")));
		List<Candidate> portfolio = new ArrayList<>(customers);
		BigDecimal maxSum = BigDecimal.ZERO;
		for (int i = 0; i < customers; i++) {
			BigDecimal current = BigDecimal.valueOf(5_000 + random.nextInt(200_000));
			BigDecimal min = current.multiply(new BigDecimal("0.7")).setScale(0, RoundingMode.CEILING);
			BigDecimal max = current.multiply(new BigDecimal("1.25")).setScale(0, RoundingMode.FLOOR);
			maxSum = maxSum.add(max);
			portfolio.add(new Candidate("c" + i, "S" + (i % 4), "V" + (i % 5), current, min, max,
					0.005 + 0.25 * random.nextDouble() * random.nextDouble(), 0.2 + 0.7 * random.nextDouble(),
					0.03 + 0.05 * random.nextDouble()));
		}
		BigDecimal total = maxSum.multiply(new BigDecimal("0.8")).setScale(0, RoundingMode.FLOOR);
		Map<String, BigDecimal> segments = Map.of("S0", new BigDecimal("0.28"), "S1", new BigDecimal("0.27"), "S2",
				new BigDecimal("0.26"), "S3", new BigDecimal("0.3"));
		Map<String, BigDecimal> verticals = Map.of("V0", new BigDecimal("0.21"), "V1", new BigDecimal("0.22"), "V2",
				new BigDecimal("0.2"), "V3", new BigDecimal("0.25"), "V4", new BigDecimal("0.25"));
		Budget budget = new Budget("EUR", Basis.TOTAL_LIMITS, total, Map.of(), new BigDecimal("0.0002"), segments,
				verticals, 0.45);
		int warmup = Integer.parseInt(options.get("warmup"));
		int runs = Integer.parseInt(options.get("runs"));
		Outcome outcome = null;
		for (int i = 0; i < warmup; i++) {
			outcome = CreditBudgetAllocation.allocate(portfolio, budget);
		}
		long[] millis = new long[runs];
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			outcome = CreditBudgetAllocation.allocate(portfolio, budget);
			millis[i] = (System.nanoTime() - start) / 1_000_000;
		}
		System.out.printf("customers=%d budget=%s used=%s binding=%d%n", customers, total.toPlainString(),
				outcome.budgetUsed().toPlainString(), outcome.binding().size());
		outcome.binding()
			.stream()
			.filter(c -> c.kind() != CreditBudgetAllocation.ConstraintKind.CUSTOMER_SHARE)
			.forEach(c -> System.out.printf("  binding %s %s used=%s bound=%s shadow=%.6f%n", c.kind(), c.subject(),
					c.used().toPlainString(), c.bound().toPlainString(), c.shadowPrice()));
		System.out.printf("before: margin=%s loss=%s  after: margin=%s loss=%s%n",
				outcome.before().expectedMargin().toPlainString(), outcome.before().expectedLoss().toPlainString(),
				outcome.after().expectedMargin().toPlainString(), outcome.after().expectedLoss().toPlainString());
		System.out.printf("solve ms: %s%n", java.util.Arrays.toString(millis));
	}

}
