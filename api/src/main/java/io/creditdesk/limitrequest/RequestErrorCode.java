package io.creditdesk.limitrequest;

import io.creditdesk.common.ErrorCode;

/**
 * The stable codes with which the credit limit request rules refuse something. The wire
 * string of each is its name; new codes may be added, existing ones never change meaning.
 */
public enum RequestErrorCode implements ErrorCode {

	// An approval matrix that cannot be used.

	/** A value the matrix needs is missing. */
	REQUIRED,

	/** The matrix currency is not an ISO 4217 currency. */
	UNKNOWN_CURRENCY,

	/** A value outside its allowed range (a bound, a number of approvers, an SLA). */
	OUT_OF_RANGE,

	/**
	 * Band upper bounds do not strictly increase, or an unbounded band is not the last.
	 */
	BANDS_NOT_ASCENDING,

	/** The last band has an upper bound, so larger amounts would have no route. */
	MATRIX_GAP,

	/** A step names a role that does not approve limits. */
	UNKNOWN_ROLE,

	/** A grade route names a grade other than A to E. */
	UNKNOWN_GRADE,

	/** A grade has two routes in the same band. */
	DUPLICATE_GRADE,

	/** An SLA unit other than HOURS or DAYS. */
	UNKNOWN_SLA_UNIT,

	// A pre-analysis policy that cannot be used.

	/** A warning threshold is beyond the failing one (a warning comes first). */
	THRESHOLDS_OUT_OF_ORDER,

	// Segregation of duties.

	/** The requester tried to decide a step of their own request. */
	REQUESTER_CANNOT_APPROVE,

	/** The approver already decided this step (distinct approvers are required). */
	ALREADY_DECIDED_THIS_STEP,

	/** The approver already decided another step of this request. */
	ONE_STEP_PER_APPROVER,

	/** The approver does not hold the step's role (nor one allowed to act for it). */
	APPROVER_ROLE_REQUIRED,

	/**
	 * The approver holds a higher role, but the policy does not let higher roles act for
	 * lower steps.
	 */
	HIGHER_ROLE_NOT_ALLOWED,

	/** Only the requester may withdraw or resubmit a request. */
	NOT_THE_REQUESTER,

	// The request's life cycle.

	/**
	 * The request is decided (approved, rejected, withdrawn, auto-approved) and cannot
	 * change.
	 */
	REQUEST_ALREADY_DECIDED,

	/** The action is not possible in the request's current status. */
	INVALID_REQUEST_TRANSITION,

	/**
	 * The customer has an open request (submitted, in approval or returned): at most one
	 * is open per customer, whatever its origin.
	 */
	REQUEST_ALREADY_OPEN,

	/**
	 * An approval that would raise the limit of a customer whose standing now blocks it
	 * (suspended, a fraud or bureau flag raised since the request was analysed); the
	 * sentence names what blocks it.
	 */
	RAISE_BLOCKED,

	/**
	 * A last approval that did not apply: the customer's limit changed since the request
	 * was made, so the request was analysed again on the new figures and waits for a
	 * decision on them.
	 */
	LIMIT_CHANGED_SINCE_REQUEST,

	/**
	 * A counter-offer in another currency than the request's (the code common to every
	 * amount in the wrong currency).
	 */
	CURRENCY_MISMATCH,

	/**
	 * A counter-offer must lower the limit, or make it temporary at no more than the
	 * requested limit; and be at least zero.
	 */
	COUNTER_OFFER_NOT_LOWER,

	/**
	 * The request's type says other than its amount: an increase not above the current
	 * limit, a decrease not below it.
	 */
	REQUEST_TYPE_MISMATCH,

	/** A temporary counter-offer's end date must be after the decision date. */
	COUNTER_OFFER_END_DATE_PASSED,

	/**
	 * A counter-offer to a temporary request must end on or before the requested end
	 * date: it may not lengthen the limit or make it permanent.
	 */
	COUNTER_OFFER_ENDS_LATER,

	/**
	 * A request a system made (the review job, risk events, the dynamic limit policy) is
	 * not returned: no person would answer it; approve or reject it.
	 */
	REQUESTER_NOT_A_PERSON,

	// The service.

	/** There is no credit limit request with the given id. */
	REQUEST_NOT_FOUND,

	/** Another approver decided the step meanwhile: of concurrent decisions one wins. */
	STEP_ALREADY_DECIDED,

	/**
	 * A first limit cannot be approved before the customer has verification data (a
	 * bureau report or a manual verification).
	 */
	VERIFICATION_REQUIRED,

	/** A date that must lie after today does not. */
	DATE_NOT_IN_FUTURE,

	/** No credit bureau is configured: record a manual verification instead. */
	BUREAU_NOT_CONFIGURED

}
