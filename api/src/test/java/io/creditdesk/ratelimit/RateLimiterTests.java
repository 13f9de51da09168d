package io.creditdesk.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import io.creditdesk.ratelimit.RateLimiter.Admission;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets on a clock the test moves: no sleeping, every figure exact. */
class RateLimiterTests {

	private static final long MILLI = Duration.ofMillis(1).toNanos();

	private long now;

	private final TimeMeter clock = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return RateLimiterTests.this.now;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	private final RateLimiter limiter = new RateLimiter(
			new RateLimitProperties(true, new Limit(20_000, 2_000), null).policy(), this.clock);

	/** One request: admitted and charged its cost, or refused. */
	private Admission request(String principal, List<String> roles, long cost) {
		Admission admission = this.limiter.admit(principal, roles);
		if (admission.admitted()) {
			this.limiter.charge(principal, roles, cost);
		}
		return admission;
	}

	@Test
	void anIntegrationAtThreeThousandOrdersASecondForAMinuteIsNeverThrottled() {
		// placeOrder as order entry sends it costs 12 points; 3,000 a second is 5x this
		// service's speed on 2 cores.
		int refused = 0;
		for (int ms = 0; ms < 60_000; ms++) {
			this.now = ms * MILLI;
			for (int i = 0; i < 3; i++) {
				if (!request("erp", List.of("INTEGRATION"), 12).admitted()) {
					refused++;
				}
			}
		}
		assertThat(refused).isZero();
	}

	@Test
	void aPersonFloodingTheCostliestQueriesWaitsForTheRefill() {
		List<String> analyst = List.of("CREDIT_ANALYST");
		int admitted = 0;
		while (request("analyst", analyst, 1_000).admitted()) {
			admitted++;
		}
		// The burst of 20,000 points is 20 queries of 1,000.
		assertThat(admitted).isEqualTo(20);
		Admission refused = request("analyst", analyst, 1_000);
		assertThat(refused.admitted()).isFalse();
		// One point is back after 0.5 ms (2,000 a second); it admits one more query of
		// 1,000, paid in full:
		// the bucket goes 999 below zero, and the next query waits for 1,000 points, half
		// a second.
		assertThat(refused.waitNanos()).isEqualTo(500_000);
		this.now += refused.waitNanos();
		assertThat(request("analyst", analyst, 1_000).admitted()).isTrue();
		assertThat(request("analyst", analyst, 1_000).waitNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
		// Sustained: two of those a second.
		int perMinute = 0;
		for (int second = 0; second < 60; second++) {
			this.now += Duration.ofSeconds(1).toNanos();
			while (request("analyst", analyst, 1_000).admitted()) {
				perMinute++;
			}
		}
		assertThat(perMinute).isBetween(118, 122);
	}

	@Test
	void eachPrincipalHasItsOwnBucket() {
		while (request("flooder", List.of("SALES"), 1_000).admitted()) {
			// empties its own bucket
		}
		assertThat(request("flooder", List.of("SALES"), 1).admitted()).isFalse();
		assertThat(request("colleague", List.of("SALES"), 1).admitted()).isTrue();
	}

	@Test
	void theChargeReportsTheBucket() {
		this.limiter.admit("sales", List.of("SALES"));
		Map<String, Object> status = this.limiter.charge("sales", List.of("SALES"), 12);
		assertThat(status).containsEntry("maximumAvailable", 20_000L)
			.containsEntry("currentlyAvailable", 20_000L - 12)
			.containsEntry("restoreRate", 2_000L);
	}

	/**
	 * A bucket belongs to the principal, whatever roles its token names: a caller holding
	 * tokens with different role sets (an INTEGRATION one and a person's) got a full new
	 * bucket at every switch, before.
	 */
	@Test
	void switchingRoleSetsGrantsNoFreshBucket() {
		while (request("converted", List.of("SALES"), 1_000).admitted()) {
			// empties the people's bucket
		}
		// The machine limit applies now (its refill of 50,000 a second: one point in 20
		// µs), but the bucket is as empty as before.
		Admission asMachine = request("converted", List.of("INTEGRATION"), 1);
		assertThat(asMachine.admitted()).isFalse();
		assertThat(asMachine.limit()).isEqualTo(new Limit(100_000, 50_000));
		assertThat(asMachine.waitNanos()).isEqualTo(Duration.ofNanos(20_000).toNanos());
		this.now += asMachine.waitNanos();
		assertThat(request("converted", List.of("INTEGRATION"), 1_000).admitted()).isTrue();
		// Back to the person's roles: still in debt, at the person's refill.
		Admission asPerson = request("converted", List.of("SALES", "CREDIT_ANALYST"), 1);
		assertThat(asPerson.admitted()).isFalse();
		assertThat(asPerson.limit()).isEqualTo(new Limit(20_000, 2_000));
		assertThat(asPerson.waitNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
	}

	/**
	 * A bucket fuller than the new roles' burst keeps only that burst: a role change
	 * never gives more than the current roles allow.
	 */
	@Test
	void aRoleChangeKeepsTheBucketWithinTheNewBurst() {
		this.limiter.admit("demoted", List.of("INTEGRATION"));
		// 99,999 points left as a machine; 20,000 at most as a person, less the rest of a
		// cost of 12.
		Map<String, Object> status = this.limiter.charge("demoted", List.of("SALES"), 12);
		assertThat(status).containsEntry("maximumAvailable", 20_000L).containsEntry("currentlyAvailable", 20_000L - 11);
	}

}
