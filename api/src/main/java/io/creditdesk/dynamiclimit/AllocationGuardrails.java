package io.creditdesk.dynamiclimit;

import io.creditdesk.customer.Customer;

import org.springframework.stereotype.Component;

/**
 * Where a credit budget allocation takes each customer's guardrails (steps up and down,
 * grades without increases, whether a limit may go below the exposure): the limit
 * adjustment policy in force for the customer, whether or not it is switched on (an
 * allocation is applied as routed requests, never by the scheduled run).
 */
interface AllocationGuardrails {

	/** The effective policy of this customer, its amounts in the customer's currency. */
	LimitAdjustmentPolicy policyFor(Customer customer);

	/** The stored policy of the customer's most specific level, else the shipped one. */
	@Component
	class Stored implements AllocationGuardrails {

		private final LimitAdjustmentPolicies policies;

		Stored(LimitAdjustmentPolicies policies) {
			this.policies = policies;
		}

		@Override
		public LimitAdjustmentPolicy policyFor(Customer customer) {
			return this.policies.effectiveFor(customer).policy();
		}

	}

}
