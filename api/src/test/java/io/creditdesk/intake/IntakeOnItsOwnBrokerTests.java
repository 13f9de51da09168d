package io.creditdesk.intake;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.creditdesk.MutableClock;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.intake.adapter.ChannelAdapter;
import io.creditdesk.intake.adapter.WebShopAdapter;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The intake consumer on a broker of its own, where the test controls what the service
 * cannot be made to do on purpose: the failed-intake store failing on every write,
 * adapters throwing what nobody anticipated, and a credit check that does not answer.
 */
class IntakeOnItsOwnBrokerTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String OTHER_REF = "ERP-20001";

	@TempDir
	static Path dataDir;

	private static EmbeddedKafkaBroker broker;

	private static TestKafkaBrokers.Readiness kafka;

	private final List<IntakeConsumers> started = new ArrayList<>();

	@BeforeAll
	static void startBroker() {
		broker = TestKafkaBrokers.start(dataDir, 0);
		kafka = TestKafkaBrokers.readiness(broker.bootstrapServers());
	}

	@AfterAll
	static void stopBroker() {
		kafka.close();
		broker.close();
	}

	@AfterEach
	void stopConsumers() {
		this.started.forEach(IntakeConsumers::stop);
	}

	@Test
	void whenTheWorklistStoreFailsAPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
		IntakeProperties properties = properties("store-down");
		RecordingOrderGateway gateway = new RecordingOrderGateway();
		gateway.failWith("webshop:WS-POISON", new UnsupportedOperationException("Simulated: nobody planned for this"));
		IntakeFailureStore store = mock(IntakeFailureStore.class);
		when(store.record(any())).thenThrow(new DataAccessResourceFailureException("Simulated: the store is down"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		IntakeConsumers consumers = start(properties, gateway, store, Clock.systemUTC(), meters);

		String topic = properties.topic(IntakeChannel.WEBSHOP);
		long poison = send(topic, IntakeSamples.SAMPLE_REF,
				read("webshop/valid-order.json").replace("WS-100234", "WS-POISON"));
		long next = send(topic, OTHER_REF, read("webshop/valid-order.json").replace("WS-100234", "WS-NEXT")
			.replace(IntakeSamples.SAMPLE_REF, OTHER_REF));

		await().atMost(WAIT).until(() -> gateway.placed("webshop:WS-NEXT").isPresent());
		assertThat(gateway.calls("webshop:WS-POISON")).as("dead-lettered at once").isEqualTo(1);
		List<ConsumerRecord<String, String>> dead = IntakeKafka.readAll(consumerFactory(),
				properties.deadLetterTopic(IntakeChannel.WEBSHOP));
		assertThat(dead).singleElement().satisfies(letter -> {
			assertThat(IntakeKafka.header(letter, IntakeDeadLetters.ORIGINAL_OFFSET)).isEqualTo(String.valueOf(poison));
			assertThat(IntakeKafka.header(letter, IntakeDeadLetters.REASON_CODE))
				.isEqualTo(IntakeDeadLetters.PROCESSING_FAILED);
			assertThat(letter.value()).contains("WS-POISON");
		});
		awaitCommittedPast(properties, topic, next);
		assertThat(meters.find(IntakeDeadLetters.METRIC).tag("outcome", "topic-only").counter().count()).isEqualTo(1);
		assertThat(consumers.progress().longestHeld()).isZero();
	}

	@Test
	void aPartitionHeldUpPastTheThresholdMakesTheIntakeDownNamingTopicPartitionAndOffset() throws Exception {
		IntakeProperties properties = properties("stall");
		RecordingOrderGateway gateway = new RecordingOrderGateway();
		CountDownLatch answer = new CountDownLatch(1);
		gateway.hold("webshop:WS-SLOW", answer);
		MutableClock clock = new MutableClock();
		IntakeConsumers consumers = start(properties, gateway, mock(IntakeFailureStore.class), clock,
				new SimpleMeterRegistry());
		IntakeMonitor monitor = new IntakeMonitor(properties, consumers, beans().getBeanProvider(MeterRegistry.class),
				kafka.admin(), clock);
		String topic = properties.topic(IntakeChannel.WEBSHOP);
		try {
			long slow = send(topic, IntakeSamples.SAMPLE_REF,
					read("webshop/valid-order.json").replace("WS-100234", "WS-SLOW"));
			send(topic, OTHER_REF, read("webshop/valid-order.json").replace("WS-100234", "WS-BEHIND")
				.replace(IntakeSamples.SAMPLE_REF, OTHER_REF));
			await().atMost(WAIT).until(() -> gateway.calls("webshop:WS-SLOW") == 1);
			assertThat(monitor.health(true).getStatus()).as("held, but not for long yet").isEqualTo(Status.UP);

			clock.advance(properties.stallThreshold().plusSeconds(1));
			Health stalled = monitor.health(true);
			assertThat(stalled.getStatus()).isEqualTo(Status.DOWN);
			assertThat(stalled.getDetails().get("reason").toString())
				.contains(topic + "-0 has not got past offset " + slow);
			assertThat(stalled.getDetails().get("stalled")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.singleElement()
				.satisfies(held -> {
					@SuppressWarnings("unchecked")
					Map<String, Object> detail = (Map<String, Object>) held;
					assertThat(detail).containsEntry("topic", topic)
						.containsEntry("partition", 0)
						.containsEntry("offset", slow);
				});

			answer.countDown();
			await().atMost(WAIT).until(() -> gateway.placed("webshop:WS-BEHIND").isPresent());
			assertThat(monitor.health(true).getStatus()).isEqualTo(Status.UP);
		}
		finally {
			answer.countDown();
			monitor.destroy();
		}
	}

	@Test
	void exceptionsTheAdaptersDoNotAnticipateAreDeadLetteredAtOnceAndThePartitionMovesOn() throws Exception {
		IntakeProperties properties = properties("adapter-surprise");
		RecordingOrderGateway gateway = new RecordingOrderGateway();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WebShopAdapter shop = new WebShopAdapter(JsonMapper.builder().build());
		// Whatever the adapters come to do: an arithmetic failure, a recursion that never
		// ends.
		ChannelAdapter surprising = payload -> {
			if (payload.contains("WS-ARITHMETIC")) {
				throw new ArithmeticException("Overflow");
			}
			if (payload.contains("WS-DEEP")) {
				throw new StackOverflowError();
			}
			return shop.parse(payload);
		};
		IntakeFailureStore store = mock(IntakeFailureStore.class);
		IntakeProcessor processor = new IntakeProcessor(Map.of(IntakeChannel.WEBSHOP, surprising),
				new OrderNormalizer(directory()));
		IntakeConsumers consumers = start(properties, gateway, store, Clock.systemUTC(), meters, processor);

		String topic = properties.topic(IntakeChannel.WEBSHOP);
		long arithmetic = send(topic, IntakeSamples.SAMPLE_REF,
				read("webshop/valid-order.json").replace("WS-100234", "WS-ARITHMETIC"));
		long deep = send(topic, IntakeSamples.SAMPLE_REF,
				read("webshop/valid-order.json").replace("WS-100234", "WS-DEEP"));
		long next = send(topic, OTHER_REF, read("webshop/valid-order.json").replace("WS-100234", "WS-AFTER")
			.replace(IntakeSamples.SAMPLE_REF, OTHER_REF));

		await().atMost(WAIT).until(() -> gateway.placed("webshop:WS-AFTER").isPresent());
		List<ConsumerRecord<String, String>> dead = IntakeKafka.readAll(consumerFactory(),
				properties.deadLetterTopic(IntakeChannel.WEBSHOP));
		assertThat(dead).extracting(letter -> IntakeKafka.header(letter, IntakeDeadLetters.ORIGINAL_OFFSET))
			.containsExactly(String.valueOf(arithmetic), String.valueOf(deep));
		assertThat(dead).allSatisfy(letter -> {
			assertThat(IntakeKafka.header(letter, IntakeDeadLetters.REASON_CODE))
				.isEqualTo(IntakeDeadLetters.PROCESSING_FAILED);
			assertThat(IntakeKafka.header(letter, IntakeDeadLetters.ATTEMPTS)).isEqualTo("1");
		});
		verify(store, times(2)).record(any());
		awaitCommittedPast(properties, topic, next);
		assertThat(consumers.progress().longestHeld()).isZero();
	}

	/**
	 * One partition per topic, so every record of a test shares it; topics of their own
	 * per test.
	 */
	private static IntakeProperties properties(String name) {
		Map<IntakeChannel, String> topics = new EnumMap<>(IntakeChannel.class);
		for (IntakeChannel channel : IntakeChannel.values()) {
			topics.put(channel, name + "." + channel.defaultTopic());
		}
		return new IntakeProperties(true, topics, ".DLT", name, 1, 1, 3, Duration.ofMillis(100), 2.0,
				Duration.ofMillis(400), Duration.ofSeconds(15), Duration.ofMinutes(2));
	}

	private IntakeConsumers start(IntakeProperties properties, RecordingOrderGateway gateway, IntakeFailureStore store,
			Clock clock, MeterRegistry meters) {
		return start(properties, gateway, store, clock, meters, IntakeSamples.processor(directory()));
	}

	private IntakeConsumers start(IntakeProperties properties, RecordingOrderGateway gateway, IntakeFailureStore store,
			Clock clock, MeterRegistry meters, IntakeProcessor processor) {
		DefaultListableBeanFactory beans = beans();
		beans.registerSingleton("gateway", gateway);
		beans.registerSingleton("meters", meters);
		IntakeConsumers consumers = IntakeSamples.consumers(properties, beans.getBeanProvider(OrderGateway.class),
				processor, store, clock, consumerFactory(),
				new DefaultKafkaProducerFactory<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())),
				beans.getBeanProvider(MeterRegistry.class), kafka.kafka());
		consumers.start();
		this.started.add(consumers);
		await().atMost(WAIT).until(consumers::consuming);
		return consumers;
	}

	/** The sample customer and another one. */
	private static CustomerDirectory directory() {
		return IntakeSamples.Directory.withSampleCustomer().add("cust-2", OTHER_REF, "DE", "DE811569869", "EUR");
	}

	private static DefaultListableBeanFactory beans() {
		return new DefaultListableBeanFactory();
	}

	private static DefaultKafkaConsumerFactory<Object, Object> consumerFactory() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		return new DefaultKafkaConsumerFactory<>(config);
	}

	/** Sends to partition 0 and returns the record's offset. */
	private static long send(String topic, String key, String payload) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			return producer.send(new ProducerRecord<>(topic, 0, key, payload)).get().offset();
		}
	}

	private static void awaitCommittedPast(IntakeProperties properties, String topic, long offset) {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			await().atMost(WAIT).untilAsserted(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets(properties.groupId())
					.partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS)
					.get(new TopicPartition(topic, 0));
				assertThat(committed).isNotNull();
				assertThat(committed.offset()).isGreaterThan(offset);
			});
		}
	}

}
