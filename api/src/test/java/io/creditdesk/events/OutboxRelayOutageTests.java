package io.creditdesk.events;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox survives a Kafka outage: decisions written while the broker is away stay in
 * their documents, nothing is removed before Kafka acknowledged it, and once the broker
 * is back every event is published, exposure as its latest snapshot.
 */
class OutboxRelayOutageTests {

	private static final String TOPIC = "outage.credit-events";

	@TempDir
	Path dataDir;

	private RelayStore store;

	private MongoTemplate mongo;

	private Outbox outbox;

	@BeforeEach
	void store() {
		this.store = new RelayStore();
		this.mongo = this.store.mongo();
		this.outbox = this.store.outbox();
	}

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	@Test
	void eventsWrittenDuringAnOutageArePublishedWhenKafkaReturns() throws Exception {
		int port = RelayTopics.freePort();
		OutboxRelay relay = relay("127.0.0.1:" + port);
		EmbeddedKafkaBroker broker = null;
		try {
			// Decisions taken while Kafka is down: each event is written with its change.
			Outbox.Event placed = this.outbox.event(CreditEventType.ORDER_CREDIT_DECIDED, "C1",
					Map.of("orderId", "O1"));
			this.mongo.insert(Outbox.attach(new Document("_id", "O1").append("customerId", "C1"), List.of(placed)),
					"orders");
			Outbox.Event limit = this.outbox.event(CreditEventType.CREDIT_LIMIT_CHANGED, "C1", Map.of("limit", "5000"));
			this.mongo.insert(new Document("_id", "C1").append("limit", 5000), "customers");
			moveExposure("C1", 1000);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is("C1")),
					Outbox.push(new Update().set("limit", 6000), limit), "customers");
			moveExposure("C1", 500);

			assertThatThrownBy(relay::drainOnce).as("Kafka is down").isInstanceOf(RuntimeException.class);
			assertThat(order("O1")).containsKeys("outbox", "outboxAt");
			assertThat(customer("C1")).containsKeys("outbox", "outboxAt").doesNotContainKey("exposurePublishedSeq");

			broker = TestKafkaBrokers.start(this.dataDir, port);
			await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> relay.drainOnce() > 0);
			relay.drainOnce();

			List<Map<String, Object>> events = RelayTopics.read(broker, TOPIC, 3);
			assertThat(events).extracting(e -> e.get("eventId")).contains(placed.eventId(), limit.eventId());
			Map<String, Object> exposure = events.stream()
				.filter(e -> "ExposureChanged".equals(e.get("type")))
				.findFirst()
				.orElseThrow();
			@SuppressWarnings("unchecked")
			Map<String, Object> data = (Map<String, Object>) exposure.get("data");
			assertThat(data).as("the latest position, not one per change")
				.containsEntry("sequence", 2)
				.containsEntry("exposure", 1500);
			assertThat(order("O1")).doesNotContainKeys("outbox", "outboxAt");
			assertThat(customer("C1")).doesNotContainKeys("outbox", "outboxAt")
				.containsEntry("exposurePublishedSeq", 2L);

			// The next change is published as the next snapshot, and nothing twice.
			moveExposure("C1", -200);
			assertThat(relay.drainOnce()).isEqualTo(1);
			assertThat(relay.drainOnce()).isZero();
			List<Map<String, Object>> all = RelayTopics.read(broker, TOPIC, 4);
			assertThat(all).hasSize(4);
			@SuppressWarnings("unchecked")
			Map<String, Object> last = (Map<String, Object>) all.get(3).get("data");
			assertThat(last).containsEntry("sequence", 3).containsEntry("exposure", 1300);
		}
		finally {
			relay.stop();
			if (broker != null) {
				broker.close();
			}
		}
	}

	@Test
	void eventsAddedAfterTheRelayReadADocumentAreKeptForTheNextRound() throws Exception {
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		Outbox.Event first = this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C2", Map.of("flag", "FRAUD"));
		Outbox.Event second = this.outbox.event(CreditEventType.CUSTOMER_STATUS_CHANGED, "C2",
				Map.of("status", "SUSPENDED"));
		// A relay whose snapshot step lets another event land in the document after it
		// was read.
		OutboxRelay relay = relay(broker.bootstrapServers(), customer -> {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is("C2")), Outbox.push(new Update(), second),
					"customers");
			return new LinkedHashMap<>(Map.of("customerId", "C2"));
		});
		try {
			this.mongo.insert(Outbox.attach(new Document("_id", "C2"), List.of(first)), "customers");
			moveExposure("C2", 10);
			assertThat(relay.drainOnce()).isEqualTo(1);
			assertThat(customer("C2").getList("outbox", Document.class)).extracting(e -> e.getString("eventId"))
				.as("the late event waits, the published one is gone")
				.containsExactly(second.eventId());
			assertThat(customer("C2")).containsKey("outboxAt");
			relay.drainOnce();
			assertThat(customer("C2")).doesNotContainKeys("outbox", "outboxAt");
			assertThat(RelayTopics.read(broker, TOPIC, 3)).extracting(e -> e.get("type"))
				.containsExactly("RiskFlagRaised", "ExposureChanged", "CustomerStatusChanged");
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void aCustomersEventsLeaveInTheOrderTheyHappenedWhicheverDocumentHoldsThem() throws Exception {
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Instant t = Instant.now();
			// The order collection is drained first, but its event happened last.
			this.mongo.insert(Outbox.attach(new Document("_id", "O3").append("customerId", "C3"), List
				.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C3", Map.of("step", 3), t.plusMillis(20)))),
					"orders");
			this.mongo.insert(Outbox.attach(new Document("_id", "C3"),
					List.of(this.outbox.event(CreditEventType.CREDIT_LIMIT_CHANGED, "C3", Map.of("step", 1), t),
							this.outbox.event(CreditEventType.CUSTOMER_STATUS_CHANGED, "C3", Map.of("step", 2),
									t.plusMillis(10)))),
					"customers");
			assertThat(relay.drainOnce()).isEqualTo(2);
			assertThat(RelayTopics.read(broker, TOPIC, 3)).extracting(e -> e.get("type"))
				.containsExactly("CreditLimitChanged", "CustomerStatusChanged", "OrderReleased");
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void healthIsDownWhenEventsWaitTooLong() {
		OutboxRelay relay = relay("127.0.0.1:1");
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		CreditEventsHealthIndicator health = new CreditEventsHealthIndicator(this.mongo, this.outbox, relay,
				new CreditEventsProperties(true, true, TOPIC, Map.of(), 1, Duration.ofMillis(50), 500,
						Duration.ofSeconds(30)),
				Clock.systemUTC(), beans.getBeanProvider(MeterRegistry.class),
				beans.getBeanProvider(ParkedCreditEvents.class));
		this.mongo.insert(new Document("_id", "O9").append("customerId", "C9"), "orders");
		assertThat(health.health(true).getStatus().getCode()).isEqualTo("UP");

		Outbox.Event old = this.outbox.event(CreditEventType.ORDER_CREDIT_DECIDED, "C9", Map.of("orderId", "O9"),
				Instant.now().minus(Duration.ofMinutes(5)));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is("O9")), Outbox.push(new Update(), old), "orders");
		var down = health.health(true);
		assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
		assertThat(String.valueOf(down.getDetails().get("reason"))).startsWith("Credit events have waited 300 s");
	}

	private void moveExposure(String customerId, int amount) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				Outbox.exposureMoved(new Update().inc("exposure", amount), Instant.now()), "customers");
	}

	private OutboxRelay relay(String bootstrapServers) {
		return relay(bootstrapServers, customer -> new LinkedHashMap<>(
				Map.of("customerId", customer.getString("_id"), "exposure", customer.getInteger("exposure"))));
	}

	private OutboxRelay relay(String bootstrapServers, ExposureSnapshots snapshots) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("snapshots", snapshots);
		CreditEventsProperties properties = new CreditEventsProperties(true, false, TOPIC, Map.of(), 1,
				Duration.ofMillis(50), 500, Duration.ofSeconds(30));
		return new OutboxRelay(properties, this.mongo, this.outbox, beans.getBeanProvider(ExposureSnapshots.class),
				null, beans.getBeanProvider(SharedKafkaAdminClient.class),
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC());
	}

	private Document order(String id) {
		return this.mongo.findById(id, Document.class, "orders");
	}

	private Document customer(String id) {
		return this.mongo.findById(id, Document.class, "customers");
	}

}
