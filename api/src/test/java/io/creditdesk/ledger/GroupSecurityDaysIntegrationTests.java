package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.ledger.LedgerFaultsIntegrationTests.MovableClock;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What days alone change about a group member's securities reaches the group's figures: a
 * security valid from a later day lowers the member's entry on that day, one expiring
 * raises it the day after its last, each once, by the sweep of pending changes, however
 * long the sweep did not run (the service down for longer than a week). The service's
 * clock is moved by days; after each step the group's figure is the sum of its members'
 * net exposures and the reconciliation of the parent finds no drift.
 */
@CreditDeskIntegrationTest
class GroupSecurityDaysIntegrationTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class Days {

		@Bean
		@Primary
		MovableClock securityDaysClock() {
			return new MovableClock();
		}

	}

	@Autowired
	private MovableClock clock;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private LedgerJobs jobs;

	@Autowired
	private AccountContexts contexts;

	@Autowired
	private CreditSecurities securities;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
		// The scheduled sweep would follow the days at moments the test does not choose:
		// it never gets its lease; the test runs it.
		for (String job : List.of("ledger.pending-sweep", "ledger.reconcile")) {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(job)),
					new Update().set("lockedUntil", Date.from(Instant.parse("3000-01-01T00:00:00Z")))
						.set("owner", "test"),
					"job_locks");
		}
	}

	@Test
	void aSecurityValidFromALaterDayLowersTheGroupFigureOnThatDayAndRaisesItAfterItsLast() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = member(parent, "5000");
		this.f.addGuarantee(member, "2000", today().plusDays(1), today().plusDays(2));
		// Not counting yet: neither the member's net exposure nor the group's figure
		// moves.
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);

		// Its first day: it counts, for the member and for the group.
		nextDay();
		assertThat(net(member)).isEqualByComparingTo("3000.00");
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		this.f.noDrift(parent);
		// Followed once.
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		// The group's limit is checked with it: 7,000 more fit, not 7,000.01.
		GraphQlTester.Response held = this.f.place("sales", id("o"), parent, "7000.01", "EUR");
		held.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_GROUP_AVAILABLE_CREDIT");

		// Its last day, then the day after.
		nextDay();
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		nextDay();
		assertThat(net(member)).isEqualByComparingTo("5000.00");
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
	}

	/**
	 * The service down (or its sweep not running) for ten days: what the days changed in
	 * between is followed when it runs again, whatever its age. A security that began and
	 * ended counting in those days moves nothing.
	 */
	@Test
	void daysTheSweepDidNotRunAreFollowedWhenItRunsAgain() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "50000");
		String expiring = member(parent, "5000");
		this.f.addGuarantee(expiring, "2000", null, today());
		String starting = member(parent, "5000");
		this.f.addGuarantee(starting, "1500", today().plusDays(1), null);
		String both = member(parent, "5000");
		this.f.addGuarantee(both, "1000", today().plusDays(2), today().plusDays(5));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("13000.00");
		this.f.noDrift(parent);

		this.clock.move(Duration.ofDays(10));
		assertThat(net(expiring)).isEqualByComparingTo("5000.00");
		assertThat(net(starting)).isEqualByComparingTo("3500.00");
		assertThat(net(both)).isEqualByComparingTo("5000.00");
		followTheDays();

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("13500.00");
		this.f.noDrift(parent);
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("13500.00");
	}

	/**
	 * Released on its first day before the sweep followed that it counts: the group never
	 * counted it, and nothing moves.
	 */
	@Test
	void aSecurityReleasedOnItsFirstDayBeforeTheSweepMovesNothing() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = member(parent, "5000");
		String security = this.f.addGuarantee(member, "2000", today().plusDays(1), null);

		nextDay();
		this.f.release(security);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
	}

	/**
	 * What the sweep leaves when it stops right after recording on the security that it
	 * now counts: the change, not followed yet, is followed once after the lease.
	 */
	@Test
	void aFirstDayWhoseSweepStoppedIsFollowedOnceAfterTheLease() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = member(parent, "5000");
		String security = this.f.addGuarantee(member, "2000", today().plusDays(1), null);

		nextDay();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(security)),
				new Update().set("groupCounted", true)
					.unset("groupDueOn")
					.push("groupFollowing", security + ":ACTIVATED")
					.set("groupFollowingAt", Date.from(this.clock.instant())),
				CreditSecurity.class);
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");

		this.clock.move(Duration.ofMinutes(1));
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		this.f.noDrift(parent);
		Document stored = this.mongo.findOne(Query.query(Criteria.where("_id").is(security)), Document.class,
				"credit_securities");
		assertThat(stored.getList("groupFollowing", String.class)).isEmpty();
		this.clock.move(Duration.ofMinutes(1));
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
	}

	/**
	 * A customer joining a group on a security's first day before the sweep followed that
	 * day: the group takes its net exposure as it is (the security counting), and the
	 * sweep then moves nothing more.
	 */
	@Test
	void aMemberJoiningOnASecuritysFirstDayBeforeTheSweepIsCountedOnce() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "5000", "EUR"));
		this.f.addGuarantee(member, "2000", today().plusDays(1), null);
		String expiring = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		LedgerFixtures.approved(this.f.place("sales", id("o"), expiring, "4000", "EUR"));
		this.f.addGuarantee(expiring, "1000", null, today());

		nextDay();
		this.f.join(member, parent);
		this.f.join(expiring, parent);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("7000.00");
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("7000.00");
		this.f.noDrift(parent);
	}

	/**
	 * Securities stored before their documents said whether their group counts them: what
	 * is certain of them is recorded at start, and their days are then followed like any
	 * other's, whatever their age.
	 */
	@Test
	void securitiesStoredBeforeTheirDaysWereFollowedAreRecordedAtStart() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "50000");
		String expiring = member(parent, "5000");
		String expires = this.f.addGuarantee(expiring, "2000", null, today());
		String starting = member(parent, "5000");
		String starts = this.f.addGuarantee(starting, "1500", today().plusDays(1), null);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("8000.00");
		for (String security : List.of(expires, starts)) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(security)),
					new Update().unset("groupCounted").unset("groupDueOn"), CreditSecurity.class);
		}

		// The service starts.
		this.securities.recordGroupCounting();
		this.clock.move(Duration.ofDays(10));
		followTheDays();

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("8500.00");
		this.f.noDrift(parent);
		followTheDays();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("8500.00");
	}

	private String member(String parent, String openOrders) {
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, openOrders, "EUR"));
		return member;
	}

	private LocalDate today() {
		return this.contexts.today();
	}

	private void nextDay() {
		this.clock.move(Duration.ofDays(1));
	}

	private void followTheDays() {
		this.jobs.resolvePendingChanges();
	}

	private BigDecimal net(String customer) {
		return new BigDecimal(this.f.counter(customer, "net"));
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

}
