package io.creditdesk.limitrequest;

/** Where one approval step of a request stands. */
public enum StepStatus {

	/** An earlier step is not yet approved. */
	WAITING,

	/** Open for its approvers; its SLA clock runs (unless the request is returned). */
	PENDING,

	/** Open and past its due time: the next level was notified. */
	ESCALATED,

	/** Approved by as many distinct approvers as the step requires. */
	APPROVED,

	/** Rejected: the request is rejected with it. */
	REJECTED,

	/** Not needed any more: the request was rejected at another step or withdrawn. */
	CANCELLED;

	/** Whether approvers can decide on the step now. */
	public boolean isOpen() {
		return this == PENDING || this == ESCALATED;
	}

}
