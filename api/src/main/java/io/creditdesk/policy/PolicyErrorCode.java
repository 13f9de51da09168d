package io.creditdesk.policy;

import io.creditdesk.common.ErrorCode;

/** Why a credit policy is refused. */
public enum PolicyErrorCode implements ErrorCode {

	/** The level cannot be stored (the system defaults are configuration). */
	READ_ONLY_LEVEL,

	/** The default limit is above the hard cap of the same level. */
	DEFAULT_LIMIT_OVER_HARD_CAP,

	/** An early-payment discount needs both its percentage and its days. */
	INCOMPLETE_DISCOUNT,

	/** Alert thresholds must be ascending fractions above 0 and at most 2. */
	INVALID_THRESHOLDS

}
