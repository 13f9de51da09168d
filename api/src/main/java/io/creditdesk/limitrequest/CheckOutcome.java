package io.creditdesk.limitrequest;

/** The outcome of one pre-analysis check. */
public enum CheckOutcome {

	/** Nothing to note. */
	PASS,

	/**
	 * Worth an approver's attention; a request with a warning is never approved straight
	 * through.
	 */
	WARN,

	/**
	 * The check failed: the request is refused when the check is blocking, otherwise
	 * routed with the finding.
	 */
	FAIL

}
