package io.creditdesk.ledger;

import java.util.List;

/**
 * Why a credit decision came out as it did (GraphQL enum {@code CreditReasonCode}).
 * Stored and published as the constant name; a code may be added, never renamed nor given
 * another meaning. {@link #messageKey()} names its sentence in a message catalogue.
 */
public enum CreditReasonCode {

	// Approvals.

	/** The order fits the available credit and was reserved. */
	WITHIN_AVAILABLE_CREDIT,

	/** Delivery is beyond the check horizon: recorded, counted once it ships. */
	BEYOND_CHECK_HORIZON,

	// Holds for Finance.

	/** The order is above the available credit. */
	EXCEEDS_AVAILABLE_CREDIT,

	/** The order is above the credit group's available credit. */
	EXCEEDS_GROUP_AVAILABLE_CREDIT,

	/** The order is above the policy's maximum order value. */
	ORDER_ABOVE_MAX_VALUE,

	/** More is overdue than the policy allows. */
	OVERDUE_ABOVE_THRESHOLD,

	/** Receivables are overdue for longer than the policy allows. */
	OVERDUE_TOO_OLD,

	/** The credit limit has expired. */
	LIMIT_EXPIRED,

	// Rejections.

	/** The customer is not verified yet. */
	CUSTOMER_NOT_VERIFIED,

	/** The customer is on hold. */
	CUSTOMER_ON_HOLD,

	/** The customer is suspended. */
	CUSTOMER_SUSPENDED,

	/** The customer is closed. */
	CUSTOMER_CLOSED,

	/** The customer is active but has no credit limit. */
	NO_CREDIT_LIMIT,

	/** A bureau risk flag is raised. */
	BUREAU_FLAG,

	/** A fraud risk flag is raised. */
	FRAUD_FLAG,

	/** The order would take the net exposure above the hard cap. */
	OVER_HARD_CAP,

	// Decisions of people and of the worklist.

	/** Released by a Finance approver. */
	RELEASED_BY_APPROVER,

	/** Released above the limit by an approver's override (never above the hard cap). */
	LIMIT_OVERRIDDEN,

	/** Released automatically once credit became available. */
	AUTO_RELEASED,

	/** Rejected by a Finance approver. */
	REJECTED_BY_APPROVER;

	/**
	 * The wire strings of {@code codes}, in order: what events and other capabilities
	 * carry.
	 */
	public static List<String> names(List<CreditReasonCode> codes) {
		return codes.stream().map(CreditReasonCode::name).toList();
	}

	/** {@code codes} for a sentence: {@code A, B}. */
	static String join(List<CreditReasonCode> codes) {
		return String.join(", ", names(codes));
	}

	/**
	 * The key of this reason's sentence in a message catalogue: {@code reason.<CODE>}.
	 */
	public String messageKey() {
		return "reason." + name();
	}

}
