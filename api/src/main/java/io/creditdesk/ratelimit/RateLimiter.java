package io.creditdesk.ratelimit;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * One token bucket per principal, in query-cost points (Bucket4j, refilled continuously).
 * A request is admitted while its principal's bucket holds a point and takes that point;
 * once the operation's cost is known (before it runs) the rest is charged even if that
 * takes the bucket below zero, so an expensive query is paid in full and its principal
 * waits until the bucket is positive again. A bucket belongs to its principal alone: a
 * change of roles changes its limit but never refills it. Buckets of principals not seen
 * for ten minutes are dropped (a returning principal starts full, which a full bucket
 * after ten idle minutes would be anyway).
 * <p>
 * The buckets live in this instance's memory: with several instances each enforces its
 * own.
 */
final class RateLimiter {

	private static final Duration IDLE = Duration.ofMinutes(10);

	private final RateLimitPolicy policy;

	private final TimeMeter time;

	private final Cache<String, Limited> buckets;

	private record Limited(Bucket bucket, Limit limit) {
	}

	/** The outcome of admitting one request. */
	record Admission(boolean admitted, long waitNanos, Limit limit) {
	}

	RateLimiter(RateLimitPolicy policy, TimeMeter time) {
		this.policy = policy;
		this.time = time;
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(IDLE)
			.maximumSize(100_000)
			.ticker(time.isWallClockBased() ? Ticker.systemTicker() : time::currentTimeNanos)
			.executor(Runnable::run)
			.build();
	}

	/** Takes one point from the principal's bucket, or says how long until it has one. */
	Admission admit(String principal, Collection<String> roles) {
		Limited limited = bucket(principal, roles);
		ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
		return new Admission(probe.isConsumed(), probe.getNanosToWaitForRefill(), limited.limit());
	}

	/**
	 * Charges the rest of an admitted operation's cost (its first point was taken on
	 * admission), below zero if need be, and returns the bucket's state as the caller
	 * sees it.
	 */
	Map<String, Object> charge(String principal, Collection<String> roles, long cost) {
		Limited limited = bucket(principal, roles);
		if (cost > 1) {
			limited.bucket().consumeIgnoringRateLimits(cost - 1);
		}
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("maximumAvailable", limited.limit().capacity());
		status.put("currentlyAvailable", limited.bucket().getAvailableTokens());
		status.put("restoreRate", limited.limit().perSecond());
		return status;
	}

	/**
	 * The principal's bucket: one per principal, whatever roles it comes with. When its
	 * roles now give it another limit, the bucket takes that limit's burst and refill but
	 * keeps the points it holds (at most the new burst): a token with other roles is no
	 * way to a full bucket.
	 */
	private Limited bucket(String principal, Collection<String> roles) {
		Limit limit = this.policy.limitFor(roles);
		Limited limited = this.buckets.get(principal, key -> create(limit));
		if (limited.limit().equals(limit)) {
			return limited;
		}
		return this.buckets.asMap().compute(principal, (key, current) -> {
			if (current == null) {
				return create(limit);
			}
			if (current.limit().equals(limit)) {
				return current;
			}
			current.bucket().replaceConfiguration(configuration(limit), TokensInheritanceStrategy.AS_IS);
			return new Limited(current.bucket(), limit);
		});
	}

	private Limited create(Limit limit) {
		Bucket bucket = Bucket.builder().withCustomTimePrecision(this.time).addLimit(bandwidth(limit)).build();
		return new Limited(bucket, limit);
	}

	private static BucketConfiguration configuration(Limit limit) {
		return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
	}

	private static Bandwidth bandwidth(Limit limit) {
		return Bandwidth.builder()
			.capacity(limit.capacity())
			.refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
			.build();
	}

}
