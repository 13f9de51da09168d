package io.creditdesk.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Audit probes of the relay: ordering at the batch cut, snapshot ids, overlapping leases. */
class AuditOutboxRelayTests {

	private static final String TOPIC = "outage.credit-events";

	@TempDir
	Path dataDir;

	private MongoServer mongoServer;

	private MongoClient client;

	private MongoTemplate mongo;

	private Outbox outbox;

	private int batch = 500;

	@BeforeEach
	void store() {
		this.mongoServer = new MongoServer(new MemoryBackend());
		InetSocketAddress address = this.mongoServer.bind();
		this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		this.mongo = new MongoTemplate(this.client, "outbox-test");
		this.outbox = new Outbox(JsonMapper.builder().build(), Clock.systemUTC(), null);
		this.outbox.register(Document.class, "orders");
		this.outbox.register(Document.class, "customers");
	}

	@AfterEach
	void closeStore() {
		this.client.close();
		this.mongoServer.shutdownNow();
	}

	@Test
	void aCustomersEventsKeepTheirOrderWhenTheBacklogIsCutByTheBatchSize() throws Exception {
		this.batch = 1;
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Instant t = Instant.now();
			this.mongo.insert(Outbox.attach(new Document("_id", "O1").append("customerId", "C9"),
					List.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 1), t),
							this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 3),
									t.plusMillis(20)))),
					"orders");
			this.mongo.insert(Outbox.attach(new Document("_id", "O2").append("customerId", "C9"), List
				.of(this.outbox.event(CreditEventType.ORDER_RELEASED, "C9", Map.of("step", 2), t.plusMillis(10)))),
					"orders");
			relay.drainOnce();
			relay.drainOnce();
			assertThat(read(broker, 3)).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("step"))
				.containsExactly((Object) 1, 2, 3);
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void aSnapshotSentAgainAfterACrashBeforeTheAcknowledgementKeepsItsEventId() throws Exception {
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, freePort());
		OutboxRelay relay = relay(broker.bootstrapServers());
		try {
			Outbox.Event flag = this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C7", Map.of("flag", "FRAUD"));
			this.mongo.insert(Outbox.attach(new Document("_id", "C7").append("exposure", 0), List.of(flag)),
					"customers");
			moveExposure("C7", 10);
			Document beforeRound = customer("C7");
			relay.drainOnce();
			// A crash after Kafka acknowledged and before the outbox was acknowledged:
			// the document is as the relay read it.
			this.mongo.remove(Query.query(Criteria.where("_id").is("C7")), "customers");
			this.mongo.insert(beforeRound, "customers");
			relay.drainOnce();
			List<Map<String, Object>> events = read(broker, 4);
			assertThat(events).extracting(e -> e.get("type"))
				.containsExactly("RiskFlagRaised", "ExposureChanged", "RiskFlagRaised", "ExposureChanged");
			assertThat(events.get(2).get("eventId")).as("the redelivered event keeps its id")
				.isEqualTo(events.get(0).get("eventId"));
			assertThat(events.get(3).get("eventId")).as("the redelivered snapshot (same sequence) keeps its id")
				.isEqualTo(events.get(1).get("eventId"));
		}
		finally {
			relay.stop();
			broker.close();
		}
	}

	@Test
	void twoRelaysOverlappingAfterALeaseOverrunLoseNoEvent() throws Exception {
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, freePort());
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

	private Document order(String id) {
		return this.mongo.findById(id, Document.class, "orders");
	}

	private Document customer(String id) {
		return this.mongo.findById(id, Document.class, "customers");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> read(EmbeddedKafkaBroker broker, int atLeast) {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<Map<String, Object>> events = new ArrayList<>();
			Instant deadline = Instant.now().plusSeconds(30);
			while (events.size() < atLeast && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					events.add(json.readValue(record.value(), Map.class));
				}
			}
			// Whatever else is there (nothing should be).
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
				events.add(json.readValue(record.value(), Map.class));
			}
			return events;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
