package io.creditdesk.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credit group's figures follow its members: a customer joining with exposure brings it
 * into the group's figure (so the group limit is checked with it), one leaving takes its
 * entry along to its new group, and a security added or released moves the member's entry
 * by the change of its net exposure (what days change, a security's first day and the day
 * after its last: {@link GroupSecurityDaysIntegrationTests}, on a clock it moves). After
 * each, the reconciliation of the parent finds no drift.
 */
@CreditDeskIntegrationTest
class GroupMovesIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private AccountContexts contexts;

	@Autowired
	private LedgerJobs jobs;

	@Autowired
	private Ledger ledger;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	@Test
	void aMemberJoiningWithOpenOrdersCountsTowardTheGroupLimit() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "8000", "EUR"));

		this.f.join(member, parent);

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("8000.00");
		this.f.noDrift(parent);
		// 8,000 of the group's 10,000 are the member's: 3,000 more do not fit.
		GraphQlTester.Response held = this.f.place("sales", id("o"), parent, "3000", "EUR");
		held.path("placeOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		held.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_GROUP_AVAILABLE_CREDIT");
		LedgerFixtures.approved(this.f.place("sales", id("o"), parent, "2000", "EUR"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("10000.00");
		this.f.noDrift(parent);
	}

	@Test
	void aMemberLeavingTakesItsEntryToItsNewGroup() {
		String first = this.f.activeCustomer("100000");
		this.f.groupLimit(first, "10000");
		String second = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(first));
		this.f.groupLimit(second, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(first));
		this.f.join(member, first);
		String order = id("o");
		LedgerFixtures.approved(this.f.place("sales", order, member, "3000", "EUR"));
		assertThat(this.f.groupExposure(first)).isEqualByComparingTo("3000.00");

		this.f.join(member, second);

		assertThat(this.f.groupExposure(first)).isEqualByComparingTo("0.00");
		assertThat(entries(first)).doesNotContainKey(member);
		assertThat(this.f.groupExposure(second)).isEqualByComparingTo("3000.00");
		this.f.noDrift(first);
		this.f.noDrift(second);

		// Its release goes to the group it is in now, and leaves nothing behind in
		// either.
		this.f
			.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", order, "reason", "t"),
					"userErrors { code }")
			.path("cancelOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(this.f.groupExposure(second)).isEqualByComparingTo("0.00");
		assertThat(this.f.groupExposure(first)).isEqualByComparingTo("0.00");
		this.f.noDrift(first);
		this.f.noDrift(second);

		// Leaving every group: its entry goes.
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "1000", "EUR"));
		assertThat(this.f.groupExposure(second)).isEqualByComparingTo("1000.00");
		this.f.as("admin")
			.document("mutation { updateCustomer(input: {id: \"" + member
					+ "\", clearParent: true}) { userErrors { code } } }")
			.execute()
			.path("updateCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(this.f.groupExposure(second)).isEqualByComparingTo("0.00");
		assertThat(entries(second)).doesNotContainKey(member);
		this.f.noDrift(second);
	}

	@Test
	void aSecurityAddedOrReleasedMovesTheMembersEntry() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "5000", "EUR"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");

		String security = this.f.addGuarantee(member, "2000", null, LocalDate.now(ZoneOffset.UTC).plusDays(30));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		this.f.noDrift(parent);

		this.f.release(security);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
		// The group limit is checked with it: 5,000 more fit, not 5,000.01.
		GraphQlTester.Response held = this.f.place("sales", id("o"), parent, "5000.01", "EUR");
		held.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_GROUP_AVAILABLE_CREDIT");
	}

	/**
	 * A security stored before its document said whether its group counts it is followed
	 * as it was then: its expiry, the day after its last (here: its last day moved back
	 * one).
	 */
	@Test
	void anExpiredSecurityStoredBeforeItsDaysWereFollowedRaisesTheGroupFigure() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "5000", "EUR"));
		String security = this.f.addGuarantee(member, "2000", null, LocalDate.now(ZoneOffset.UTC));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");
		this.f.noDrift(parent);

		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(security)),
				new Update().set("expiresOn", LocalDate.now(ZoneOffset.UTC).minusDays(1))
					.unset(CreditSecurities.GROUP_COUNTED)
					.unset(CreditSecurities.GROUP_DUE_ON),
				CreditSecurity.class);
		this.contexts.forgetSecurities(member);
		this.jobs.resolvePendingChanges();

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
		// Followed once.
		this.jobs.resolvePendingChanges();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
	}

	@Test
	void aReleaseWhoseRequestStoppedIsFollowedOnceByTheSweep() {
		String parent = this.f.activeCustomer("100000");
		this.f.groupLimit(parent, "10000");
		String member = this.f.activeCustomer("100000", "EUR", this.f.segmentOf(parent));
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "5000", "EUR"));
		String security = this.f.addGuarantee(member, "2000", null, LocalDate.now(ZoneOffset.UTC).plusDays(30));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");

		// What a release leaves when its request stops right after the security's write:
		// the release, recorded on the security as not followed yet, a minute ago.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(security)),
				new Update().set("released", true)
					.push("groupFollowing", security + ":RELEASED")
					.set("groupFollowingAt", Date.from(Instant.now().minus(Duration.ofMinutes(1)))),
				CreditSecurity.class);
		this.contexts.forgetSecurities(member);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("3000.00");

		this.jobs.resolvePendingChanges();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
		this.f.noDrift(parent);
		this.jobs.resolvePendingChanges();
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000.00");
	}

	private Map<String, CreditAccount.MemberExposure> entries(String parent) {
		return this.ledger.find(parent).orElseThrow().groupMembers();
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

}
