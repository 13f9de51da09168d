package io.creditdesk.dynamiclimit;

import java.util.Objects;

import io.creditdesk.policy.PolicyLevel;

/**
 * The limit adjustment policy in force for one customer: the whole policy of the most
 * specific level that has one (tier, industry, segment, global), else the shipped
 * default, with its amounts in the customer's credit currency.
 *
 * @param level the level it comes from ({@code SYSTEM_DEFAULT} for the shipped default)
 * @param code that level's code; null for global and the default
 * @param policy the guardrails, amounts in {@code currency}
 * @param currency the customer's credit currency
 * @param storedCurrency the currency the policy was written in (its amounts were
 * converted at the stored rate when it differs)
 * @param enabled whether the scheduled run acts on its proposals (the shipped default is
 * off: the CFO switches a policy on)
 * @param version the stored version; 0 for the default
 */
public record EffectiveLimitAdjustmentPolicy(PolicyLevel level, String code, LimitAdjustmentPolicy policy,
		String currency, String storedCurrency, boolean enabled, long version) {

	public EffectiveLimitAdjustmentPolicy {
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(currency, "currency");
	}

	/** The policy's settings as the schema shows them, in the customer's currency. */
	public LimitPolicyDraft settings() {
		return LimitPolicyDraft.of(this.policy, this.currency);
	}

}
