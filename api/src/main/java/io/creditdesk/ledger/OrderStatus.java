package io.creditdesk.ledger;

/**
 * Where an order is in its life, and which changes each status allows: the one place that
 * says what a credit decision makes of an order and which orders may be amended,
 * cancelled, reopened or shipped.
 */
public enum OrderStatus {

	/** Approved; its unshipped part is reserved. */
	OPEN,
	/** Waiting for Finance sign-off; nothing reserved. */
	HELD,
	/** Refused by the credit check or by Finance. */
	REJECTED,
	/** Cancelled before it was fully shipped; nothing left reserved. */
	CANCELLED,
	/** Fully shipped. */
	SHIPPED;

	/**
	 * The status a credit decision gives an order it decides as a whole (placed, or
	 * amended while held): approved orders are open, held ones wait for Finance, refused
	 * ones are rejected.
	 */
	static OrderStatus decided(DecisionStatus decision) {
		return switch (decision) {
			case APPROVED -> OPEN;
			case PENDING_APPROVAL -> HELD;
			case REJECTED -> REJECTED;
		};
	}

	/**
	 * The status of a cancelled order after the credit check of its reopening: refused,
	 * it stays cancelled.
	 */
	static OrderStatus reopened(DecisionStatus decision) {
		return (decision == DecisionStatus.REJECTED) ? CANCELLED : decided(decision);
	}

	/** Open and held orders may change amount; a held one is decided again as a whole. */
	boolean amendable() {
		return this == OPEN || this == HELD;
	}

	/** Open and held orders may be cancelled. */
	boolean cancellable() {
		return this == OPEN || this == HELD;
	}

	/**
	 * Only a cancelled order may be reopened (and only while part of it is unshipped).
	 */
	boolean reopenable() {
		return this == CANCELLED;
	}

	/** Only open orders ship: a held one must be released by Finance first. */
	boolean shippable() {
		return this == OPEN;
	}

}
