package io.creditdesk.alert;

/** The kinds of alert. Stable codes: added, never renamed. */
public enum AlertType {

	/**
	 * Utilization reached a threshold of the effective policy (default 80 %, 95 %, 100
	 * %).
	 */
	UTILIZATION_THRESHOLD,
	/**
	 * An invoice became overdue after grace, the overdue amount passed the policy's
	 * threshold, or the oldest overdue invoice passed the policy's age.
	 */
	OVERDUE,
	/** The limit's valid-until date is within the policy's lead days. */
	LIMIT_EXPIRING,
	/** The grade worsened by the policy's steps or more, or the PD rose by its amount. */
	SCORE_DETERIORATED,
	/** An external risk event (bureau or fraud monitoring) concerns the customer. */
	BUREAU_EVENT,
	/**
	 * The champion's score distribution drifted (PSI above the policy's limit, default
	 * 0.25).
	 */
	MODEL_DRIFT,
	/** A credit limit request step passed its SLA. */
	REQUEST_SLA_BREACHED

}
