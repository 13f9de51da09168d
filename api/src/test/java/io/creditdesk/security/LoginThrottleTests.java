package io.creditdesk.security;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.creditdesk.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private static final LoginProperties DEFAULTS = new LoginProperties(Duration.ofMinutes(5), 5, 20, 20, 100,
			Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofDays(30));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LoginThrottle throttle = new LoginThrottle(DEFAULTS, this.clock, this.registry);

	static Stream<Arguments> waits() {
		return Stream.of(Arguments.of(0, Duration.ZERO), Arguments.of(4, Duration.ZERO),
				Arguments.of(5, Duration.ofSeconds(1)), Arguments.of(6, Duration.ofSeconds(2)),
				Arguments.of(8, Duration.ofSeconds(8)), Arguments.of(10, Duration.ofSeconds(32)),
				Arguments.of(11, Duration.ofSeconds(60)), Arguments.of(19, Duration.ofSeconds(60)),
				Arguments.of(20, Duration.ofMinutes(15)), Arguments.of(500, Duration.ofMinutes(15)));
	}

	@ParameterizedTest(name = "after {0} failures wait {1}")
	@MethodSource
	void waits(int failures, Duration wait) {
		assertThat(DEFAULTS.userRule().waitAfter(failures)).isEqualTo(wait);
	}

	private void fail(String user, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(user, address);
		}
	}

	@Test
	void fiveFreeAttemptsThenGrowingDelays() {
		fail("alice", "10.0.0.1", 4);
		assertThat(this.throttle.check("alice", "10.0.0.1").allowed()).isTrue();
		fail("alice", "10.0.0.1", 1);
		LoginThrottle.Verdict verdict = this.throttle.check("alice", "10.0.0.1");
		assertThat(verdict.allowed()).isFalse();
		assertThat(verdict.locked()).isFalse();
		assertThat(verdict.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		// The user name is throttled from any address, not just the attacker's.
		assertThat(this.throttle.check("alice", "10.9.9.9").allowed()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.check("alice", "10.0.0.1").allowed()).isTrue();
		fail("alice", "10.0.0.1", 1);
		assertThat(this.throttle.check("alice", "10.0.0.1").retryAfter()).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.registry.counter("creditdesk.auth.failures", "kind", "password").count()).isEqualTo(6);
	}

	/**
	 * The user store finds a user whatever the case of the name: every spelling counts
	 * against the same user (before, each spelling had attempts of its own).
	 */
	@Test
	void everySpellingOfAUserNameCountsAgainstTheSameUser() {
		fail("alice", "10.0.0.1", 2);
		fail("ALICE", "10.0.0.2", 2);
		fail(" Alice ", "10.0.0.3", 1);
		assertThat(this.throttle.check("aLiCe", "10.9.9.9").allowed()).isFalse();
		assertThat(this.throttle.check("alice", "10.9.9.9").allowed()).isFalse();
		this.throttle.succeeded("Alice", "10.0.0.1");
		assertThat(this.throttle.check("ALICE", "10.9.9.9").allowed()).isTrue();
	}

	@Test
	void theLockoutEndsAtItsTimeWhateverIsTriedMeanwhile() {
		fail("bob", "10.0.0.2", 20);
		LoginThrottle.Verdict locked = this.throttle.check("bob", "10.0.0.3");
		assertThat(locked.locked()).isTrue();
		assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.registry.counter("creditdesk.auth.lockouts", "scope", "user name").count()).isEqualTo(1);
		// Attempts during the lockout are not counted and do not extend it.
		this.clock.advance(Duration.ofMinutes(10));
		fail("bob", "10.0.0.2", 50);
		assertThat(this.throttle.check("bob", "10.0.0.3").retryAfter()).isEqualTo(Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.throttle.check("bob", "10.0.0.3").allowed()).isTrue();
	}

	@Test
	void failuresAreForgottenALockoutsLengthAfterTheLast() {
		fail("carol", "10.0.0.4", 19);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.throttle.check("carol", "10.0.0.4").allowed()).isTrue();
		fail("carol", "10.0.0.4", 1);
		assertThat(this.throttle.check("carol", "10.0.0.4").allowed()).isTrue();
	}

	@Test
	void anAttackerCannotLockAUserOutOfTheAddressesSheSignsInFrom() {
		this.throttle.succeeded("dave", "192.168.1.10");
		fail("dave", "203.0.113.66", 20);
		assertThat(this.throttle.check("dave", "203.0.113.99").locked()).isTrue();
		assertThat(this.throttle.check("dave", "192.168.1.10").allowed()).isTrue();
	}

	@Test
	void aSuccessClearsTheUserNamesFailuresButNotTheAddresses() {
		fail("erin", "10.0.0.5", 22);
		assertThat(this.throttle.check("erin", "10.0.0.7").locked()).isTrue();
		// Erin signs in (a credential she used a moment ago is not throttled, see
		// VerifiedCredentials).
		this.throttle.succeeded("erin", "10.0.0.6");
		assertThat(this.throttle.check("erin", "10.0.0.7").allowed()).isTrue();
		// The address still counts the failures made from it (22: 4 s to wait): a success
		// of one's own
		// account there does not clear them.
		assertThat(this.throttle.check("anyone", "10.0.0.5").retryAfter()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void oneAddressGuessingManyUserNamesIsThrottled() {
		for (int i = 0; i < 20; i++) {
			this.throttle.failed("user" + i, "198.51.100.7");
		}
		assertThat(this.throttle.check("someone-new", "198.51.100.7").allowed()).isFalse();
		assertThat(this.throttle.check("someone-new", "198.51.100.8").allowed()).isTrue();
		// API keys (no user name) count against their address alone.
		for (int i = 0; i < 100; i++) {
			this.throttle.failed(null, "198.51.100.9");
		}
		assertThat(this.throttle.check(null, "198.51.100.9").locked()).isTrue();
		assertThat(this.registry.counter("creditdesk.auth.lockouts", "scope", "client address").count()).isEqualTo(1);
	}

}
