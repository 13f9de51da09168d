package io.creditdesk.riskevent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.CreditEventsProbe;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * External risk events end to end through the embedded broker: an insolvency filing on
 * the topic raises the bureau flag, puts the customer on hold, opens a review and
 * publishes {@code ExternalRiskEventApplied}, and an order placed afterwards is refused;
 * a redelivery changes nothing; an event for an unknown customer, or one that is not
 * JSON, is dead-lettered with its reason and kept on the worklist.
 */
@CreditDeskIntegrationTest
class RiskEventIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private RiskEventProperties properties;

	@Autowired
	private AppliedRiskEvents records;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private KafkaConnectionDetails kafkaConnection;

	@Autowired
	private ConsumerFactory<?, ?> bootConsumers;

	private RiskEventFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new RiskEventFixtures(this.graphQl);
	}

	@Test
	void anInsolvencyFilingOnTheTopicRefusesTheNextOrderAndARedeliveryChangesNothing() {
		RiskEventFixtures.Registered customer = this.f.activeCustomer();
		assertThat(this.f.placeOrder(customer.id(), "before-" + customer.externalRef())).containsExactly("APPROVED",
				"WITHIN_AVAILABLE_CREDIT");
		String eventId = "cs-" + UUID.randomUUID();
		String event = RiskEventFixtures.event(eventId, "INSOLVENCY_FILING",
				RiskEventFixtures.byTaxId(customer.taxId()));
		String id = "creditsafe:" + eventId;

		try (CreditEventsProbe events = new CreditEventsProbe(
				String.join(",", this.kafkaConnection.getBootstrapServers()))) {
			this.kafka.send(this.properties.topic(), customer.taxId(), event).join();
			await().atMost(WAIT)
				.until(() -> this.records.find(id)
					.filter(r -> r.status() == AppliedRiskEvent.Status.APPLIED)
					.isPresent());

			assertThat(this.f.profile(customer.id()))
				.isEqualTo(new RiskEventFixtures.Profile("ON_HOLD", List.of("BUREAU")));
			assertThat(this.f.placeOrder(customer.id(), "after-" + customer.externalRef())).first()
				.isEqualTo("REJECTED");
			assertThat(this.f.placeOrder(customer.id(), "after2-" + customer.externalRef())).contains("BUREAU_FLAG");

			AppliedRiskEvent applied = this.records.find(id).orElseThrow();
			assertThat(applied.customerId()).isEqualTo(customer.id());
			assertThat(applied.actions()).containsExactly(RiskEventAction.RAISE_BUREAU_FLAG,
					RiskEventAction.SET_ON_HOLD, RiskEventAction.OPEN_REVIEW, RiskEventAction.ALERT);
			assertThat(applied.reviewRequestId()).as("a REVIEW request was opened").isNotNull();
			assertThat(applied.via()).isEqualTo(AppliedRiskEvent.Via.KAFKA);

			events.await(CreditEventsProbe.has(customer.id(), "ExternalRiskEventApplied", 1), WAIT);
			Map<String, Object> data = events.of(customer.id(), "ExternalRiskEventApplied").get(0).data();
			assertThat(data).containsEntry("customerId", customer.id())
				.containsEntry("eventId", eventId)
				.containsEntry("source", "creditsafe")
				.containsEntry("eventType", "INSOLVENCY_FILING")
				.containsEntry("oldValue", "B")
				.containsEntry("newValue", "D")
				.containsEntry("occurredAt", "2026-12-04T09:30:00Z")
				.containsEntry("actions", List.of("RAISE_BUREAU_FLAG", "SET_ON_HOLD", "OPEN_REVIEW", "ALERT"));
			GraphQlTester.Response review = this.f.as("manager")
				.document("{ creditLimitRequest(id: \"" + applied.reviewRequestId()
						+ "\") { type origin customer { id } } }")
				.execute();
			review.path("creditLimitRequest.type").entity(String.class).isEqualTo("REVIEW");
			review.path("creditLimitRequest.origin").entity(String.class).isEqualTo("SYSTEM");
			review.path("creditLimitRequest.customer.id").entity(String.class).isEqualTo(customer.id());

			// The same event again, as a redelivery would bring it: nothing more happens.
			this.kafka.send(this.properties.topic(), customer.taxId(), event).join();
			await().atMost(WAIT).until(() -> this.records.find(id).orElseThrow().deliveries() == 2);
			assertThat(this.f.profile(customer.id()))
				.isEqualTo(new RiskEventFixtures.Profile("ON_HOLD", List.of("BUREAU")));
			assertThat(this.records.find(id).orElseThrow().reviewRequestId()).isEqualTo(applied.reviewRequestId());
			List<String> trail = this.f.as("manager")
				.document("{ customer(id: \"" + customer.id()
						+ "\") { auditTrail(first: 50) { edges { node { action } } } } }")
				.execute()
				.path("customer.auditTrail.edges[*].node.action")
				.entityList(String.class)
				.get();
			assertThat(trail).filteredOn("EXTERNAL_RISK_EVENT_APPLIED"::equals).hasSize(1);
			assertThat(events.of(customer.id(), "ExternalRiskEventApplied")).hasSize(1);
		}
	}

	@Test
	void anEventForAnUnknownCustomerIsDeadLetteredAndOnTheWorklist() {
		String eventId = "cs-" + UUID.randomUUID();
		String event = RiskEventFixtures.event(eventId, "RATING_DOWNGRADE",
				RiskEventFixtures.byExternalRef("NOBODY-" + eventId));
		this.kafka.send(this.properties.topic(), "nobody", event).join();

		ConsumerRecord<String, String> dead = awaitDeadLetter(eventId);
		assertThat(header(dead, RiskEventDeadLetters.REASON_CODE)).isEqualTo("EVENT_CUSTOMER_UNKNOWN");
		assertThat(header(dead, RiskEventDeadLetters.REASON_FIELD)).isEqualTo("customer");
		assertThat(dead.value()).isEqualTo(event);

		Map<String, Object> failure = worklist("risk-event:creditsafe:" + eventId);
		assertThat(failure).containsEntry("reasonCode", "EVENT_CUSTOMER_UNKNOWN")
			.containsEntry("topic", this.properties.topic())
			.containsEntry("status", "OPEN")
			.containsEntry("payload", event);
		assertThat((String) failure.get("reasonMessage")).contains("NOBODY-" + eventId);
		assertThat(this.records.find("creditsafe:" + eventId)).isEmpty();
	}

	@Test
	void anEventThatIsNotJsonIsDeadLetteredWithItsReason() {
		String marker = "garbage-" + UUID.randomUUID();
		this.kafka.send(this.properties.topic(), "garbage", "{ not json " + marker).join();
		ConsumerRecord<String, String> dead = awaitDeadLetter(marker);
		assertThat(header(dead, RiskEventDeadLetters.REASON_CODE)).isEqualTo("MALFORMED_EVENT");
		String id = RiskEventDeadLetters.worklistId(dead.value().getBytes(StandardCharsets.UTF_8));
		assertThat(worklist(id)).containsEntry("reasonCode", "MALFORMED_EVENT").containsEntry("status", "OPEN");
	}

	private Map<String, Object> worklist(String id) {
		return this.f.as("analyst")
			.document("query($id: ID!) { intakeFailure(id: $id) { reasonCode reasonMessage topic status payload } }")
			.variable("id", id)
			.execute()
			.path("intakeFailure")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	private ConsumerRecord<String, String> awaitDeadLetter(String containing) {
		Map<String, Object> config = new HashMap<>(this.bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "risk-event-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> found = new CopyOnWriteArrayList<>();
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<String, String>(config)
			.createConsumer()) {
			consumer.subscribe(List.of(this.properties.deadLetterTopic()));
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (r.value() != null && r.value().contains(containing)) {
						found.add(r);
					}
				});
				return !found.isEmpty();
			});
		}
		return found.get(0);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
