package io.creditdesk.ledger;

/** Where an order is in its life. */
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
	SHIPPED

}
