package io.creditdesk.policy;

/**
 * A credit policy was stored (published in the process that stored it, after the write):
 * what depends on effective policies (alerts) re-evaluates the customers it applies to.
 *
 * @param level the level changed
 * @param code the segment, tier or industry code, or the customer id; null for
 * {@code GLOBAL}
 */
public record CreditPolicyChanged(PolicyLevel level, String code) {
}
