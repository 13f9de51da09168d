package io.creditdesk.riskevent;

/** What an external risk event reports. Stable codes: added, never renamed. */
public enum ExternalEventType {

	/** The bureau lowered the customer's rating. */
	RATING_DOWNGRADE,
	/** The bureau raised the customer's rating. */
	RATING_UPGRADE,
	/** An insolvency proceeding was filed for the customer. */
	INSOLVENCY_FILING,
	/** Another creditor reported a payment default. */
	PAYMENT_DEFAULT_REPORTED,
	/** Fraud detection suspects the customer (or an order in its name). */
	FRAUD_SUSPECTED

}
