package io.creditdesk.policy;

import java.util.Optional;

/**
 * Looks up the customer a customer-level policy is for. Implemented by the customer
 * capability, so policies need not know customers.
 */
public interface PolicySubjects {

	Optional<PolicySubject> find(String customerId);

}
