package io.creditdesk.apikey;

import io.creditdesk.common.ErrorCode;

/** Why an API key cannot be created or revoked. */
public enum ApiKeyErrorCode implements ErrorCode {

	/** No API key has the given id. */
	API_KEY_NOT_FOUND,

	/** The expiry is not in the future. */
	EXPIRY_IN_PAST,

	/** A role that API keys cannot hold. */
	UNKNOWN_ROLE,

	/**
	 * An approver's role ({@link ApiKeyRoles#PEOPLE_ONLY}): approvals are four eyes,
	 * which only people take.
	 */
	ROLE_NOT_FOR_API_KEYS,

	/**
	 * An API key asked to create one: keys are made by a person, so a machine never mints
	 * itself more keys (an ADMIN key would otherwise make ADMIN keys).
	 */
	KEY_CREATED_BY_A_PERSON

}
