package io.creditdesk.limitrequest;

/** What can happen to a request; {@link RequestLifecycle} says when. */
public enum RequestAction {

	/** Pre-analysis found a blocking failure: rejected at once. */
	REFUSE,

	/** Pre-analysis approved it straight through. */
	APPROVE_STRAIGHT_THROUGH,

	/** Pre-analysis routed it to its approvers. */
	ROUTE,

	/** An approver approves the open step at the requested limit. */
	APPROVE_STEP,

	/** An approver approves the open step at a lower or temporary limit. */
	COUNTER_OFFER,

	/** An approver rejects the request. */
	REJECT,

	/** An approver returns it to the requester for information; the SLA clock pauses. */
	RETURN,

	/** The requester answers a return; the open step's clock runs again. */
	RESUBMIT,

	/** The requester withdraws it. */
	WITHDRAW,

	/**
	 * The customer's limit changed since the request was made: it is analysed again
	 * instead of overwriting.
	 */
	REANALYSE

}
