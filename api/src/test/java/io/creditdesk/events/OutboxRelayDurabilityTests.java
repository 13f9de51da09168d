package io.creditdesk.events;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay publishes only durable changes: it reads with read concern majority and,
 * before sending what it read, waits for a durable write. Here the store holds that write
 * back (its commit has not reached the disk yet): until it answers, nothing is on the
 * topic.
 */
class OutboxRelayDurabilityTests {

	private static final String TOPIC = "durable.credit-events";

	@TempDir
	Path dataDir;

	@Test
	void nothingIsPublishedBeforeWhatTheRelayReadIsDurable() throws Exception {
		DurableWriteGate store = new DurableWriteGate();
		MongoServer server = new MongoServer(store);
		InetSocketAddress address = server.bind();
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, 0);
		try (MongoClient client = MongoClients
			.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
			MongoTemplate mongo = new MongoTemplate(client, "durability-test");
			Outbox outbox = new Outbox(JsonMapper.builder().build(), Clock.systemUTC(), null);
			outbox.register(Document.class, "orders");
			Outbox.Event decided = outbox.event(CreditEventType.ORDER_CREDIT_DECIDED, "C1", Map.of("orderId", "O1"));
			mongo.insert(Outbox.attach(new Document("_id", "O1").append("customerId", "C1"), List.of(decided)),
					"orders");
			OutboxRelay relay = relay(mongo, outbox, broker.bootstrapServers());
			try {
				CompletableFuture<Integer> round = CompletableFuture.supplyAsync(relay::drainOnce,
						runnable -> new Thread(runnable, "relay-round").start());
				await().atMost(Duration.ofSeconds(60)).until(() -> store.holding() || round.isDone());

				assertThat(round).as("the round waits for a durable write before it publishes").isNotDone();
				assertThat(published(broker)).as("nothing on the topic before the store says it is durable").isZero();
				store.open();
				assertThat(round.get(60, TimeUnit.SECONDS)).isEqualTo(1);
				assertThat(published(broker)).isEqualTo(1);
				assertThat(store.findReadConcerns()).as("the outbox is read with read concern majority")
					.contains("orders:majority");
			}
			finally {
				store.open();
				relay.stop();
			}
		}
		finally {
			broker.close();
			server.shutdownNow();
		}
	}

	private static OutboxRelay relay(MongoTemplate mongo, Outbox outbox, String bootstrapServers) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		CreditEventsProperties properties = new CreditEventsProperties(true, false, TOPIC, Map.of(), 1,
				Duration.ofMillis(50), 500, Duration.ofSeconds(30));
		return new OutboxRelay(properties, mongo, outbox, beans.getBeanProvider(ExposureSnapshots.class), null,
				beans.getBeanProvider(SharedKafkaAdminClient.class),
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC());
	}

	/** Records on the topic so far (its end offsets), 0 when it does not exist yet. */
	private static long published(EmbeddedKafkaBroker broker) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10))
				.getOrDefault(TOPIC, List.of())
				.stream()
				.map(info -> new TopicPartition(TOPIC, info.partition()))
				.toList();
			return consumer.endOffsets(partitions, Duration.ofSeconds(10))
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
		}
	}

}
