package io.creditdesk.customer;

import io.creditdesk.common.Validation;

/**
 * Which status changes are allowed. {@code PENDING_VERIFICATION} is only the initial
 * status (the first approved limit activates the customer); {@code ACTIVE} needs an
 * approved limit; {@code CLOSED} is final.
 */
final class StatusTransitions {

	private StatusTransitions() {
	}

	static void check(Customer customer, CustomerStatus target, Validation v) {
		CustomerStatus from = customer.status();
		if (from == target) {
			return;
		}
		if (from == CustomerStatus.CLOSED) {
			v.reject(CustomerErrorCode.CUSTOMER_CLOSED.variant("status"), "status", customer.id());
		}
		else if (target == CustomerStatus.PENDING_VERIFICATION) {
			v.reject(CustomerErrorCode.INVALID_STATUS_TRANSITION, "status");
		}
		else if (target == CustomerStatus.ACTIVE && customer.creditLimit() == null) {
			v.reject(CustomerErrorCode.NO_CREDIT_LIMIT, "status", customer.id());
		}
	}

}
