package io.creditdesk.limitrequest;

/** The named checks of the pre-analysis, in the order they appear on a request. */
public enum CheckCode {

	/** The customer's credit status. */
	CUSTOMER_STATUS,

	/** Raised bureau or fraud flags. */
	RISK_FLAGS,

	/** The requested limit against the effective hard cap. */
	HARD_CAP,

	/** Overdue receivables against the policy's amount and age. */
	OVERDUE,

	/** The requested limit as a share of the customer's annual revenue. */
	LIMIT_TO_REVENUE,

	/** How the customer paid its invoices so far. */
	INTERNAL_HISTORY,

	/** A bureau report or a manual verification of the customer. */
	BUREAU_VERIFICATION,

	/** The model's grade and probability of default. */
	SCORE_AND_GRADE

}
