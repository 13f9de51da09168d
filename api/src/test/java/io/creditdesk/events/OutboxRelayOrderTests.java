package io.creditdesk.events;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.creditdesk.infrastructure.TestKafkaBrokers;
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

/**
 * A customer's events leave in the order they happened also when the backlog is larger
 * than a relay batch: a round publishes only up to the cut (the oldest event of the last
 * document it read), the later events of the documents it read wait for a later round.
 */
class OutboxRelayOrderTests {

	private static final String TOPIC = "outage.credit-events";

	@TempDir
	Path dataDir;

	private RelayStore store;

	private MongoTemplate mongo;

	private Outbox outbox;

	private int batch = 500;

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
	void aCustomersEventsKeepTheirOrderWhenTheBacklogIsCutByTheBatchSize() throws Exception {
		this.batch = 1;
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Instant t = Instant.now();
			this.mongo.insert(Outbox.attach(new Document("_id", "O1").append("customerId", "C9"), List.of(
					this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 1), t),
					this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 3), t.plusMillis(20)))),
					"orders");
			this.mongo.insert(Outbox.attach(new Document("_id", "O2").append("customerId", "C9"), List
				.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 2), t.plusMillis(10)))),
					"orders");
			relay.drainOnce();
			relay.drainOnce();
			relay.drainOnce();
			assertThat(RelayTopics.read(broker, TOPIC, 3))
				.extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("step"))
				.containsExactly((Object) 1, 2, 3);
			assertThat(outbox("O1")).isEmpty();
			assertThat(outbox("O2")).isEmpty();
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void aBacklogOfInterleavedDocumentsLeavesInOrderRoundAfterRound() throws Exception {
		this.batch = 2;
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Instant t = Instant.now();
			// Four orders of one customer, their events interleaved: order k has steps k,
			// k + 4 and k + 8.
			for (int k = 0; k < 4; k++) {
				List<Outbox.Event> events = new ArrayList<>();
				for (int step = k; step < 12; step += 4) {
					events.add(this.outbox.event(CreditEventType.ORDER_RELEASED, "C5", Map.of("step", step),
							t.plusMillis(10L * step)));
				}
				this.mongo.insert(Outbox.attach(new Document("_id", "P" + k).append("customerId", "C5"), events),
						"orders");
			}
			int rounds = 0;
			while (relay.drainOnce() > 0) {
				assertThat(++rounds).as("rounds until the backlog is drained").isLessThan(50);
			}
			List<Object> steps = new ArrayList<>();
			for (int step = 0; step < 12; step++) {
				steps.add(step);
			}
			assertThat(RelayTopics.read(broker, TOPIC, 12))
				.extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("step"))
				.containsExactlyElementsOf(steps);
			for (int k = 0; k < 4; k++) {
				assertThat(outbox("P" + k)).isEmpty();
			}
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void aCustomersSnapshotFollowsItsEventsLeftForALaterRound() throws Exception {
		this.batch = 1;
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Instant t = Instant.now();
			this.mongo.insert(
					Outbox.attach(new Document("_id", "O1").append("customerId", "C6"),
							List.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C6", Map.of("step", 1), t))),
					"orders");
			this.mongo.insert(Outbox.attach(new Document("_id", "O2").append("customerId", "C6"), List
				.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C6", Map.of("step", 3), t.plusMillis(20)))),
					"orders");
			this.mongo.insert(Outbox.attach(new Document("_id", "C6").append("exposure", 0), List.of(
					this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C6", Map.of("step", 2), t.plusMillis(10)),
					this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C6", Map.of("step", 4), t.plusMillis(30)))),
					"customers");
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is("C6")),
					Outbox.exposureMoved(new Update().inc("exposure", 10), t.plusMillis(10)), "customers");
			int rounds = 0;
			while (relay.drainOnce() > 0) {
				assertThat(++rounds).as("rounds until the backlog is drained").isLessThan(10);
			}
			// The customer's snapshot follows the customer's last event, not the first.
			List<Map<String, Object>> events = RelayTopics.read(broker, TOPIC, 5);
			assertThat(events).extracting(e -> e.get("type"))
				.containsExactly("OrderReleased", "RiskFlagRaised", "OrderReleased", "RiskFlagRaised",
						"ExposureChanged");
			assertThat(events.subList(0, 4)).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("step"))
				.containsExactly((Object) 1, 2, 3, 4);
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	private OutboxRelay relay(String bootstrapServers) {
		return relay(bootstrapServers, customer -> new LinkedHashMap<>(
				Map.of("customerId", customer.getString("_id"), "exposure", customer.getInteger("exposure"))));
	}

	private OutboxRelay relay(String bootstrapServers, ExposureSnapshots snapshots) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("snapshots", snapshots);
		CreditEventsProperties properties = new CreditEventsProperties(true, false, TOPIC, Map.of(), 1,
				Duration.ofMillis(50), this.batch, Duration.ofSeconds(30));
		return new OutboxRelay(properties, this.mongo, this.outbox, beans.getBeanProvider(ExposureSnapshots.class),
				null, beans.getBeanProvider(SharedKafkaAdminClient.class),
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC());
	}

	private List<Object> outbox(String id) {
		return this.mongo.findById(id, Document.class, "orders").getList(Outbox.EVENTS, Object.class, List.of());
	}

}
