package io.creditdesk.events;

/** The credit events published, with their schema names. */
public enum CreditEventType {

	/**
	 * A credit decision on an order: placed, amended upward, reopened, shipped beyond the
	 * order, or rejected by an approver.
	 */
	ORDER_CREDIT_DECIDED("OrderCreditDecided"),

	/**
	 * A held order (or held amendment) released, by an approver or automatically when
	 * credit freed up.
	 */
	ORDER_RELEASED("OrderReleased"),

	/** A customer's credit limit (or a credit group's limit) was set or changed. */
	CREDIT_LIMIT_CHANGED("CreditLimitChanged"),

	/** A customer's status changed (e.g. ACTIVE to SUSPENDED). */
	CUSTOMER_STATUS_CHANGED("CustomerStatusChanged"),

	/** A bureau or fraud flag was raised on a customer. */
	RISK_FLAG_RAISED("RiskFlagRaised"),

	/** A risk flag was cleared. */
	RISK_FLAG_CLEARED("RiskFlagCleared"),

	/** A snapshot of a customer's credit position after its exposure moved. */
	EXPOSURE_CHANGED("ExposureChanged"),

	/** A credit limit request was made (by a person, the review job or the system). */
	CREDIT_LIMIT_REQUESTED("CreditLimitRequested"),

	/** An approver decided a step of a credit limit request. */
	CREDIT_LIMIT_REQUEST_STEP_DECIDED("CreditLimitRequestStepDecided"),

	/**
	 * A credit limit request reached its final status: approved, auto-approved, rejected
	 * or withdrawn.
	 */
	CREDIT_LIMIT_REQUEST_DECIDED("CreditLimitRequestDecided"),

	/**
	 * A step of a credit limit request passed its due time: the next level is notified.
	 */
	CREDIT_LIMIT_REQUEST_ESCALATED("CreditLimitRequestEscalated"),

	/** A credit alert was raised on a customer (threshold, overdue, expiry, ...). */
	ALERT_RAISED("AlertRaised"),

	/**
	 * A customer was given notice of a credit limit decrease (dynamic limits), with the
	 * reasons.
	 */
	CUSTOMER_NOTICE_ISSUED("CustomerNoticeIssued");

	private final String schemaName;

	CreditEventType(String schemaName) {
		this.schemaName = schemaName;
	}

	/** The {@code type} of the event's JSON envelope. */
	public String schemaName() {
		return this.schemaName;
	}

	public static CreditEventType ofSchemaName(String name) {
		for (CreditEventType type : values()) {
			if (type.schemaName.equals(name)) {
				return type;
			}
		}
		return null;
	}

}
