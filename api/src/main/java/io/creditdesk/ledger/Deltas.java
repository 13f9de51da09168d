package io.creditdesk.ledger;

import java.math.BigDecimal;

/** A change of the exposure counters; positive raises, negative lowers. */
record Deltas(BigDecimal openOrders, BigDecimal longDatedOrders, BigDecimal shippedNotInvoiced, BigDecimal receivables) {

	static Deltas reserve(BigDecimal amount, boolean longDated) {
		return new Deltas(amount, longDated ? amount : BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
	}

	static Deltas release(BigDecimal amount, boolean longDated) {
		return reserve(amount.negate(), longDated);
	}

	static Deltas ship(BigDecimal amount, boolean longDated) {
		return new Deltas(amount.negate(), longDated ? amount.negate() : BigDecimal.ZERO, amount, BigDecimal.ZERO);
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

	boolean lowersAnything() {
		return this.openOrders.signum() < 0 || this.longDatedOrders.signum() < 0 || this.shippedNotInvoiced.signum() < 0
				|| this.receivables.signum() < 0;
	}

}
