package io.creditdesk.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.infrastructure.KafkaReadiness;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The intake consumer: one listener container on all raw topics, started only when
 * {@code creditdesk.intake.enabled} is true and an {@link OrderGateway} bean exists, and only once
 * Kafka is {@link KafkaReadiness ready} and the raw and dead-letter topics exist with a leader for
 * every partition (so that it starts quietly after a restart). Each partition is processed in order
 * by one thread (producers key by customer, so a customer's orders stay in order); offsets are
 * committed after a record is placed or dead-lettered. Only failures the
 * {@link TransientFailurePolicy} knows as transient are retried with exponential backoff, up to
 * {@code max-attempts} deliveries; every other failure is dead-lettered at once. Which record each
 * partition holds, and since when, is tracked in {@link PartitionProgress} for the health.
 */
@Component
class IntakeConsumers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IntakeConsumers.class);

	/** For a permanent failure: no further delivery, straight to the dead letters. */
	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration MAX_START_BACKOFF = Duration.ofSeconds(10);

	private final IntakeProperties properties;

	private final ObjectProvider<OrderGateway> gateway;

	private final IntakeProcessor processor;

	private final IntakeFailureStore failures;

	private final Clock clock;

	private final ConsumerFactory<?, ?> bootConsumers;

	private final ProducerFactory<?, ?> bootProducers;

	private final ObjectProvider<MeterRegistry> meters;

	private final KafkaReadiness kafka;

	private final TransientFailurePolicy policy = TransientFailurePolicy.standard();

	private final PartitionProgress progress;

	private volatile ConcurrentMessageListenerContainer<String, byte[]> container;

	private volatile DefaultKafkaProducerFactory<String, byte[]> producers;

	private volatile Thread starter;

	private volatile boolean running;

	private volatile String state = "not started";

	IntakeConsumers(IntakeProperties properties, ObjectProvider<OrderGateway> gateway, IntakeProcessor processor,
			IntakeFailureStore failures, Clock clock, ConsumerFactory<?, ?> bootConsumers,
			ProducerFactory<?, ?> bootProducers, ObjectProvider<MeterRegistry> meters, KafkaReadiness kafka) {
		this.properties = properties;
		this.gateway = gateway;
		this.processor = processor;
		this.failures = failures;
		this.clock = clock;
		this.bootConsumers = bootConsumers;
		this.bootProducers = bootProducers;
		this.meters = meters;
		this.kafka = kafka;
		this.progress = new PartitionProgress(clock);
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
		Thread thread = new Thread(() -> startWhenKafkaIsReady(orders), "intake-starter");
		thread.setDaemon(true);
		this.starter = thread;
		thread.start();
	}

	/** Waits for Kafka and the topics, then starts consuming; gives up only when stopped. */
	private void startWhenKafkaIsReady(OrderGateway orders) {
		long backoff = 500;
		// A failure right after Kafka became ready is usually gone on the next attempt: warn only when it lasts.
		Instant lastWarned = this.clock.instant();
		while (this.running) {
			if (!this.kafka.awaitReady(Duration.ofSeconds(1))) {
				String reason = this.kafka.notReadyReason();
				this.state = "waiting for Kafka" + ((reason != null) ? ": " + reason : "");
				continue;
			}
			try {
				this.kafka.ensureTopics(topics(), TOPICS_TIMEOUT);
				this.kafka.awaitGroupCoordinator(this.properties.groupId(), TOPICS_TIMEOUT);
				startConsuming(orders);
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running || Thread.currentThread().isInterrupted()) {
					return;
				}
				this.state = "waiting for the intake topics: " + ex.getMessage();
				Instant now = this.clock.instant();
				// Kafka is ready, so this is worth a warning, but not one per attempt.
				if (now.isAfter(lastWarned.plus(Duration.ofMinutes(1)))) {
					lastWarned = now;
					log.warn("Order intake cannot start yet: {}", ex.getMessage());
				}
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException stopping) {
					return;
				}
				backoff = Math.min(backoff * 2, MAX_START_BACKOFF.toMillis());
			}
		}
	}

	/** The raw and dead-letter topics, created by the intake when missing (replication factor 1). */
	private List<NewTopic> topics() {
		List<NewTopic> topics = new ArrayList<>();
		for (IntakeChannel channel : IntakeChannel.values()) {
			topics.add(new NewTopic(this.properties.topic(channel), this.properties.partitions(), (short) 1));
			topics.add(new NewTopic(this.properties.deadLetterTopic(channel), this.properties.partitions(), (short) 1));
		}
		return topics;
	}

	private synchronized void startConsuming(OrderGateway orders) {
		if (!this.running) {
			return;
		}
		Map<String, Object> consumerConfig = new HashMap<>(this.bootConsumers.getConfigurationProperties());
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.groupId());
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// The value as the bytes that were sent: nothing in a payload can fail deserialization, and the
		// dead letter and the worklist keep exactly what arrived.
		consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "creditdesk-intake");
		// Spread the partitions of all raw topics evenly over the consumer threads (the range assignor
		// splits each topic on its own, which leaves some threads twice the partitions of others), and
		// move only what must move when threads or instances come and go. The range assignor stays listed
		// so that a group still running an older version agrees on a protocol during a rolling upgrade.
		consumerConfig.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				List.of(CooperativeStickyAssignor.class.getName(), RangeAssignor.class.getName()));
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(consumerConfig);
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			consumers.addListener(new MicrometerConsumerListener<>(registry));
		}

		Map<String, Object> producerConfig = new HashMap<>(this.bootProducers.getConfigurationProperties());
		producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "creditdesk-intake-dlt");
		producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.producers = new DefaultKafkaProducerFactory<>(producerConfig);
		IntakeDeadLetters deadLetters = new IntakeDeadLetters(this.properties, this.processor, this.failures, this.clock,
				new KafkaTemplate<>(this.producers), this.progress, this.policy, registry);

		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(this.properties.maxAttempts() - 1);
		backOff.setInitialInterval(this.properties.initialBackoff().toMillis());
		backOff.setMultiplier(this.properties.backoffMultiplier());
		backOff.setMaxInterval(this.properties.maxBackoff().toMillis());
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(deadLetters, backOff);
		// The policy decides alone: the configured back-off for a transient failure, none for any other.
		errorHandler.setBackOffFunction((record, ex) -> this.policy.isTransient(ex) ? null : NO_RETRIES);
		errorHandler.setCommitRecovered(true);

		ContainerProperties container = new ContainerProperties(this.properties.topics().values().toArray(String[]::new));
		container.setGroupId(this.properties.groupId());
		// Offsets are committed once per poll, after every record of it was placed or dead-lettered (and
		// before the error handler re-seeks a failed record): not one synchronous commit per order. A
		// crash before the commit redelivers placed orders, which the idempotent gateway answers again.
		container.setAckMode(ContainerProperties.AckMode.BATCH);
		container.setMessageListener((MessageListener<String, byte[]>) record -> handle(orders, record));
		container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				IntakeConsumers.this.progress.released(partitions);
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				IntakeConsumers.this.progress.released(partitions);
			}

		});
		ConcurrentMessageListenerContainer<String, byte[]> listeners = new ConcurrentMessageListenerContainer<>(consumers,
				container);
		listeners.setConcurrency(this.properties.concurrency());
		listeners.setCommonErrorHandler(errorHandler);
		listeners.setBeanName("creditdesk-intake");
		listeners.start();
		this.container = listeners;
		this.state = "running";
		log.info("Order intake consumes {} as group {}", this.properties.topics().values(), this.properties.groupId());
	}

	private void handle(OrderGateway orders, ConsumerRecord<String, byte[]> record) {
		this.progress.delivered(record.topic(), record.partition(), record.offset());
		IntakeChannel channel = this.properties.channelOf(record.topic());
		if (channel == null) {
			throw new CreditDeskException(IntakeErrorCode.UNKNOWN_CHANNEL, null, "No channel reads topic " + record.topic() + ".");
		}
		String payload = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "";
		GatewayDecision decision;
		try {
			decision = this.processor.place(channel, payload, orders);
		}
		catch (StackOverflowError nested) {
			// An Error would stop the consumer; a payload nested too deeply to read is a poison record like any other.
			throw new IllegalArgumentException("The payload is nested too deeply to be read", nested);
		}
		this.progress.passed(record.topic(), record.partition(), record.offset());
		log.debug("Intake {}-{}@{}: order {} {}", record.topic(), record.partition(), record.offset(), decision.orderId(),
				decision.status());
	}

	@Override
	public void stop() {
		Thread waiting;
		synchronized (this) {
			this.running = false;
			waiting = this.starter;
			this.starter = null;
		}
		if (waiting != null) {
			waiting.interrupt();
			try {
				waiting.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			ConcurrentMessageListenerContainer<String, byte[]> listeners = this.container;
			if (listeners != null) {
				listeners.stop();
				this.container = null;
			}
			DefaultKafkaProducerFactory<String, byte[]> factory = this.producers;
			if (factory != null) {
				factory.destroy();
				this.producers = null;
			}
			this.progress.releaseAll();
			if (this.properties.enabled() && this.gateway.getIfUnique() != null) {
				this.state = "stopped";
			}
		}
	}

	/** Whether the intake is started (it may still be waiting for Kafka before it consumes). */
	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether the consumers run now. */
	boolean consuming() {
		ConcurrentMessageListenerContainer<String, byte[]> listeners = this.container;
		return listeners != null && listeners.isRunning();
	}

	/** Whether the intake is meant to run (enabled and a gateway exists). */
	boolean expected() {
		return this.properties.enabled() && this.gateway.getIfUnique() != null;
	}

	/** The partitions each consumer thread holds now, by client id (empty before the start). */
	Map<String, Collection<TopicPartition>> assignments() {
		ConcurrentMessageListenerContainer<String, byte[]> current = this.container;
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
		// After the web server and the rest of the context: consume only once everything is up.
		return Integer.MAX_VALUE - 100;
	}

}
