package io.creditdesk.ratelimit;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rate limits per authenticated principal (README, "Rate limits"), in query-cost
 * points.
 *
 * @param enabled whether requests are limited at all
 * @param defaults the limit of a principal none of whose roles has one of its own
 * @param roles limits per role (a principal with several roles gets the most generous);
 * added to, and overriding, {@link RateLimitPolicy#DEFAULT_ROLE_LIMITS}
 */
@ConfigurationProperties("creditdesk.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Limit defaults,
		Map<String, Limit> roles) {

	/**
	 * One token bucket.
	 *
	 * @param capacity the points a principal may spend at once (its burst)
	 * @param perSecond the points that flow back every second (its sustained rate)
	 */
	public record Limit(@DefaultValue("20000") long capacity, @DefaultValue("2000") long perSecond) {
	}

	public RateLimitPolicy policy() {
		Map<String, Limit> limits = new HashMap<>(RateLimitPolicy.DEFAULT_ROLE_LIMITS);
		if (this.roles != null) {
			this.roles.forEach((role, limit) -> limits.put(role.toUpperCase(Locale.ROOT), limit));
		}
		return new RateLimitPolicy(this.defaults, limits);
	}

}
