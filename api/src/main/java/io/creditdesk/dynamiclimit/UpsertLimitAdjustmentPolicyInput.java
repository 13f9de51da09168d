package io.creditdesk.dynamiclimit;

import io.creditdesk.policy.PolicyLevel;

/**
 * Input of {@code upsertLimitAdjustmentPolicy}: the whole limit adjustment policy of one
 * level, replacing what the level had.
 *
 * @param level {@code TIER}, {@code INDUSTRY}, {@code SEGMENT} or {@code GLOBAL}
 * @param code the tier, industry or segment code; omitted for {@code GLOBAL}
 * @param policy the guardrails (unset fields take the shipped defaults)
 * @param enabled whether the scheduled run acts on proposals under it (default false)
 * @param reason why, for the audit trail
 * @param expectedVersion the version read (0 = must not exist yet); a newer stored
 * version refuses with {@code STALE_VERSION}
 */
public record UpsertLimitAdjustmentPolicyInput(PolicyLevel level, String code, LimitPolicyDraft policy, Boolean enabled,
		String reason, Integer expectedVersion) {
}
