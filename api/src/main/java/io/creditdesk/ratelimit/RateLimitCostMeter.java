package io.creditdesk.ratelimit;

import java.util.Map;

import io.creditdesk.graphql.QueryCostMeter;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Charges each GraphQL operation's cost to its caller's bucket and shows the bucket in
 * {@code extensions.cost.throttleStatus} (as Shopify does).
 */
class RateLimitCostMeter implements QueryCostMeter {

	private final RateLimiter limiter;

	RateLimitCostMeter(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public Map<String, Object> charge(long cost) {
		Principals.Caller caller = Principals.of(SecurityContextHolder.getContext().getAuthentication());
		if (caller == null) {
			return Map.of();
		}
		return Map.of("throttleStatus", this.limiter.charge(caller.name(), caller.roles(), cost));
	}

}
