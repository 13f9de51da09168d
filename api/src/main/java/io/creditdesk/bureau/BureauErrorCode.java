package io.creditdesk.bureau;

import io.creditdesk.common.ErrorCode;

/**
 * The user error codes of a bureau call without an answer, one per {@link BureauFailure}:
 * its name prefixed with {@code BUREAU_}, so it cannot be mistaken for a code of
 * CreditDesk's own records.
 */
public enum BureauErrorCode implements ErrorCode {

	/** The bureau knows no company for the query, or no report for the id. */
	BUREAU_NOT_FOUND,

	/** More than one company matches a tax ID: a person has to choose. */
	BUREAU_AMBIGUOUS_MATCH,

	/** The bureau refused the query itself as invalid. */
	BUREAU_INVALID_QUERY,

	/**
	 * The bureau did not answer in time, kept failing, or its circuit breaker is open.
	 */
	BUREAU_UNAVAILABLE,

	/** The bureau refused the configured credentials. */
	BUREAU_UNAUTHORIZED,

	/** The bureau answered with something that is not the documented shape. */
	BUREAU_MALFORMED_RESPONSE

}
