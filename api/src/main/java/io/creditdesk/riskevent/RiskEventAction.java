package io.creditdesk.riskevent;

/** What an external risk event makes the service do. */
public enum RiskEventAction {

	/** Raise the bureau flag: the order credit check refuses new orders at once. */
	RAISE_BUREAU_FLAG,
	/** Raise the fraud flag: the order credit check refuses new orders at once. */
	RAISE_FRAUD_FLAG,
	/** Put the customer on hold. */
	SET_ON_HOLD,
	/** Open a REVIEW credit limit request, routed like any. */
	OPEN_REVIEW,
	/** Raise a BUREAU_EVENT alert. */
	ALERT

}
