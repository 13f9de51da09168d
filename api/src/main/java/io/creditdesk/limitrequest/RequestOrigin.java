package io.creditdesk.limitrequest;

/**
 * Who started a request. Every request names an actor and a reason whatever its origin,
 * so no limit ever changes anonymously.
 */
public enum RequestOrigin {

	/** A person: sales, an analyst, a manager. */
	PERSON,

	/** The daily periodic review job (reviews due, limits about to expire). */
	REVIEW_JOB,

	/** The system itself, for example a score-driven proposal or an external event. */
	SYSTEM

}
