package io.creditdesk.ledger;

/** The outcome of a credit check. */
public enum DecisionStatus {

	/** Credit reserved. */
	APPROVED,
	/** Held without reserving, waiting in the Finance worklist. */
	PENDING_APPROVAL,
	/**
	 * Refused: the customer may not buy on credit now, or the hard cap would be exceeded.
	 */
	REJECTED

}
