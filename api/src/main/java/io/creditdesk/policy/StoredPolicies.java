package io.creditdesk.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.creditdesk.audit.VersionedDocuments;

/**
 * The stored credit policies as read at one moment: every policy above the customer
 * level, and which customers have a policy of their own. It resolves the effective policy
 * of any customer without one of its own without reading the store, exactly as
 * {@link CreditPolicyService#effectiveFor(PolicySubject)} would on the same policies; for
 * a customer with its own policy it answers nothing ({@link #covers}), and the caller
 * reads.
 * <p>
 * The order path keeps one for a few seconds ({@code ledger.AccountContexts}): one or two
 * reads per instance every few seconds instead of one per customer, however many
 * customers order. Customer-level policies are few (exceptions negotiated customer by
 * customer), the other levels fewer still.
 */
public final class StoredPolicies {

	private final Map<String, CreditPolicy> byId;

	/** The ids of the customer-level policies ({@link PolicyLevel#policyId}). */
	private final Set<String> customerPolicyIds;

	private final PolicyResolver resolver;

	/** Resolved once per taxonomy: customer ids play no part for those covered. */
	private final Map<List<String>, EffectivePolicy> resolved = new ConcurrentHashMap<>();

	StoredPolicies(Map<String, CreditPolicy> aboveCustomers, Set<String> customerPolicyIds, PolicyResolver resolver) {
		this.byId = Map.copyOf(aboveCustomers);
		this.customerPolicyIds = Set.copyOf(customerPolicyIds);
		this.resolver = resolver;
	}

	/** Whether {@link #effectiveFor} can answer for {@code subject}. */
	public boolean covers(PolicySubject subject) {
		return !this.customerPolicyIds.contains(PolicyLevel.CUSTOMER.policyId(subject.customerId()));
	}

	/**
	 * The effective policy of a customer this covers.
	 * @throws IllegalArgumentException for a customer with a policy of its own
	 */
	public EffectivePolicy effectiveFor(PolicySubject subject) {
		if (!covers(subject)) {
			throw new IllegalArgumentException("customer " + subject.customerId() + " has a policy of its own");
		}
		return this.resolved.computeIfAbsent(
				List.of(nullToEmpty(subject.tier()), nullToEmpty(subject.industry()), nullToEmpty(subject.segment())),
				key -> this.resolver.resolve(VersionedDocuments.inOrder(subject.policyIds(), this.byId)));
	}

	private static String nullToEmpty(String code) {
		// A level's code is never empty, so "" cannot collide with a real code.
		return (code != null) ? code : "";
	}

}
