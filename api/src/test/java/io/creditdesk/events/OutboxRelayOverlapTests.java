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
 * Two relays overlapping (one whose lease ran out mid-round goes on to acknowledge): the
 * acknowledgement removes only the events it published, by id, so an event written after
 * another relay drained the document is not lost. Failed before the acknowledgement
 * matched the events by id: the outbox was emptied and the new event never published.
 */
class OutboxRelayOverlapTests {

	private static final String TOPIC = "outage.credit-events";

	@TempDir
	Path dataDir;

	private RelayStore store;

	private MongoTemplate mongo;

	private Outbox outbox;

	private final int batch = 500;

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
	void twoRelaysOverlappingAfterALeaseOverrunLoseNoEvent() throws Exception {
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, RelayTopics.freePort());
		Outbox.Event first = this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C8", Map.of("flag", "FRAUD"));
		Outbox.Event second = this.outbox.event(CreditEventType.CUSTOMER_STATUS_CHANGED, "C8",
				Map.of("status", "SUSPENDED"));
		OutboxRelay other = relay(broker.bootstrapServers());
		// Relay A read the document; meanwhile (its lease ran out) relay B drains it and
		// a new event lands.
		OutboxRelay slow = relay(broker.bootstrapServers(), customer -> {
			other.drainOnce();
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is("C8")), Outbox.push(new Update(), second),
					"customers");
			return new LinkedHashMap<>(Map.of("customerId", "C8"));
		});
		try {
			this.mongo.insert(Outbox.attach(new Document("_id", "C8").append("exposure", 0), List.of(first)),
					"customers");
			moveExposure("C8", 10);
			slow.drainOnce();
			Document after = customer("C8");
			assertThat(after.getList("outbox", Document.class, List.of())).extracting(e -> e.getString("eventId"))
				.as("the event written after both relays read the document is still waiting or was published")
				.containsExactly(second.eventId());
		}
		finally {
			slow.stop();
			other.stop();
			broker.close();
		}
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
				Duration.ofMillis(50), this.batch, Duration.ofSeconds(30));
		return new OutboxRelay(properties, this.mongo, this.outbox, beans.getBeanProvider(ExposureSnapshots.class),
				null, beans.getBeanProvider(SharedKafkaAdminClient.class),
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC());
	}

	private Document customer(String id) {
		return this.mongo.findById(id, Document.class, "customers");
	}

}
