package io.creditdesk.ratelimit;

import java.util.Collection;
import java.util.Map;

import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import io.creditdesk.security.Roles;

/**
 * Which limit a principal gets: the most generous of its roles' limits, or the default
 * when none of its roles has one. Machines (the {@code INTEGRATION} role: ERPs, web
 * shops, the sales portal's back end, API keys made for them) get a limit far above what
 * this service can serve, so that order entry at full speed is never throttled; people
 * get a limit far above what a person clicks but low enough that one account flooding
 * expensive queries takes a small share of the machine.
 */
public record RateLimitPolicy(Limit defaults, Map<String, Limit> roles) {

	/**
	 * 50,000 points a second is about 4,000 {@code placeOrder} calls a second (12 points
	 * each), 6 to 7 times what this service serves on 2 cores (BENCHMARKS.md); the burst
	 * is two seconds of it.
	 */
	public static final Map<String, Limit> DEFAULT_ROLE_LIMITS = Map.of(Roles.INTEGRATION, new Limit(100_000, 50_000));

	public RateLimitPolicy {
		roles = Map.copyOf(roles);
	}

	/** The limit of a principal with {@code roles} (names without {@code ROLE_}). */
	public Limit limitFor(Collection<String> principalRoles) {
		Limit best = null;
		for (String role : principalRoles) {
			Limit limit = this.roles.get(role);
			if (limit != null && (best == null || limit.perSecond() > best.perSecond()
					|| (limit.perSecond() == best.perSecond() && limit.capacity() > best.capacity()))) {
				best = limit;
			}
		}
		return (best != null) ? best : this.defaults;
	}

}
