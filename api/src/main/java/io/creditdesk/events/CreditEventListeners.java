package io.creditdesk.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.infrastructure.KafkaConsumerStarter;
import io.creditdesk.infrastructure.KafkaReadiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads the credit events for every {@link CreditEventGroup} bean: one spring-kafka
 * listener container per group, started once Kafka is ready and the topics exist (with a
 * leader for every partition) and the group's coordinator answers, so it starts quietly
 * after a restart. Each record is parsed once ({@link CreditEventEnvelope}); offsets are
 * committed after every record of a poll was handled or skipped. Its
 * {@link DefaultErrorHandler} skips a malformed record at once and calls a failing
 * handler {@value #ATTEMPTS} times, {@link #BACKOFF} apart, before skipping the event;
 * the offset of a skipped record is committed, so no record blocks its partition.
 * Stopping stops every container after the records in hand are handled.
 */
@Component
class CreditEventListeners implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CreditEventListeners.class);

	/** Deliveries of an event to a handler that keeps failing, the first one included. */
	static final int ATTEMPTS = 3;

	static final Duration BACKOFF = Duration.ofMillis(500);

	static final String SKIPPED = "creditdesk.events.consumer.skipped";

	/** Kafka is ready but the topics are not: the pause before the next look. */
	private static final KafkaConsumerStarter.Backoff START_BACKOFF = KafkaConsumerStarter.Backoff
		.fixed(Duration.ofSeconds(1));

	private final List<CreditEventGroup> groups;

	private final CreditEventsProperties events;

	private final KafkaReadiness kafka;

	private final JsonMapper json;

	private final Map<String, Object> consumerConfig;

	private final MeterRegistry meters;

	private final List<Reader> readers = new ArrayList<>();

	private volatile boolean running;

	CreditEventListeners(List<CreditEventGroup> groups, CreditEventsProperties events, KafkaReadiness kafka,
			JsonMapper json, ConsumerFactory<?, ?> bootConsumers, ObjectProvider<MeterRegistry> meters) {
		this.groups = List.copyOf(groups);
		this.events = events;
		this.kafka = kafka;
		this.json = json;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
		Map<String, Object> config = new HashMap<>(bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A new group starts at the beginning of the topic: nothing published before its
		// first start is missed.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
		this.consumerConfig = Map.copyOf(config);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		for (CreditEventGroup group : this.groups) {
			if (group.enabled()) {
				this.readers.add(read(group));
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.readers.forEach(Reader::close);
		this.readers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// With the relay and the live stream: after Kafka is ready, stopped before it.
		return Integer.MAX_VALUE - 200;
	}

	/**
	 * Starts reading as {@code group} (once Kafka and the topics are ready) until the
	 * returned reader is closed.
	 */
	Reader read(CreditEventGroup group) {
		Reader reader = new Reader(group);
		reader.start();
		return reader;
	}

	/** One group's container, and the thread that starts it when Kafka is ready. */
	final class Reader implements AutoCloseable {

		private final CreditEventGroup group;

		private final Counter malformed;

		private final Counter failed;

		private final KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, String>> starter;

		Reader(CreditEventGroup group) {
			this.group = group;
			this.malformed = counter(group, "malformed");
			this.failed = counter(group, "failed");
			this.starter = new KafkaConsumerStarter<>(group.name() + "-starter", CreditEventListeners.this.kafka,
					topics(), group.groupId(), START_BACKOFF,
					ex -> log.debug("{} waits for the credit events topic: {}", group.name(), ex.getMessage()),
					this::startConsuming);
		}

		private void start() {
			this.starter.start();
		}

		private ConcurrentMessageListenerContainer<String, String> startConsuming() {
			CreditEventsProperties events = CreditEventListeners.this.events;
			Map<String, Object> config = new HashMap<>(CreditEventListeners.this.consumerConfig);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, this.group.groupId());
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, this.group.name());
			ContainerProperties properties = new ContainerProperties(events.allTopics().toArray(String[]::new));
			properties.setGroupId(this.group.groupId());
			// One commit per poll, after each of its records was handled or skipped.
			properties.setAckMode(ContainerProperties.AckMode.BATCH);
			properties.setMessageListener((MessageListener<String, String>) this::handle);
			ConcurrentMessageListenerContainer<String, String> listeners = new ConcurrentMessageListenerContainer<>(
					new DefaultKafkaConsumerFactory<>(config), properties);
			listeners.setCommonErrorHandler(errorHandler());
			listeners.setBeanName(this.group.name());
			listeners.start();
			log.info("{} reads {} as group {}", this.group.name(), events.allTopics(), this.group.groupId());
			return listeners;
		}

		private void handle(ConsumerRecord<String, String> record) {
			CreditEvent event = CreditEventEnvelope.read(CreditEventListeners.this.json, record.value());
			if (event != null) {
				this.group.handler().accept(event);
			}
		}

		/**
		 * A malformed record is not retried; a failed handler is, {@code ATTEMPTS}
		 * deliveries in all. Either way the record is then skipped, and its offset
		 * committed.
		 */
		private DefaultErrorHandler errorHandler() {
			DefaultErrorHandler errors = new DefaultErrorHandler(this::skip,
					new FixedBackOff(BACKOFF.toMillis(), ATTEMPTS - 1));
			errors.addNotRetryableExceptions(CreditEventEnvelope.Malformed.class);
			errors.setCommitRecovered(true);
			return errors;
		}

		private void skip(ConsumerRecord<?, ?> record, Exception ex) {
			CreditEventEnvelope.Malformed malformed = malformed(ex);
			if (malformed != null) {
				this.malformed.increment();
				log.warn("{} skipped credit event {}-{}@{}: not readable: {}", this.group.name(), record.topic(),
						record.partition(), record.offset(), malformed.getMessage());
			}
			else {
				this.failed.increment();
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				log.error("{} skipped credit event {}-{}@{} after {} attempts: {}", this.group.name(), record.topic(),
						record.partition(), record.offset(), ATTEMPTS, cause.toString());
			}
		}

		private List<NewTopic> topics() {
			CreditEventsProperties events = CreditEventListeners.this.events;
			return events.allTopics()
				.stream()
				.map(name -> new NewTopic(name, Optional.of(events.partitions()), Optional.empty()))
				.toList();
		}

		/** How many partitions this reader holds now (tests). */
		int assignedPartitions() {
			ConcurrentMessageListenerContainer<String, String> current = this.starter.container();
			Collection<TopicPartition> assigned = (current != null) ? current.getAssignedPartitions() : null;
			return (assigned != null) ? assigned.size() : 0;
		}

		@Override
		public void close() {
			this.starter.stop();
		}

	}

	private Counter counter(CreditEventGroup group, String reason) {
		return Counter.builder(SKIPPED)
			.description("Credit events a consumer group skipped: not readable, or its handler failed every attempt")
			.tag("group", group.groupId())
			.tag("reason", reason)
			.register(this.meters);
	}

	private static CreditEventEnvelope.Malformed malformed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CreditEventEnvelope.Malformed malformed) {
				return malformed;
			}
		}
		return null;
	}

}
