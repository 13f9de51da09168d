package io.creditdesk.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes guessing passwords (and API keys) slow: failed sign-ins are counted per user name
 * and per client address; past a few free attempts each further attempt must wait, the
 * wait doubling with every failure, and past more a lockout holds for a fixed time. A
 * refused attempt is answered without checking anything, so an attacker pays in time and
 * the service in nothing.
 * <p>
 * Nobody can be locked out for good: a lockout ends at its fixed time whatever is tried
 * meanwhile (attempts during it are not counted), failures are forgotten a lockout's
 * length after the last one, a user name's throttle does not apply at addresses where
 * that user signed in before ({@link LoginProperties#knownAddressTtl()}). What is
 * presented never matters: a held-back attempt with the right password is held back as
 * one with a wrong password, even one verified a moment ago ({@link VerifiedCredentials}
 * spares the hash, not the wait), else the one answer that is not a 429 would tell an
 * attacker which guess was right. A successful sign-in clears its user name's failures,
 * not its address's (else an attacker could clear them with an account of their own).
 */
public final class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/**
	 * The growing delays and the lockout of one scope (user names or addresses).
	 *
	 * @param freeAttempts failures allowed without any wait
	 * @param lockoutAfter failures at which the lockout starts
	 * @param firstDelay the wait after the first failure past the free ones, doubling
	 * after each
	 * @param maxDelay the longest wait before the lockout
	 * @param lockout how long a lockout lasts
	 */
	public record Rule(int freeAttempts, int lockoutAfter, Duration firstDelay, Duration maxDelay, Duration lockout) {

		/**
		 * How long after its last failure a key with {@code failures} must wait before
		 * its next attempt.
		 */
		public Duration waitAfter(int failures) {
			if (failures >= this.lockoutAfter) {
				return this.lockout;
			}
			if (failures < this.freeAttempts) {
				return Duration.ZERO;
			}
			int doublings = Math.min(failures - this.freeAttempts, 30);
			Duration delay = this.firstDelay.multipliedBy(1L << doublings);
			return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
		}

	}

	/**
	 * Whether an attempt may be checked now, else how long until it may and whether that
	 * is a lockout.
	 */
	public record Verdict(boolean allowed, Duration retryAfter, boolean locked) {

		static final Verdict ALLOWED = new Verdict(true, Duration.ZERO, false);

	}

	private record Failures(int count, Instant last) {
	}

	private final Rule users;

	private final Rule addresses;

	private final Clock clock;

	private final MeterRegistry registry;

	private final Cache<String, Failures> userFailures;

	private final Cache<String, Failures> addressFailures;

	private final Cache<String, Boolean> knownAddresses;

	public LoginThrottle(LoginProperties properties, Clock clock, MeterRegistry registry) {
		this.users = properties.userRule();
		this.addresses = properties.addressRule();
		this.clock = clock;
		this.registry = registry;
		this.userFailures = failures(properties.lockout());
		this.addressFailures = failures(properties.lockout());
		this.knownAddresses = Caffeine.newBuilder()
			.expireAfterWrite(properties.knownAddressTtl())
			.maximumSize(100_000)
			.ticker(() -> clock.millis() * 1_000_000)
			.build();
	}

	private Cache<String, Failures> failures(Duration lockout) {
		return Caffeine.newBuilder()
			.expireAfterWrite(lockout)
			.maximumSize(100_000)
			.ticker(() -> this.clock.millis() * 1_000_000)
			.build();
	}

	/**
	 * May an attempt as {@code user} (null for an API key) from {@code address} be
	 * checked now?
	 */
	public Verdict check(String userAsTyped, String address) {
		String user = normalized(userAsTyped);
		Instant now = this.clock.instant();
		Verdict verdict = (address != null) ? verdict(this.addressFailures.getIfPresent(address), this.addresses, now)
				: Verdict.ALLOWED;
		if (user != null && (address == null || this.knownAddresses.getIfPresent(key(user, address)) == null)) {
			Verdict byUser = verdict(this.userFailures.getIfPresent(user), this.users, now);
			if (!byUser.allowed() && (verdict.allowed() || byUser.retryAfter().compareTo(verdict.retryAfter()) > 0)) {
				verdict = byUser;
			}
		}
		if (!verdict.allowed()) {
			this.registry.counter("creditdesk.auth.throttled", "locked", Boolean.toString(verdict.locked()))
				.increment();
		}
		return verdict;
	}

	private static Verdict verdict(Failures failures, Rule rule, Instant now) {
		if (failures == null) {
			return Verdict.ALLOWED;
		}
		Instant allowedAt = failures.last().plus(rule.waitAfter(failures.count()));
		if (!now.isBefore(allowedAt)) {
			return Verdict.ALLOWED;
		}
		return new Verdict(false, Duration.between(now, allowedAt), failures.count() >= rule.lockoutAfter());
	}

	/**
	 * Counts a failed attempt as {@code user} (null for an API key) from {@code address}.
	 */
	public void failed(String userAsTyped, String address) {
		String user = normalized(userAsTyped);
		Instant now = this.clock.instant();
		this.registry.counter("creditdesk.auth.failures", "kind", (user != null) ? "password" : "api-key").increment();
		if (address != null) {
			count(this.addressFailures, address, this.addresses, now, "client address");
		}
		if (user != null) {
			count(this.userFailures, user, this.users, now, "user name");
		}
	}

	private void count(Cache<String, Failures> cache, String key, Rule rule, Instant now, String scope) {
		Failures updated = cache.asMap().compute(key, (k, previous) -> {
			if (previous != null && previous.count() >= rule.lockoutAfter()) {
				// Locked: nothing is counted until the lockout ends, then counting starts
				// over.
				return now.isBefore(previous.last().plus(rule.lockout())) ? previous : new Failures(1, now);
			}
			return new Failures((previous != null) ? previous.count() + 1 : 1, now);
		});
		if (updated.count() == rule.lockoutAfter() && updated.last().equals(now)) {
			this.registry.counter("creditdesk.auth.lockouts", "scope", scope).increment();
			log.warn("Sign-in locked for {} '{}' until {} after {} failed attempts", scope, shortened(key),
					now.plus(rule.lockout()), updated.count());
		}
	}

	/**
	 * A successful sign-in: the user name's failures are cleared and the address becomes
	 * known for it.
	 */
	public void succeeded(String userAsTyped, String address) {
		String user = normalized(userAsTyped);
		this.userFailures.invalidate(user);
		if (address != null) {
			this.knownAddresses.put(key(user, address), Boolean.TRUE);
		}
	}

	/**
	 * A user name as the throttle counts it: the user store finds users whatever the
	 * case, so {@code ANALYST} and {@code Analyst} are the same user's attempts.
	 */
	private static String normalized(String user) {
		return (user != null) ? user.trim().toLowerCase(java.util.Locale.ROOT) : null;
	}

	private static String key(String user, String address) {
		return user + "\n" + address;
	}

	private static String shortened(String text) {
		return (text.length() <= 100) ? text : text.substring(0, 100) + "…";
	}

}
