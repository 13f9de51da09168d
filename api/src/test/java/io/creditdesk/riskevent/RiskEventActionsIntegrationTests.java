package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditdesk.CreditDeskIntegrationTest;
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
 * Each action of the risk event policy on a real customer, through the same processing
 * path as the topic and the poller: the flags (an order is then refused), the hold, the
 * review (once), the alert only; rules stored per level override the shipped ones, and
 * are changed only by CFO and ADMIN with stable refusals; analysts see what arrived.
 */
@CreditDeskIntegrationTest
class RiskEventActionsIntegrationTests {

	@Autowired
	private RiskEventProcessor processor;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private RiskEventFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new RiskEventFixtures(this.graphQl);
	}

	@Test
	void suspectedFraudRaisesTheFraudFlagAndTheNextOrderIsRefused() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		AppliedRiskEvent applied = process(ExternalEventType.FRAUD_SUSPECTED, customer);
		assertThat(applied.actions()).containsExactly(RiskEventAction.RAISE_FRAUD_FLAG, RiskEventAction.ALERT);
		assertThat(applied.reviewRequestId()).isNull();
		assertThat(this.f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ACTIVE", List.of("FRAUD")));
		assertThat(this.f.placeOrder(customer.id(), "o-" + UUID.randomUUID())).containsExactly("REJECTED",
				"FRAUD_FLAG");
	}

	@Test
	void aReportedPaymentDefaultRaisesTheBureauFlagAndOpensAReviewWithoutAHold() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		AppliedRiskEvent applied = process(ExternalEventType.PAYMENT_DEFAULT_REPORTED, customer);
		assertThat(this.f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ACTIVE", List.of("BUREAU")));
		assertThat(applied.reviewRequestId()).isNotNull();
		assertThat(applied.status()).isEqualTo(AppliedRiskEvent.Status.APPLIED);
	}

	@Test
	void aDowngradeOpensOneReviewAndASecondDowngradeNotesThatOneIsOpen() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		AppliedRiskEvent first = process(ExternalEventType.RATING_DOWNGRADE, customer);
		assertThat(first.reviewRequestId()).isNotNull();
		assertThat(first.notes()).isEmpty();
		AppliedRiskEvent second = process(ExternalEventType.RATING_DOWNGRADE, customer);
		assertThat(second.reviewRequestId()).isNull();
		assertThat(second.notes()).singleElement().asString().startsWith("No review opened");
		assertThat(this.f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ACTIVE", List.of()));
	}

	@Test
	void anEventCutShortByACrashIsFinishedOnRedeliveryWithoutApplyingItTwice() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		ExternalRiskEvent event = event(ExternalEventType.INSOLVENCY_FILING, customer);
		AppliedRiskEvent first = this.processor.process(event, AppliedRiskEvent.Via.KAFKA);
		// As if the service had stopped after the customer's update, before the record
		// said APPLIED.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(first.id())),
				new Update().set("status", AppliedRiskEvent.Status.RECEIVED).unset("reviewRequestId"),
				AppliedRiskEvent.class);
		AppliedRiskEvent again = this.processor.process(event, AppliedRiskEvent.Via.KAFKA);
		assertThat(again.status()).isEqualTo(AppliedRiskEvent.Status.APPLIED);
		assertThat(again.deliveries()).isEqualTo(2);
		assertThat(this.f.profile(customer.id()))
			.isEqualTo(new RiskEventFixtures.Profile("ON_HOLD", List.of("BUREAU")));
		List<String> trail = this.f.as("manager")
			.document("{ customer(id: \"" + customer.id()
					+ "\") { auditTrail(first: 50) { edges { node { action } } } } }")
			.execute()
			.path("customer.auditTrail.edges[*].node.action")
			.entityList(String.class)
			.get();
		assertThat(trail).filteredOn("EXTERNAL_RISK_EVENT_APPLIED"::equals).hasSize(1);
		assertThat(
				this.mongo.count(Query.query(Criteria.where("customerId").is(customer.id()).and("type").is("REVIEW")),
						"credit_limit_requests"))
			.as("one review, not two")
			.isEqualTo(1);
	}

	@Test
	void anUpgradeOnlyAlerts() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		AppliedRiskEvent applied = process(ExternalEventType.RATING_UPGRADE, customer);
		assertThat(applied.actions()).containsExactly(RiskEventAction.ALERT);
		assertThat(applied.policyLevel()).isEqualTo("SYSTEM_DEFAULT");
		assertThat(this.f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ACTIVE", List.of()));
		assertThat(this.f.placeOrder(customer.id(), "o-" + UUID.randomUUID())).first().isEqualTo("APPROVED");
	}

	@Test
	void rulesOfAMoreSpecificLevelDecideTypeByType() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		String segment = this.f.as("admin")
			.document("{ customer(id: \"" + customer.id() + "\") { segment } }")
			.execute()
			.path("customer.segment")
			.entity(String.class)
			.get();
		upsert("cfo",
				Map.of("level", "SEGMENT", "code", segment, "reason", "fraud is handled by hand here", "rules",
						List.of(Map.of("eventType", "FRAUD_SUSPECTED", "actions", List.of("ALERT")),
								Map.of("eventType", "RATING_UPGRADE", "actions", List.of("OPEN_REVIEW")))))
			.path("upsertRiskEventPolicy.policy.version")
			.entity(Integer.class)
			.isEqualTo(1);
		upsert("admin",
				Map.of("level", "CUSTOMER", "code", customer.id(), "reason", "watch this one", "rules",
						List.of(Map.of("eventType", "RATING_UPGRADE", "actions", List.of("SET_ON_HOLD", "ALERT")))))
			.path("upsertRiskEventPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);

		AppliedRiskEvent fraud = process(ExternalEventType.FRAUD_SUSPECTED, customer);
		assertThat(fraud.actions()).containsExactly(RiskEventAction.ALERT);
		assertThat(fraud.policyLevel()).isEqualTo("SEGMENT");
		AppliedRiskEvent upgrade = process(ExternalEventType.RATING_UPGRADE, customer);
		assertThat(upgrade.actions()).containsExactly(RiskEventAction.SET_ON_HOLD, RiskEventAction.ALERT);
		assertThat(upgrade.policyLevel()).isEqualTo("CUSTOMER");
		assertThat(this.f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ON_HOLD", List.of()));
		AppliedRiskEvent insolvency = process(ExternalEventType.INSOLVENCY_FILING, customer);
		assertThat(insolvency.policyLevel()).isEqualTo("SYSTEM_DEFAULT");

		this.f.as("analyst")
			.document("{ riskEventPolicies { id level code version rules { eventType actions } } }")
			.execute()
			.path("riskEventPolicies[?(@.id == 'SEGMENT:" + segment + "')].rules[*].eventType")
			.entityList(String.class)
			.containsExactly("RATING_UPGRADE", "FRAUD_SUSPECTED");
		this.f.as("manager")
			.document("{ riskEventPolicies { id auditTrail { edges { node { action actor reason } } } } }")
			.execute()
			.path("riskEventPolicies[?(@.id == 'SEGMENT:" + segment + "')].auditTrail.edges[*].node.action")
			.entityList(String.class)
			.containsExactly("RISK_EVENT_POLICY_UPSERTED");
	}

	@Test
	void policyChangesAreRefusedWithStableCodes() {
		upsert("cfo", Map.of("level", "SYSTEM_DEFAULT", "reason", "try", "rules", List.of()))
			.path("upsertRiskEventPolicy.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("READ_ONLY_RISK_EVENT_POLICY");
		upsert("cfo",
				Map.of("level", "GLOBAL", "reason", "twice", "rules",
						List.of(Map.of("eventType", "RATING_UPGRADE", "actions", List.of()),
								Map.of("eventType", "RATING_UPGRADE", "actions", List.of("ALERT")))))
			.path("upsertRiskEventPolicy.userErrors[*].field")
			.entityList(String.class)
			.containsExactly("rules[1].eventType");
		upsert("cfo",
				Map.of("level", "SEGMENT", "code", "STALE_" + UUID.randomUUID().toString().substring(0, 8), "reason",
						"stale", "expectedVersion", 3, "rules", List.of()))
			.path("upsertRiskEventPolicy.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("STALE_VERSION");
	}

	@Test
	void analystsSeeWhatArrivedAndWhatItDid() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		AppliedRiskEvent applied = process(ExternalEventType.FRAUD_SUSPECTED, customer);
		GraphQlTester.Response page = this.f.as("analyst")
			.document("query($c: ID!) { externalRiskEvents(filter: {customerId: $c, type: FRAUD_SUSPECTED}, first: 5) {"
					+ " totalCount edges { node { id eventId source type customerId via status actions policyLevel"
					+ " customerReference { externalRef } deliveries appliedAt } } } }")
			.variable("c", customer.id())
			.execute();
		page.path("externalRiskEvents.totalCount").entity(Integer.class).isEqualTo(1);
		page.path("externalRiskEvents.edges[0].node.id").entity(String.class).isEqualTo(applied.id());
		page.path("externalRiskEvents.edges[0].node.actions")
			.entityList(String.class)
			.containsExactly("RAISE_FRAUD_FLAG", "ALERT");
		page.path("externalRiskEvents.edges[0].node.customerReference.externalRef")
			.entity(String.class)
			.isEqualTo(customer.externalRef());
		page.path("externalRiskEvents.edges[0].node.status").entity(String.class).isEqualTo("APPLIED");
	}

	private GraphQlTester.Response upsert(String user, Map<String, Object> input) {
		return this.f.as(user)
			.document("mutation($input: UpsertRiskEventPolicyInput!) { upsertRiskEventPolicy(input: $input) {"
					+ " policy { id version rules { eventType actions } } userErrors { field code message } } }")
			.variable("input", input)
			.execute();
	}

	private AppliedRiskEvent process(ExternalEventType type, RiskEventFixtures.Registered customer) {
		return this.processor.process(event(type, customer), AppliedRiskEvent.Via.KAFKA);
	}

	private static ExternalRiskEvent event(ExternalEventType type, RiskEventFixtures.Registered customer) {
		return new ExternalRiskEvent("t-" + UUID.randomUUID(), "fraud-engine", type,
				new ExternalRiskEvent.CustomerReference(null, customer.externalRef(), null), "B", "C",
				Instant.parse("2026-12-04T09:30:00Z"));
	}

}
