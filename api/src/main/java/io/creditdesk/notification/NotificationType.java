package io.creditdesk.notification;

/**
 * What a notification is about. Each type has its sentences in the message catalogue
 * ({@code notification.<TYPE>.subject} and {@code .body}) and the e-mail mode a person
 * gets until they choose another.
 */
enum NotificationType {

	/** A credit limit request waits for the recipient's role to approve a step. */
	APPROVAL_REQUESTED(EmailMode.IMMEDIATE),

	/** A step of a credit limit request passed its due time. */
	APPROVAL_ESCALATED(EmailMode.IMMEDIATE),

	/** An approver returned a credit limit request to its requester for information. */
	REQUEST_RETURNED(EmailMode.IMMEDIATE),

	/** A credit limit request reached its final status. */
	REQUEST_DECIDED(EmailMode.IMMEDIATE),

	/** A bureau or fraud flag was raised: the customer's orders are refused. */
	RISK_FLAG_RAISED(EmailMode.IMMEDIATE),

	/** A customer's credit status changed. */
	CUSTOMER_STATUS_CHANGED(EmailMode.DAILY_DIGEST),

	/** A credit alert was raised on a customer. */
	ALERT_RAISED(EmailMode.IMMEDIATE),

	/** A customer was given notice of a limit decrease (dynamic limits). */
	CUSTOMER_NOTICE_ISSUED(EmailMode.DAILY_DIGEST),

	/** A webhook subscription was disabled after repeated failures. */
	WEBHOOK_DISABLED(EmailMode.IMMEDIATE);

	private final EmailMode defaultEmail;

	NotificationType(EmailMode defaultEmail) {
		this.defaultEmail = defaultEmail;
	}

	/** The e-mail mode of a person who has not chosen one for this type. */
	EmailMode defaultEmail() {
		return this.defaultEmail;
	}

	String subjectKey() {
		return "notification." + name() + ".subject";
	}

	String bodyKey() {
		return "notification." + name() + ".body";
	}

}
