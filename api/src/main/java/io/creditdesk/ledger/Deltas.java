package io.creditdesk.ledger;

import java.math.BigDecimal;

/** A change of the exposure counters; positive raises, negative lowers. */
record Deltas(BigDecimal openOrders, BigDecimal longDatedOrders, BigDecimal shippedNotInvoiced,
		BigDecimal receivables) {

	static final Deltas NONE = new Deltas(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	Deltas {
		// A change read back from a pending change in the store keeps only the counters
		// it moves.
		openOrders = (openOrders != null) ? openOrders : BigDecimal.ZERO;
		longDatedOrders = (longDatedOrders != null) ? longDatedOrders : BigDecimal.ZERO;
		shippedNotInvoiced = (shippedNotInvoiced != null) ? shippedNotInvoiced : BigDecimal.ZERO;
		receivables = (receivables != null) ? receivables : BigDecimal.ZERO;
	}

	static Deltas reserve(BigDecimal amount, boolean longDated) {
		return new Deltas(amount, longDated ? amount : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
	}

	static Deltas release(BigDecimal amount, boolean longDated) {
		return reserve(amount.negate(), longDated);
	}

	/**
	 * Shipping {@code amount} of an order moves it from open orders to
	 * shipped-not-invoiced; of a long-dated order, the part that was open ({@code open})
	 * also leaves the long-dated orders.
	 */
	static Deltas ship(BigDecimal amount, BigDecimal open, boolean longDated) {
		return new Deltas(amount.negate(), longDated ? amount.min(open).negate() : BigDecimal.ZERO, amount,
				BigDecimal.ZERO);
	}

	static Deltas invoiceShipped(BigDecimal amount) {
		return new Deltas(BigDecimal.ZERO, BigDecimal.ZERO, amount.negate(), amount);
	}

	static Deltas receivable(BigDecimal amount) {
		return new Deltas(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, amount);
	}

	static Deltas intoHorizon(BigDecimal amount) {
		return new Deltas(BigDecimal.ZERO, amount.negate(), BigDecimal.ZERO, BigDecimal.ZERO);
	}

	Deltas plus(Deltas other) {
		return new Deltas(this.openOrders.add(other.openOrders), this.longDatedOrders.add(other.longDatedOrders),
				this.shippedNotInvoiced.add(other.shippedNotInvoiced), this.receivables.add(other.receivables));
	}

	Deltas negate() {
		return new Deltas(this.openOrders.negate(), this.longDatedOrders.negate(), this.shippedNotInvoiced.negate(),
				this.receivables.negate());
	}

	boolean isZero() {
		return this.openOrders.signum() == 0 && this.longDatedOrders.signum() == 0
				&& this.shippedNotInvoiced.signum() == 0 && this.receivables.signum() == 0;
	}

	boolean lowersAnything() {
		return this.openOrders.signum() < 0 || this.longDatedOrders.signum() < 0 || this.shippedNotInvoiced.signum() < 0
				|| this.receivables.signum() < 0;
	}

}
