package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.function.Predicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.ModelEntity;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.type.keyvalue.EntryPair;

/**
 * Limits for a portfolio under a credit budget, as an exact linear program solved by
 * ojAlgo's simplex (never a heuristic):
 *
 * <pre>
 * maximise   sum_i u_i (m_i - pd_i * lgd) x_i          expected margin - expected loss
 * subject to sum_i b_i x_i &lt;= B                        the budget (b_i = 1 for total
 *                                                     limits, u_i for expected exposure)
 *            sum_{i in s} b_i x_i &lt;= B_s               a segment's own budget
 *            sum_{i in s} x_i &lt;= share_s * B           concentration per segment
 *            sum_{i in v} x_i &lt;= share_v * B           concentration per vertical
 *            min_i &lt;= x_i &lt;= min(max_i, share_c * B)   guardrails, hard cap, per customer
 * </pre>
 *
 * where x_i is customer i's limit, u_i its expected utilization, m_i the margin rate of
 * its segment and pd_i the champion's probability of default. Every row has non-negative
 * coefficients, so the program is feasible exactly when every customer at its lowest
 * allowed limit satisfies every row: that is checked first, so a refusal names the
 * constraint that cannot hold. The outcome carries each constraint's use, whether it
 * binds and its shadow price: what one more unit of its bound would add to the objective
 * (for a customer held by its share, the reduced cost of its limit).
 */
public final class CreditBudgetAllocation {

	/** A binding constraint has less slack than this (in currency units). */
	private static final double BINDING_SLACK = 0.01;

	static {
		// ojAlgo prints eight lines to standard output when it first loads on hardware it
		// has no profile for (any 2-core machine); its own switch turns that off.
		if (System.getProperty("shut.up.ojAlgo") == null) {
			System.setProperty("shut.up.ojAlgo", "true");
		}
	}

	private CreditBudgetAllocation() {
	}

	/** What the budget limits. */
	public enum Basis {

		/** The sum of the limits. */
		TOTAL_LIMITS,
		/** The sum of expected exposures: limit x expected utilization. */
		EXPECTED_EXPOSURE

	}

	/** The kinds of constraint, as the outcome names them. */
	public enum ConstraintKind {

		BUDGET, SEGMENT_BUDGET, SEGMENT_SHARE, VERTICAL_SHARE, CUSTOMER_SHARE

	}

	/**
	 * One customer of the portfolio, every amount in the budget's currency.
	 *
	 * @param customerId the customer
	 * @param segment its segment
	 * @param vertical its industry vertical (may be empty)
	 * @param currentLimit the limit in force
	 * @param minLimit the lowest limit its guardrails allow (e.g. its exposure)
	 * @param maxLimit the highest (its guardrail step and hard cap)
	 * @param probabilityOfDefault the champion's PD
	 * @param expectedUtilization the share of the limit it is expected to use
	 * @param marginRate the margin earned per unit of exposure (per policy and segment)
	 */
	public record Candidate(String customerId, String segment, String vertical, BigDecimal currentLimit,
			BigDecimal minLimit, BigDecimal maxLimit, double probabilityOfDefault, double expectedUtilization,
			double marginRate) {

		public Candidate {
			Objects.requireNonNull(customerId, "customerId");
			segment = (segment == null) ? "" : segment;
			vertical = (vertical == null) ? "" : vertical;
			Objects.requireNonNull(currentLimit, "currentLimit");
			Objects.requireNonNull(minLimit, "minLimit");
			Objects.requireNonNull(maxLimit, "maxLimit");
		}

	}

	/**
	 * The budget and the concentration limits.
	 *
	 * @param currency the currency of every amount
	 * @param basis what the budget limits
	 * @param total the budget B
	 * @param segmentBudgets optional budgets per segment (same basis)
	 * @param maxCustomerShare the largest share of B one customer's limit may take (null:
	 * none)
	 * @param maxSegmentShare the largest share of B per segment's limits
	 * @param maxVerticalShare the largest share of B per vertical's limits
	 * @param lossGivenDefault the share of exposure lost on default (e.g. 0.45)
	 */
	public record Budget(String currency, Basis basis, BigDecimal total, Map<String, BigDecimal> segmentBudgets,
			BigDecimal maxCustomerShare, Map<String, BigDecimal> maxSegmentShare,
			Map<String, BigDecimal> maxVerticalShare, double lossGivenDefault) {

		public Budget {
			Objects.requireNonNull(currency, "currency");
			Objects.requireNonNull(basis, "basis");
			Objects.requireNonNull(total, "total");
			segmentBudgets = (segmentBudgets == null) ? Map.of() : Map.copyOf(segmentBudgets);
			maxSegmentShare = (maxSegmentShare == null) ? Map.of() : Map.copyOf(maxSegmentShare);
			maxVerticalShare = (maxVerticalShare == null) ? Map.of() : Map.copyOf(maxVerticalShare);
		}

	}

	/**
	 * One constraint of the program as solved.
	 *
	 * @param kind its kind
	 * @param subject the segment, vertical or customer it concerns ({@code ""} for the
	 * budget)
	 * @param used how much of the bound the allocation uses
	 * @param bound the bound
	 * @param binding whether the allocation uses the bound to the cent
	 * @param shadowPrice what one more unit of the bound adds to expected margin minus
	 * expected loss (0 when not binding)
	 */
	public record Constraint(ConstraintKind kind, String subject, BigDecimal used, BigDecimal bound, boolean binding,
			double shadowPrice) {
	}

	/**
	 * Totals of a portfolio under some limits.
	 *
	 * @param totalLimits the sum of the limits
	 * @param expectedExposure the sum of limit x expected utilization
	 * @param expectedMargin the sum of expected exposure x margin rate
	 * @param expectedLoss the sum of expected exposure x PD x LGD
	 */
	public record Portfolio(BigDecimal totalLimits, BigDecimal expectedExposure, BigDecimal expectedMargin,
			BigDecimal expectedLoss) {
	}

	/**
	 * The allocation.
	 *
	 * @param limits the proposed limit per customer, in the candidates' order
	 * @param constraints every budget, segment and vertical row, and every customer its
	 * share holds, with use and shadow price
	 * @param budgetUsed the budget used, on its basis
	 * @param before the portfolio under the current limits
	 * @param after the portfolio under the proposed limits
	 */
	public record Outcome(Map<String, BigDecimal> limits, List<Constraint> constraints, BigDecimal budgetUsed,
			Portfolio before, Portfolio after) {

		/** The constraints that bind. */
		public List<Constraint> binding() {
			return this.constraints.stream().filter(Constraint::binding).toList();
		}

	}

	public static Outcome allocate(List<Candidate> candidates, Budget budget) {
		validate(candidates, budget);
		double total = budget.total().doubleValue();
		double customerCap = (budget.maxCustomerShare() == null) ? Double.POSITIVE_INFINITY
				: budget.maxCustomerShare().doubleValue() * total;
		ExpressionsBasedModel model = new ExpressionsBasedModel();
		List<Variable> limits = new ArrayList<>(candidates.size());
		double[] weights = new double[candidates.size()];
		double[] upper = new double[candidates.size()];
		for (int i = 0; i < candidates.size(); i++) {
			Candidate c = candidates.get(i);
			weights[i] = objective(c, budget);
			upper[i] = Math.min(c.maxLimit().doubleValue(), customerCap);
			limits.add(model.addVariable(c.customerId())
				.lower(c.minLimit().doubleValue())
				.upper(upper[i])
				.weight(weights[i]));
		}
		List<Row> rows = new ArrayList<>();
		rows.add(row(model, ConstraintKind.BUDGET, "", total, candidates, limits, c -> true,
				c -> basisWeight(c, budget)));
		budget.segmentBudgets()
			.forEach((segment, amount) -> rows
				.add(row(model, ConstraintKind.SEGMENT_BUDGET, segment, amount.doubleValue(), candidates, limits,
						c -> c.segment().equals(segment), c -> basisWeight(c, budget))));
		budget.maxSegmentShare()
			.forEach((segment, share) -> rows.add(row(model, ConstraintKind.SEGMENT_SHARE, segment,
					share.doubleValue() * total, candidates, limits, c -> c.segment().equals(segment), c -> 1.0)));
		budget.maxVerticalShare()
			.forEach((vertical, share) -> rows.add(row(model, ConstraintKind.VERTICAL_SHARE, vertical,
					share.doubleValue() * total, candidates, limits, c -> c.vertical().equals(vertical), c -> 1.0)));

		Optimisation.Result result = model.maximise();
		if (!result.getState().isOptimal()) {
			throw CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_INFEASIBLE.variant("solver"), "budget",
					result.getState().name());
		}
		Map<Expression, Double> duals = new HashMap<>();
		for (EntryPair.KeyedPrimitive<EntryPair<ModelEntity<?>, Optimisation.ConstraintType>> multiplier : result
			.getMatchedMultipliers()) {
			if (multiplier.getKey().getKey() instanceof Expression expression) {
				duals.merge(expression, multiplier.doubleValue(), Double::sum);
			}
		}

		double[] x = new double[candidates.size()];
		for (int i = 0; i < candidates.size(); i++) {
			x[i] = result.doubleValue(i);
		}
		// Cents, rounded down once the solver's floating-point noise is gone
		// (30.1999999997 is 30.20), never below the lowest allowed limit; should that put
		// any row above its bound by a fraction of a cent, plain rounding down, which
		// every row keeps (their coefficients are not negative).
		Map<String, BigDecimal> snapped = cents(candidates, x, true);
		Map<String, BigDecimal> proposed = keepsEveryRow(candidates, snapped, rows) ? snapped
				: cents(candidates, x, false);
		List<Constraint> constraints = new ArrayList<>();
		double[] rowPrice = new double[rows.size()];
		for (int r = 0; r < rows.size(); r++) {
			Row row = rows.get(r);
			double used = 0;
			for (int i = 0; i < candidates.size(); i++) {
				used += row.coefficients[i] * proposed.get(candidates.get(i).customerId()).doubleValue();
			}
			boolean binding = row.bound - used < BINDING_SLACK + 1e-6 * Math.abs(row.bound);
			rowPrice[r] = binding ? Math.abs(duals.getOrDefault(row.expression, 0.0)) : 0.0;
			constraints.add(new Constraint(row.kind, row.subject, money(used), money(row.bound), binding, rowPrice[r]));
		}
		for (int i = 0; i < candidates.size(); i++) {
			Candidate c = candidates.get(i);
			if (customerCap < c.maxLimit().doubleValue() && customerCap - x[i] < BINDING_SLACK) {
				// The reduced cost of a limit held at its share: its objective weight
				// less what the rows it uses are worth.
				double reduced = weights[i];
				for (int r = 0; r < rows.size(); r++) {
					reduced -= rowPrice[r] * rows.get(r).coefficients[i];
				}
				constraints.add(new Constraint(ConstraintKind.CUSTOMER_SHARE, c.customerId(),
						proposed.get(c.customerId()), money(customerCap), true, Math.max(0.0, reduced)));
			}
		}
		Portfolio before = portfolio(candidates, budget, c -> c.currentLimit());
		Portfolio after = portfolio(candidates, budget, c -> proposed.get(c.customerId()));
		return new Outcome(proposed, constraints, constraints.get(0).used(), before, after);
	}

	private static Map<String, BigDecimal> cents(List<Candidate> candidates, double[] x, boolean snap) {
		Map<String, BigDecimal> limits = new LinkedHashMap<>();
		for (int i = 0; i < candidates.size(); i++) {
			Candidate c = candidates.get(i);
			BigDecimal value = BigDecimal.valueOf(x[i]);
			if (snap) {
				value = value.setScale(6, RoundingMode.HALF_EVEN);
			}
			limits.put(c.customerId(), value.setScale(2, RoundingMode.FLOOR).max(c.minLimit()));
		}
		return limits;
	}

	private static boolean keepsEveryRow(List<Candidate> candidates, Map<String, BigDecimal> limits, List<Row> rows) {
		for (Row row : rows) {
			BigDecimal used = BigDecimal.ZERO;
			for (int i = 0; i < candidates.size(); i++) {
				if (row.coefficients[i] != 0) {
					used = used.add(BigDecimal.valueOf(row.coefficients[i])
						.multiply(limits.get(candidates.get(i).customerId())));
				}
			}
			if (used.compareTo(BigDecimal.valueOf(row.bound)) > 0) {
				return false;
			}
		}
		return true;
	}

	private static void validate(List<Candidate> candidates, Budget budget) {
		if (budget.total().signum() <= 0) {
			throw CreditDeskException.refuse(AllocationErrorCode.BUDGET_NOT_POSITIVE, "total",
					new Money(budget.total(), budget.currency()));
		}
		Set<String> segments = candidates.stream().map(Candidate::segment).collect(Collectors.toSet());
		Set<String> verticals = candidates.stream().map(Candidate::vertical).collect(Collectors.toSet());
		for (String segment : union(budget.segmentBudgets().keySet(), budget.maxSegmentShare().keySet())) {
			if (!segments.contains(segment)) {
				throw CreditDeskException.refuse(AllocationErrorCode.UNKNOWN_SEGMENT, "segment",
						new MessageCatalogue.Quoted(segment));
			}
		}
		for (String vertical : budget.maxVerticalShare().keySet()) {
			if (!verticals.contains(vertical)) {
				throw CreditDeskException.refuse(AllocationErrorCode.UNKNOWN_SEGMENT.variant("vertical"), "vertical",
						new MessageCatalogue.Quoted(vertical));
			}
		}
		List<BigDecimal> shares = new ArrayList<>(budget.maxSegmentShare().values());
		shares.addAll(budget.maxVerticalShare().values());
		if (budget.maxCustomerShare() != null) {
			shares.add(budget.maxCustomerShare());
		}
		for (BigDecimal share : shares) {
			if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
				throw CreditDeskException.refuse(AllocationErrorCode.INVALID_SHARE, "share", share);
			}
		}
		for (BigDecimal amount : budget.segmentBudgets().values()) {
			if (amount.signum() <= 0) {
				throw CreditDeskException.refuse(AllocationErrorCode.BUDGET_NOT_POSITIVE.variant("segment"),
						"segmentBudgets", new Money(amount, budget.currency()));
			}
		}
		for (Candidate c : candidates) {
			if (c.minLimit().signum() < 0 || c.minLimit().compareTo(c.maxLimit()) > 0) {
				throw CreditDeskException.refuse(AllocationErrorCode.INVALID_BOUNDS, "customerId", c.customerId(),
						new Money(c.minLimit(), budget.currency()), new Money(c.maxLimit(), budget.currency()));
			}
		}
		// Every row has non-negative coefficients: the program is feasible exactly when
		// the lowest allowed limits satisfy each row. Name the first that they do not.
		BigDecimal total = budget.total();
		checkFloor(ConstraintKind.BUDGET, "", sum(candidates, c -> true, c -> basisWeight(c, budget)), total,
				budget.currency());
		budget.segmentBudgets()
			.forEach((segment, amount) -> checkFloor(ConstraintKind.SEGMENT_BUDGET, segment,
					sum(candidates, c -> c.segment().equals(segment), c -> basisWeight(c, budget)), amount,
					budget.currency()));
		budget.maxSegmentShare()
			.forEach((segment, share) -> checkFloor(ConstraintKind.SEGMENT_SHARE, segment,
					sum(candidates, c -> c.segment().equals(segment), c -> 1.0), share.multiply(total),
					budget.currency()));
		budget.maxVerticalShare()
			.forEach((vertical, share) -> checkFloor(ConstraintKind.VERTICAL_SHARE, vertical,
					sum(candidates, c -> c.vertical().equals(vertical), c -> 1.0), share.multiply(total),
					budget.currency()));
		if (budget.maxCustomerShare() != null) {
			BigDecimal cap = budget.maxCustomerShare().multiply(total);
			for (Candidate c : candidates) {
				if (c.minLimit().compareTo(cap) > 0) {
					throw CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_INFEASIBLE.variant("customer"),
							"maxCustomerShare", c.customerId(), new Money(c.minLimit(), budget.currency()),
							new Money(money(cap.doubleValue()), budget.currency()));
				}
			}
		}
	}

	private static void checkFloor(ConstraintKind kind, String subject, double floor, BigDecimal bound,
			String currency) {
		if (floor > bound.doubleValue() + 1e-9) {
			Money taken = new Money(money(floor), currency);
			Money of = new Money(bound, currency);
			throw subject.isEmpty()
					? CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_INFEASIBLE, kind.name(), kind.name(),
							taken, of)
					: CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_INFEASIBLE.variant("subject"),
							kind.name(), kind.name(), subject, taken, of);
		}
	}

	private static double sum(List<Candidate> candidates, Predicate<Candidate> member,
			Function<Candidate, Double> weight) {
		double sum = 0;
		for (Candidate c : candidates) {
			if (member.test(c)) {
				sum += weight.apply(c) * c.minLimit().doubleValue();
			}
		}
		return sum;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	private static double objective(Candidate c, Budget budget) {
		return c.expectedUtilization() * (c.marginRate() - c.probabilityOfDefault() * budget.lossGivenDefault());
	}

	private static double basisWeight(Candidate c, Budget budget) {
		return (budget.basis() == Basis.TOTAL_LIMITS) ? 1.0 : c.expectedUtilization();
	}

	private static Row row(ExpressionsBasedModel model, ConstraintKind kind, String subject, double bound,
			List<Candidate> candidates, List<Variable> limits, Predicate<Candidate> member,
			Function<Candidate, Double> weight) {
		Expression expression = model.addExpression(kind + ":" + subject).upper(bound);
		double[] coefficients = new double[candidates.size()];
		for (int i = 0; i < candidates.size(); i++) {
			Candidate c = candidates.get(i);
			if (member.test(c)) {
				coefficients[i] = weight.apply(c);
				expression.set(limits.get(i), coefficients[i]);
			}
		}
		return new Row(kind, subject, bound, expression, coefficients);
	}

	private static Portfolio portfolio(List<Candidate> candidates, Budget budget,
			Function<Candidate, BigDecimal> limitOf) {
		BigDecimal limits = BigDecimal.ZERO;
		BigDecimal exposure = BigDecimal.ZERO;
		BigDecimal margin = BigDecimal.ZERO;
		BigDecimal loss = BigDecimal.ZERO;
		for (Candidate c : candidates) {
			BigDecimal limit = limitOf.apply(c);
			BigDecimal expected = limit.multiply(BigDecimal.valueOf(c.expectedUtilization()));
			limits = limits.add(limit);
			exposure = exposure.add(expected);
			margin = margin.add(expected.multiply(BigDecimal.valueOf(c.marginRate())));
			loss = loss
				.add(expected.multiply(BigDecimal.valueOf(c.probabilityOfDefault() * budget.lossGivenDefault())));
		}
		return new Portfolio(limits.setScale(2, RoundingMode.HALF_EVEN), exposure.setScale(2, RoundingMode.HALF_EVEN),
				margin.setScale(2, RoundingMode.HALF_EVEN), loss.setScale(2, RoundingMode.HALF_EVEN));
	}

	private static BigDecimal money(double amount) {
		return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
	}

	private record Row(ConstraintKind kind, String subject, double bound, Expression expression,
			double[] coefficients) {
	}

}
