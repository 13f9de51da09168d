package io.creditdesk.ledger;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

/** Sales portals follow available credit live over GraphQL on WebSocket. */
@CreditDeskIntegrationTest
class AvailableCreditSubscriptionIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	@Autowired
	private org.springframework.kafka.core.KafkaTemplate<String, String> kafka;

	@Test
	void subscribersSeeTheCurrentFiguresThenEveryChange() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("10000");
		WebSocketGraphQlTester socket = socket();
		Flux<Map> updates = socket
			.document("subscription { availableCreditChanged(customerId: \"" + customer
					+ "\") { availableCredit { amount } cause } }")
			.executeSubscription()
			.toFlux("availableCreditChanged", Map.class);
		StepVerifier.create(updates)
			.expectNext(Map.of("availableCredit", Map.of("amount", "10000.00"), "cause", "SUBSCRIBED"))
			.then(() -> f.place("sales", "sub-" + customer, customer, "2500", "EUR"))
			// (The events of the customer's creation may still be on their way: each
			// carries the figures
			// current when it is delivered, so one may already show the order's.)
			.thenConsumeWhile(update -> update.get("availableCredit").equals(Map.of("amount", "10000.00"))
					|| !"ExposureChanged".equals(update.get("cause")))
			.expectNext(Map.of("availableCredit", Map.of("amount", "7500.00"), "cause", "ExposureChanged"))
			.then(() -> f.as("admin")
				.document("mutation { setCreditLimit(input: {customerId: \"" + customer
						+ "\", amount: \"12000\", reason: \"raise\"}) { userErrors { code } } }")
				.execute())
			// (A repeated snapshot of the order may come first: same figures.)
			.thenConsumeWhile(update -> update
				.equals(Map.of("availableCredit", Map.of("amount", "7500.00"), "cause", "ExposureChanged")))
			.expectNext(Map.of("availableCredit", Map.of("amount", "9500.00"), "cause", "CreditLimitChanged"))
			.thenCancel()
			.verify(Duration.ofSeconds(45));
		socket.stop().block(Duration.ofSeconds(5));
	}

	@Test
	void changesMadeByAnotherInstanceReachTheSubscribersOfThisOne() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("10000");
		WebSocketGraphQlTester socket = socket();
		Flux<Map> updates = socket
			.document("subscription { availableCreditChanged(customerId: \"" + customer
					+ "\") { availableCredit { amount } netExposure { amount } utilization cause } }")
			.executeSubscription()
			.toFlux("availableCreditChanged", Map.class);
		// What the relay of another instance publishes after an order placed there: this
		// instance learns of it only through Kafka.
		String snapshot = """
				{"eventId":"%s","type":"ExposureChanged","schemaVersion":1,"occurredAt":"2026-11-22T12:00:00Z",
				 "customerId":"%s","data":{"customerId":"%s","currency":"EUR","status":"ACTIVE",
				 "limit":{"amount":"10000.00","currency":"EUR"},
				 "exposure":{"net":{"amount":"8766.00","currency":"EUR"}},
				 "availableCredit":{"amount":"1234.00","currency":"EUR"},"utilization":0.8766,"sequence":7}}
				""".formatted(java.util.UUID.randomUUID(), customer, customer);
		StepVerifier.create(updates)
			.expectNextMatches(first -> "SUBSCRIBED".equals(first.get("cause")))
			.then(() -> this.kafka.send(io.creditdesk.CreditEventsProbe.TOPIC, customer, snapshot).join())
			.thenConsumeWhile(update -> update.get("availableCredit").equals(Map.of("amount", "10000.00")))
			.expectNext(Map.of("availableCredit", Map.of("amount", "1234.00"), "netExposure",
					Map.of("amount", "8766.00"), "utilization", 0.8766, "cause", "ExposureChanged"))
			.thenCancel()
			.verify(Duration.ofSeconds(45));
		socket.stop().block(Duration.ofSeconds(5));
	}

	private WebSocketGraphQlTester socket() {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.headers(h -> h.setBasicAuth("sales", "demo"))
			.build();
	}

}
