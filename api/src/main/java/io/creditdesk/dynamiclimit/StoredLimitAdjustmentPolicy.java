package io.creditdesk.dynamiclimit;

import java.time.Instant;

import io.creditdesk.policy.PolicyLevel;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The limit adjustment policy of one level (tier, industry, segment or global), stored
 * whole: a level that has one supplies every guardrail, so a customer's policy is never a
 * mix of two levels' guardrails. Its id is {@link PolicyLevel#policyId(String)}.
 *
 * @param currency the ISO 4217 currency of the policy's amounts
 * @param policy the guardrails, every value set
 * @param enabled whether the scheduled run acts on proposals under this policy (applies
 * or routes them); proposals are shown either way
 * @param reason why it was last changed
 * @param version optimistic-concurrency version, 1 for the first
 */
@Document(StoredLimitAdjustmentPolicy.COLLECTION)
public record StoredLimitAdjustmentPolicy(@Id String id, PolicyLevel level, String code, String currency,
		LimitAdjustmentPolicy policy, boolean enabled, String reason, String updatedBy, Instant updatedAt,
		long version) {

	static final String COLLECTION = "limit_adjustment_policies";

}
