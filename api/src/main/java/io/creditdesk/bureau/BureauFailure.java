package io.creditdesk.bureau;

/**
 * Why a bureau call did not give an answer. The user error code of each is its name
 * prefixed with {@code BUREAU_} (for example {@code BUREAU_NOT_FOUND}), so it cannot be
 * mistaken for a code of CreditDesk's own records.
 */
public enum BureauFailure {

	/** The bureau knows no company for the query, or no report for the id. */
	NOT_FOUND,

	/** More than one company matches a tax ID: a person has to choose. */
	AMBIGUOUS_MATCH,

	/** The bureau refused the query itself as invalid (HTTP 400 or 422). */
	INVALID_QUERY,

	/**
	 * The bureau did not answer in time, kept failing, asked to wait too long, or the
	 * circuit breaker is open.
	 */
	UNAVAILABLE,

	/**
	 * The bureau refused the configured credentials, or the account may not use this
	 * endpoint.
	 */
	UNAUTHORIZED,

	/** The bureau answered with something that is not the documented shape. */
	MALFORMED_RESPONSE;

	/** The stable code in user errors. */
	public BureauErrorCode code() {
		return BureauErrorCode.valueOf("BUREAU_" + name());
	}

}
