package io.creditdesk.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.CreditEventsProbe;
import io.creditdesk.CreditEventsProbe.Received;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static io.creditdesk.CreditEventsProbe.has;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every credit decision and change reaches the credit events topic as a versioned JSON
 * event, keyed by customer, through the outbox of the document that changed.
 */
@CreditDeskIntegrationTest
class CreditEventsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private KafkaConnectionDetails kafka;

	@Autowired
	private MongoTemplate mongo;

	private CreditEventsProbe probe;

	private LedgerFixtures f;

	@BeforeEach
	void openProbe() {
		this.probe = new CreditEventsProbe(String.join(",", this.kafka.getBootstrapServers()));
		this.f = new LedgerFixtures(this.graphQl);
	}

	@AfterEach
	void closeProbe() {
		this.probe.close();
	}

	@Test
	void anApprovedOrderPublishesItsDecisionAndTheNewExposure() {
		String customer = this.f.activeCustomer("10000");
		this.f.place("sales", "ev-" + customer, customer, "2500", "EUR");

		this.probe.await(has(customer, "OrderCreditDecided", 1).and(all -> this.probe.of(customer, "ExposureChanged")
			.stream()
			.anyMatch(e -> amount(e.data().get("availableCredit")).equals("7500.00"))), WAIT);

		Received decided = this.probe.of(customer, "OrderCreditDecided").get(0);
		assertThat(decided.envelope()).containsEntry("schemaVersion", 1)
			.containsEntry("customerId", customer)
			.containsKeys("eventId", "occurredAt");
		assertThat(decided.headers()).containsEntry("eventType", "OrderCreditDecided")
			.containsEntry("eventId", (String) decided.envelope().get("eventId"))
			.containsEntry("schemaVersion", "1");
		assertThat(decided.data()).containsEntry("orderId", "ev-" + customer)
			.containsEntry("trigger", "PLACED")
			.containsEntry("status", "OPEN")
			.containsEntry("amount", Map.of("amount", "2500.00", "currency", "EUR"));
		@SuppressWarnings("unchecked")
		Map<String, Object> decision = (Map<String, Object>) decided.data().get("decision");
		assertThat(decision).containsEntry("status", "APPROVED")
			.containsEntry("reasonCodes", List.of("WITHIN_AVAILABLE_CREDIT"))
			.containsEntry("available", Map.of("amount", "10000.00", "currency", "EUR"))
			.containsEntry("availableAfter", Map.of("amount", "7500.00", "currency", "EUR"));

		Received exposure = this.probe.of(customer, "ExposureChanged")
			.stream()
			.filter(e -> amount(e.data().get("availableCredit")).equals("7500.00"))
			.findFirst()
			.orElseThrow();
		assertThat(amount(exposure.data().get("limit"))).isEqualTo("10000.00");
		assertThat(((Number) exposure.data().get("sequence")).longValue()).isPositive();
		@SuppressWarnings("unchecked")
		Map<String, Object> parts = (Map<String, Object>) exposure.data().get("exposure");
		assertThat(parts).containsEntry("openOrders", Map.of("amount", "2500.00", "currency", "EUR"));
		assertThat(((Number) exposure.data().get("utilization")).doubleValue()).isEqualTo(0.25);

		// Published events leave the documents: nothing waits in any outbox of this
		// customer.
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(
					this.mongo.find(Query.query(Criteria.where("customerId").is(customer).and("outboxAt").exists(true)),
							Document.class, "orders"))
				.isEmpty();
			assertThat(this.mongo.findOne(Query.query(Criteria.where("_id").is(customer)), Document.class, "customers"))
				.doesNotContainKeys("outbox", "outboxAt");
		});
	}

	@Test
	void limitsStatusesFlagsAndReleasesArePublished() {
		String customer = this.f.activeCustomer("1000");
		this.probe.await(has(customer, "CreditLimitChanged", 1).and(has(customer, "CustomerStatusChanged", 1)), WAIT);
		assertThat(this.probe.of(customer, "CustomerStatusChanged").get(0).data())
			.containsEntry("previousStatus", "PENDING_VERIFICATION")
			.containsEntry("status", "ACTIVE");

		this.f.place("sales", "ev-held-" + customer, customer, "1500", "EUR");
		this.probe.await(has(customer, "OrderCreditDecided", 1), WAIT);
		@SuppressWarnings("unchecked")
		Map<String, Object> held = (Map<String, Object>) this.probe.of(customer, "OrderCreditDecided")
			.get(0)
			.data()
			.get("decision");
		assertThat(held).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("reasonCodes", List.of("EXCEEDS_AVAILABLE_CREDIT"));

		// A higher limit frees credit: the held order is released automatically.
		this.f
			.mutate("admin", "setCreditLimit", "SetCreditLimitInput",
					Map.of("customerId", customer, "amount", "2000", "reason", "more business"), "userErrors { code }")
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		this.probe.await(has(customer, "CreditLimitChanged", 2).and(has(customer, "OrderReleased", 1)), WAIT);
		Received raised = this.probe.of(customer, "CreditLimitChanged").get(1);
		assertThat(raised.data()).containsEntry("previousLimit", Map.of("amount", "1000.00", "currency", "EUR"))
			.containsEntry("limit", Map.of("amount", "2000.00", "currency", "EUR"))
			.containsEntry("reason", "more business")
			.containsEntry("changedBy", "admin");
		Received released = this.probe.of(customer, "OrderReleased").get(0);
		assertThat(released.data()).containsEntry("orderId", "ev-held-" + customer)
			.containsEntry("release", "AUTOMATIC")
			.containsEntry("status", "OPEN");

		this.f
			.mutate("analyst", "raiseRiskFlag", "RaiseRiskFlagInput",
					Map.of("customerId", customer, "type", "FRAUD", "reason", "card testing", "source",
							"internal-review"),
					"userErrors { code }")
			.path("raiseRiskFlag.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		this.f.mutate("manager", "setCustomerStatus", "SetCustomerStatusInput",
				Map.of("customerId", customer, "status", "SUSPENDED", "reason", "fraud review"), "userErrors { code }")
			.path("setCustomerStatus.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		this.probe.await(has(customer, "RiskFlagRaised", 1).and(has(customer, "CustomerStatusChanged", 2)), WAIT);
		assertThat(this.probe.of(customer, "RiskFlagRaised").get(0).data()).containsEntry("flag", "FRAUD")
			.containsEntry("source", "internal-review")
			.containsEntry("raisedBy", "analyst");
		assertThat(this.probe.of(customer, "CustomerStatusChanged").get(1).data())
			.containsEntry("previousStatus", "ACTIVE")
			.containsEntry("status", "SUSPENDED")
			.containsEntry("reason", "fraud review");

		// One partition per customer: its events arrive in the order they happened.
		List<String> order = this.probe.await(all -> true, WAIT)
			.stream()
			.filter(r -> customer.equals(r.key()) && !r.type().equals("ExposureChanged"))
			.map(Received::type)
			.toList();
		assertThat(order).containsExactly("CreditLimitChanged", "CustomerStatusChanged", "OrderCreditDecided",
				"CreditLimitChanged", "OrderReleased", "RiskFlagRaised", "CustomerStatusChanged");
	}

	@SuppressWarnings("unchecked")
	private static String amount(Object money) {
		return (String) ((Map<String, Object>) money).get("amount");
	}

}
