package io.creditdesk.limitrequest;

/** What a credit limit request asks for. */
public enum RequestType {

	/** A first limit for a customer not yet verified; carries the applicant's data. */
	NEW_CUSTOMER,

	/** A higher limit than the current one. */
	INCREASE,

	/** A lower limit than the current one. */
	DECREASE,

	/** A limit that holds until an end date, then falls back. */
	TEMPORARY,

	/** A limit with a valid-until date renewed ahead of its expiry. */
	RENEWAL,

	/** A periodic review that confirms, changes or reduces the limit. */
	REVIEW

}
