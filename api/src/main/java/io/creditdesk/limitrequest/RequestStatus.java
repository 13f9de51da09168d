package io.creditdesk.limitrequest;

/**
 * Where a credit limit request stands. {@link #APPROVED}, {@link #REJECTED},
 * {@link #WITHDRAWN} and {@link #AUTO_APPROVED} are final: a decided request is never
 * changed again.
 */
public enum RequestStatus {

	/**
	 * Received; pre-analysis decides whether it is refused, approved straight through or
	 * routed.
	 */
	SUBMITTED,

	/** Waiting for the approval steps of its route, one after the other. */
	IN_APPROVAL,

	/** Sent back to the requester for information; the step's SLA clock is paused. */
	RETURNED,

	/** Every step approved; the (possibly counter-offered) limit applies. */
	APPROVED,

	/** Refused by an approver, or straight away by a blocking pre-analysis check. */
	REJECTED,

	/** Withdrawn by its requester before a decision. */
	WITHDRAWN,

	/**
	 * Approved without an approver: every check passed below the policy amount with a
	 * good grade.
	 */
	AUTO_APPROVED;

	public boolean isFinal() {
		return this == APPROVED || this == REJECTED || this == WITHDRAWN || this == AUTO_APPROVED;
	}

}
