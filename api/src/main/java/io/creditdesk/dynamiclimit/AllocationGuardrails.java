package io.creditdesk.dynamiclimit;

import io.creditdesk.customer.Customer;

import org.springframework.stereotype.Component;

/**
 * Where a credit budget allocation takes each customer's guardrails (steps up and down,
 * grades without increases, whether a limit may go below the exposure). The one seam to
 * the stored limit adjustment policies: until they are wired here, every customer has
 * {@link LimitAdjustmentPolicy#DEFAULT}.
 */
interface AllocationGuardrails {

	/** The effective policy of this customer, its amounts in the customer's currency. */
	LimitAdjustmentPolicy policyFor(Customer customer);

	/** The shipped default for every customer. */
	@Component
	class Default implements AllocationGuardrails {

		@Override
		public LimitAdjustmentPolicy policyFor(Customer customer) {
			return LimitAdjustmentPolicy.DEFAULT;
		}

	}

}
