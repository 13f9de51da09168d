package io.creditdesk.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.infrastructure.KafkaConsumerStarter;
import io.creditdesk.infrastructure.KafkaReadiness;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;

/**
 * The intake consumer: one listener container on all raw topics (created from the
 * intake's container factory, {@link IntakeListenerConfiguration}), started only when
 * {@code creditdesk.intake.enabled} is true and an {@link OrderGateway} bean exists, and
 * only once Kafka is {@link KafkaReadiness ready} and the raw and dead-letter topics
 * exist with a leader for every partition (so that it starts quietly after a restart).
 * Each partition is processed in order by one thread (producers key by customer, so a
 * customer's orders stay in order); offsets are committed after a record is placed or
 * dead-lettered. Only failures the {@link TransientFailurePolicy} knows as transient are
 * retried with exponential backoff, up to {@code max-attempts} deliveries; every other
 * failure is dead-lettered at once. Which record each partition holds, and since when, is
 * tracked in {@link PartitionProgress} for the health.
 */
@Component
class IntakeConsumers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IntakeConsumers.class);

	private static final KafkaConsumerStarter.Backoff START_BACKOFF = new KafkaConsumerStarter.Backoff(
			Duration.ofMillis(500), Duration.ofSeconds(10));

	private final IntakeProperties properties;

	private final ObjectProvider<OrderGateway> gateway;

	private final IntakeProcessor processor;

	private final ConcurrentKafkaListenerContainerFactory<String, byte[]> listeners;

	private final PartitionProgress progress;

	private final KafkaReadiness kafka;

	private final Clock clock;

	private volatile KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, byte[]>> consumers;

	/** When the intake last warned that it cannot start yet. */
	private volatile Instant lastWarned;

	private volatile boolean running;

	private volatile String state = "not started";

	/**
	 * @param listeners the intake's listener container factory
	 * ({@link IntakeListenerConfiguration}: consumer settings, concurrency, error
	 * handler)
	 * @param progress the record each partition's consumer holds, shared with the error
	 * handler's dead letters
	 */
	IntakeConsumers(IntakeProperties properties, ObjectProvider<OrderGateway> gateway, IntakeProcessor processor,
			ConcurrentKafkaListenerContainerFactory<String, byte[]> listeners, PartitionProgress progress,
			KafkaReadiness kafka, Clock clock) {
		this.properties = properties;
		this.gateway = gateway;
		this.processor = processor;
		this.listeners = listeners;
		this.progress = progress;
		this.kafka = kafka;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (!this.properties.enabled()) {
			this.state = "disabled (creditdesk.intake.enabled=false)";
			log.info("Order intake is disabled (creditdesk.intake.enabled=false)");
			return;
		}
		OrderGateway orders = this.gateway.getIfUnique();
		if (orders == null) {
			this.state = "no OrderGateway bean: nothing to place orders with";
			log.warn("Order intake is enabled but there is no (unique) OrderGateway bean: the consumers do not start");
			return;
		}
		this.running = true;
		this.state = "waiting for Kafka";
		// A failure right after Kafka became ready is usually gone on the next attempt:
		// warn only when it lasts.
		this.lastWarned = this.clock.instant();
		KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, byte[]>> starter = new KafkaConsumerStarter<>(
				"intake-starter", this.kafka, topics(), this.properties.groupId(), START_BACKOFF, waiting(),
				() -> startConsuming(orders));
		this.consumers = starter;
		starter.start();
	}

	/**
	 * Tells the health why the intake waits; warns once a minute while Kafka is ready.
	 */
	private KafkaConsumerStarter.Waiting waiting() {
		return new KafkaConsumerStarter.Waiting() {

			@Override
			public void kafkaNotReady(String reason) {
				IntakeConsumers.this.state = "waiting for Kafka" + ((reason != null) ? ": " + reason : "");
			}

			@Override
			public void cannotStartYet(RuntimeException ex) {
				IntakeConsumers.this.state = "waiting for the intake topics: " + ex.getMessage();
				Instant now = IntakeConsumers.this.clock.instant();
				// Kafka is ready, so this is worth a warning, but not one per attempt.
				if (now.isAfter(IntakeConsumers.this.lastWarned.plus(Duration.ofMinutes(1)))) {
					IntakeConsumers.this.lastWarned = now;
					log.warn("Order intake cannot start yet: {}", ex.getMessage());
				}
			}

		};
	}

	/**
	 * The raw and dead-letter topics, created by the intake when missing (replication
	 * factor 1).
	 */
	private List<NewTopic> topics() {
		List<NewTopic> topics = new ArrayList<>();
		for (IntakeChannel channel : IntakeChannel.values()) {
			topics.add(new NewTopic(this.properties.topic(channel), this.properties.partitions(), (short) 1));
			topics.add(new NewTopic(this.properties.deadLetterTopic(channel), this.properties.partitions(), (short) 1));
		}
		return topics;
	}

	private ConcurrentMessageListenerContainer<String, byte[]> startConsuming(OrderGateway orders) {
		ConcurrentMessageListenerContainer<String, byte[]> listeners = this.listeners
			.createContainer(this.properties.topics().values().toArray(String[]::new));
		listeners.setupMessageListener((MessageListener<String, byte[]>) record -> handle(orders, record));
		listeners.setBeanName(IntakeListenerConfiguration.CONTAINER);
		listeners.start();
		this.state = "running";
		log.info("Order intake consumes {} as group {}", this.properties.topics().values(), this.properties.groupId());
		return listeners;
	}

	private void handle(OrderGateway orders, ConsumerRecord<String, byte[]> record) {
		this.progress.delivered(record.topic(), record.partition(), record.offset());
		IntakeChannel channel = this.properties.channelOf(record.topic());
		if (channel == null) {
			throw CreditDeskException.refuse(IntakeErrorCode.UNKNOWN_CHANNEL.variant("topic"), null, record.topic());
		}
		String payload = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "";
		GatewayDecision decision;
		try {
			decision = this.processor.place(channel, payload, orders);
		}
		catch (StackOverflowError nested) {
			// An Error would stop the consumer; a payload nested too deeply to read is a
			// poison record like any other.
			throw new IllegalArgumentException("The payload is nested too deeply to be read", nested);
		}
		this.progress.passed(record.topic(), record.partition(), record.offset());
		log.debug("Intake {}-{}@{}: order {} {}", record.topic(), record.partition(), record.offset(),
				decision.orderId(), decision.status());
	}

	@Override
	public void stop() {
		KafkaConsumerStarter<?> starter;
		synchronized (this) {
			this.running = false;
			starter = this.consumers;
		}
		if (starter != null) {
			starter.stop();
		}
		synchronized (this) {
			this.progress.releaseAll();
			if (this.properties.enabled() && this.gateway.getIfUnique() != null) {
				this.state = "stopped";
			}
		}
	}

	/**
	 * Whether the intake is started (it may still be waiting for Kafka before it
	 * consumes).
	 */
	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether the consumers run now. */
	boolean consuming() {
		KafkaConsumerStarter<?> starter = this.consumers;
		return starter != null && starter.consuming();
	}

	/** Whether the intake is meant to run (enabled and a gateway exists). */
	boolean expected() {
		return this.properties.enabled() && this.gateway.getIfUnique() != null;
	}

	/**
	 * The partitions each consumer thread holds now, by client id (empty before the
	 * start).
	 */
	Map<String, Collection<TopicPartition>> assignments() {
		KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, byte[]>> starter = this.consumers;
		ConcurrentMessageListenerContainer<String, byte[]> current = (starter != null) ? starter.container() : null;
		return (current != null) ? current.getAssignmentsByClientId() : Map.of();
	}

	/** The record each partition's consumer holds now, and since when. */
	PartitionProgress progress() {
		return this.progress;
	}

	String state() {
		return this.state;
	}

	@Override
	public int getPhase() {
		// After the web server and the rest of the context: consume only once everything
		// is up.
		return Integer.MAX_VALUE - 100;
	}

}
