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
			v.reject("status", CustomerErrorCode.CUSTOMER_CLOSED,
					"Customer " + customer.id() + " is closed; a closed account stays closed.");
		}
		else if (target == CustomerStatus.PENDING_VERIFICATION) {
			v.reject("status", CustomerErrorCode.INVALID_STATUS_TRANSITION,
					"A customer cannot go back to PENDING_VERIFICATION; put it ON_HOLD or SUSPENDED instead.");
		}
		else if (target == CustomerStatus.ACTIVE && customer.creditLimit() == null) {
			v.reject("status", CustomerErrorCode.NO_CREDIT_LIMIT,
					"Customer " + customer.id() + " has no approved credit limit; approving one activates it.");
		}
	}

}
