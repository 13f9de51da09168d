package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * What a replay of a policy on history found, month by month and in total, for the actual
 * limits ({@code actual}) and the limits the policy would have set ({@code simulated}),
 * every amount in {@code currency}.
 *
 * @param currency the currency of every amount
 * @param customers the customers replayed
 * @param months one entry per replayed month, oldest first
 * @param totals the whole period
 */
public record ReplayOutcome(String currency, int customers, List<Month> months, Totals totals) {

	public ReplayOutcome {
		Objects.requireNonNull(currency, "currency");
		months = List.copyOf(months);
		Objects.requireNonNull(totals, "totals");
	}

	/**
	 * One month of the portfolio.
	 *
	 * @param month the calendar month
	 * @param scoredCustomers customers with a score as of the month's first day (the
	 * others have too little history: no automatic change, no expected loss)
	 * @param actual under the limits the customers had
	 * @param simulated under the limits the policy would have set
	 * @param increases limits the policy would have raised at the month's start
	 * @param decreases limits it would have lowered
	 * @param routedRequests of those changes, the ones beyond automatic authority (credit
	 * limit requests it would have routed; the replay takes them as approved)
	 * @param actualChanges limit changes that actually took effect in the month (a limit
	 * restated at the amount in force is none)
	 */
	public record Month(YearMonth month, int scoredCustomers, Track actual, Track simulated, int increases,
			int decreases, int routedRequests, int actualChanges) {
	}

	/**
	 * The portfolio under one set of limits in one month (or, in {@link Totals}, the
	 * whole period).
	 *
	 * @param limit the sum of the limits at the month's end
	 * @param exposure the receivables open at the month's end, of the sales these limits
	 * approved
	 * @param expectedLoss the sum of each customer's PD x its exposure at the month's end
	 * @param realizedLoss written off in the month on sales these limits approved
	 * @param approvedOrders the month's orders that fitted the available credit
	 * @param approvedAmount their amount
	 * @param heldOrders the month's orders that did not fit: held for approval
	 * @param heldAmount their amount
	 */
	public record Track(BigDecimal limit, BigDecimal exposure, BigDecimal expectedLoss, BigDecimal realizedLoss,
			int approvedOrders, BigDecimal approvedAmount, int heldOrders, BigDecimal heldAmount) {

		static final Track ZERO = new Track(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0,
				BigDecimal.ZERO, 0, BigDecimal.ZERO);

		/** Exposure / limit, 4 decimals; null when the limit is zero. */
		public BigDecimal utilization() {
			return (this.limit.signum() == 0) ? null : this.exposure.divide(this.limit, 4, RoundingMode.HALF_EVEN);
		}

		Track plus(Track other) {
			return new Track(this.limit.add(other.limit), this.exposure.add(other.exposure),
					this.expectedLoss.add(other.expectedLoss), this.realizedLoss.add(other.realizedLoss),
					this.approvedOrders + other.approvedOrders, this.approvedAmount.add(other.approvedAmount),
					this.heldOrders + other.heldOrders, this.heldAmount.add(other.heldAmount));
		}

	}

	/**
	 * The whole period.
	 *
	 * @param actual orders, amounts and realized losses summed over the months; limit and
	 * exposure of the last month; expected loss averaged over the months
	 * @param simulated the same under the simulated limits
	 * @param increases limits the policy would have raised
	 * @param decreases limits it would have lowered
	 * @param routedRequests requests it would have routed
	 * @param actualChanges limit changes that actually took effect
	 */
	public record Totals(Track actual, Track simulated, int increases, int decreases, int routedRequests,
			int actualChanges) {
	}

}
