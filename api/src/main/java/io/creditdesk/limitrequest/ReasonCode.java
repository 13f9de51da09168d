package io.creditdesk.limitrequest;

/**
 * Why a check did not pass, or why a request was rejected. Pre-analysis and approvers use
 * the same codes, so reports count refusals the same way whoever decided them.
 */
public enum ReasonCode {

	/** The customer is on hold. */
	CUSTOMER_ON_HOLD,

	/** The customer is suspended. */
	CUSTOMER_SUSPENDED,

	/** The customer is closed. */
	CUSTOMER_CLOSED,

	/** A bureau flag is raised. */
	BUREAU_FLAG,

	/** A fraud flag is raised. */
	FRAUD_FLAG,

	/** The requested limit is above the effective hard cap. */
	OVER_HARD_CAP,

	/** More is overdue than the policy allows. */
	OVERDUE_ABOVE_POLICY,

	/** Receivables are overdue for longer than the policy allows. */
	OVERDUE_TOO_OLD,

	/** Something is overdue, within the policy's amount and age. */
	OVERDUE_WITHIN_POLICY,

	/** The requested limit is a larger share of annual revenue than the policy allows. */
	LIMIT_ABOVE_REVENUE_RATIO,

	/** No annual revenue is known, so the ratio cannot be checked. */
	REVENUE_UNKNOWN,

	/** No settled invoice yet. */
	NO_PAYMENT_HISTORY,

	/** The customer paid late, on average or too often. */
	POOR_PAYMENT_HISTORY,

	/** Neither a bureau report nor a manual verification. */
	NOT_VERIFIED,

	/** Verified manually, where the policy requires a bureau report. */
	BUREAU_REPORT_REQUIRED,

	/** The bureau reports the company as not active (inactive, insolvent, dissolved). */
	BUREAU_COMPANY_NOT_ACTIVE,

	/** The bureau's status of the company is one this service does not know. */
	BUREAU_STATUS_UNKNOWN,

	/** The bureau does not rate the company. */
	BUREAU_NOT_RATED,

	/** The requested limit is above the bureau's recommended limit. */
	ABOVE_BUREAU_RECOMMENDATION,

	/** No score yet. */
	NO_SCORE,

	/** The risk grade is one the policy watches. */
	ELEVATED_RISK_GRADE,

	/** The risk grade is one the policy does not lend to without a decision. */
	HIGH_RISK_GRADE,

	/** An approver: information needed to decide is missing. */
	INSUFFICIENT_INFORMATION,

	/** An approver: the financial statements do not support the limit. */
	INSUFFICIENT_FINANCIALS,

	/** An approver: the exposure would be too concentrated. */
	EXPOSURE_TOO_HIGH,

	/** An approver: another reason, given in the justification. */
	OTHER

}
