package io.creditdesk.customer;

/** The credit status of a customer. */
public enum CustomerStatus {

	PENDING_VERIFICATION, ACTIVE, ON_HOLD, SUSPENDED, CLOSED

}
