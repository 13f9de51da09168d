package io.creditdesk.customer;

import io.creditdesk.common.ErrorCode;

/** Why a change of a customer or its credit limit is refused. */
public enum CustomerErrorCode implements ErrorCode {

	/** The customer is closed; a closed account stays closed. */
	CUSTOMER_CLOSED,

	/** A status change the customer's life cycle does not allow. */
	INVALID_STATUS_TRANSITION,

	/** The customer has no approved credit limit (needed to activate it). */
	NO_CREDIT_LIMIT,

	/** A date that must be after today is not. */
	DATE_NOT_IN_FUTURE,

	/** A customer with these identifiers already exists. */
	DUPLICATE_CUSTOMER,

	/** Another customer already has this external reference. */
	DUPLICATE_EXTERNAL_REF,

	/** Another customer already has this tax id in this country. */
	DUPLICATE_TAX_ID,

	/** The tax id does not have the country's format. */
	INVALID_TAX_ID,

	/** The risk flag is already raised. */
	FLAG_ALREADY_RAISED,

	/** The risk flag is not raised, so it cannot be cleared. */
	FLAG_NOT_RAISED,

	/**
	 * No longer given: a hard cap in another currency without a known rate is refused
	 * with {@code FX_RATE_MISSING}, as on a limit request. Kept for clients that know it.
	 */
	HARD_CAP_CURRENCY_MISMATCH,

	/**
	 * The limit is above the effective hard cap (a cap in another currency converted at
	 * today's rate).
	 */
	OVER_HARD_CAP,

	/** The parent is the customer itself, or closed. */
	INVALID_PARENT,

	/** No customer has the given parent id. */
	PARENT_NOT_FOUND,

	/**
	 * A username assigned to a customer is not 1 to 100 letters, digits or
	 * {@code . _ @ -}.
	 */
	INVALID_USERNAME,

	/**
	 * A username assigned to a customer names nobody the service knows (demo users and
	 * configured users; with JWT sign-in the service cannot know and does not check).
	 */
	UNKNOWN_USER

}
