package io.creditdesk.dynamiclimit;

/**
 * Why a proposal is what it is: the rule that fired. Stable codes (added, never renamed);
 * the figures travel with each {@link AdjustmentReason}.
 */
public enum AdjustmentReasonCode {

	/**
	 * The target limit: expected purchases over the payment terms plus a buffer, scaled
	 * by the grade.
	 */
	TARGET_FROM_PURCHASES,
	/** Fewer months than the model needs: no automatic change. */
	INSUFFICIENT_HISTORY,
	/** The target is within the dead band around the current limit: no change. */
	WITHIN_DEAD_BAND,
	/** The customer is not active (on hold, suspended, not yet verified): no increase. */
	CUSTOMER_NOT_ACTIVE,
	/** Too few months of history for any increase. */
	TOO_FEW_MONTHS_FOR_INCREASE,
	/** Open overdue above the policy's threshold: no increase. */
	OVERDUE_ABOVE_THRESHOLD,
	/** A risk flag is raised: no increase. */
	RISK_FLAG_RAISED,
	/** The grade allows no increase (D and E by default). */
	GRADE_TOO_LOW,
	/** On-time payments below the policy's minimum: no increase. */
	LATE_PAYMENTS,
	/** The worst delay is beyond the policy's maximum: no increase. */
	WORST_DELAY_TOO_LONG,
	/** DSO beyond the payment terms plus the policy's tolerance: no increase. */
	DSO_ABOVE_TERMS,
	/** The customer uses too little of its limit for an increase to matter. */
	LOW_UTILIZATION,
	/** The last change was too recent. */
	COOLDOWN,
	/** The increase is cut to the policy's largest step up. */
	STEP_UP_LIMITED,
	/** The decrease is cut to the policy's largest step down. */
	STEP_DOWN_LIMITED,
	/** The proposal is cut to the hard cap. */
	CAPPED_AT_HARD_CAP,
	/** A decrease stops at the current exposure. */
	FLOORED_AT_EXPOSURE,
	/** An increase is rounded down to a multiple of the policy's rounding unit. */
	ROUNDED_DOWN_TO_UNIT,
	/**
	 * A decrease is rounded up to a multiple of the policy's rounding unit, never above
	 * the current limit.
	 */
	ROUNDED_UP_TO_UNIT,
	/** Severe deterioration (grade E or long overdue): the limit is reduced at once. */
	SEVERE_DETERIORATION,
	/** The change is within the policy's automatic authority. */
	WITHIN_AUTOMATIC_AUTHORITY,
	/**
	 * The change exceeds automatic authority: it becomes a routed credit limit request.
	 */
	ROUTED_FOR_APPROVAL

}
