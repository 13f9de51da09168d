package io.creditdesk.ledger;

import java.math.BigDecimal;

/**
 * The exposure counters kept in a customer's document, in its credit currency.
 *
 * @param openOrders approved, not yet shipped (reservations), including long-dated ones
 * @param longDatedOrders the part of openOrders due for delivery beyond the policy's
 * check horizon: reported, but not counted by the credit check
 * @param shippedNotInvoiced shipped, not yet invoiced
 * @param receivables invoiced, not yet paid
 */
public record ExposureCounters(BigDecimal openOrders, BigDecimal longDatedOrders, BigDecimal shippedNotInvoiced,
		BigDecimal receivables) {

	public static final ExposureCounters ZERO = new ExposureCounters(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
			BigDecimal.ZERO);

	public ExposureCounters {
		openOrders = orZero(openOrders);
		longDatedOrders = orZero(longDatedOrders);
		shippedNotInvoiced = orZero(shippedNotInvoiced);
		receivables = orZero(receivables);
	}

	private static BigDecimal orZero(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	public BigDecimal gross() {
		return this.openOrders.add(this.shippedNotInvoiced).add(this.receivables);
	}

	ExposureCounters plus(Deltas d) {
		return new ExposureCounters(this.openOrders.add(d.openOrders()), this.longDatedOrders.add(d.longDatedOrders()),
				this.shippedNotInvoiced.add(d.shippedNotInvoiced()), this.receivables.add(d.receivables()));
	}

}
