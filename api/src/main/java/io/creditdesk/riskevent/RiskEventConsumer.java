package io.creditdesk.riskevent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.infrastructure.DurabilityBarrier;
import io.creditdesk.infrastructure.KafkaConsumerStarter;
import io.creditdesk.infrastructure.KafkaReadiness;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The consumer of the external risk events topic. Each event is read
 * ({@link ExternalRiskEvents}), carried out ({@link RiskEventProcessor}) and acknowledged
 * by hand only once its effect is durable (a {@link DurabilityBarrier} after the writes).
 * An event that cannot be taken (not JSON, invalid, an unknown customer) goes at once to
 * the {@link RiskEventDeadLetters}; a transient failure (the store or the bureau
 * unavailable) is retried with back-off up to {@code max-attempts} deliveries, then
 * dead-lettered too: never an endless retry. Starts once Kafka is ready and the topic and
 * its dead-letter topic exist.
 */
class RiskEventConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RiskEventConsumer.class);

	static final String CONTAINER = "creditdesk-risk-events";

	private static final KafkaConsumerStarter.Backoff START_BACKOFF = new KafkaConsumerStarter.Backoff(
			Duration.ofMillis(500), Duration.ofSeconds(10));

	private final RiskEventProperties properties;

	private final RiskEventProcessor processor;

	private final RiskEventDeadLetters deadLetters;

	private final ConsumerFactory<?, ?> bootConsumers;

	private final KafkaReadiness kafka;

	private final DurabilityBarrier durable;

	private volatile KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, byte[]>> consumers;

	private volatile boolean running;

	RiskEventConsumer(RiskEventProperties properties, RiskEventProcessor processor, RiskEventDeadLetters deadLetters,
			ConsumerFactory<?, ?> bootConsumers, KafkaReadiness kafka, MongoTemplate mongo) {
		this.properties = properties;
		this.processor = processor;
		this.deadLetters = deadLetters;
		this.bootConsumers = bootConsumers;
		this.kafka = kafka;
		this.durable = new DurabilityBarrier(mongo, "risk-events");
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (!this.properties.enabled()) {
			log.info("External risk events are not consumed (creditdesk.risk-events.enabled=false)");
			return;
		}
		this.running = true;
		KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, byte[]>> starter = new KafkaConsumerStarter<>(
				"risk-events-starter", this.kafka,
				List.of(new NewTopic(this.properties.topic(), this.properties.partitions(), (short) 1),
						new NewTopic(this.properties.deadLetterTopic(), this.properties.partitions(), (short) 1)),
				this.properties.groupId(), START_BACKOFF,
				ex -> log.debug("External risk events cannot be consumed yet: {}", ex.toString()),
				this::startConsuming);
		this.consumers = starter;
		starter.start();
	}

	private ConcurrentMessageListenerContainer<String, byte[]> startConsuming() {
		Map<String, Object> config = new HashMap<>(this.bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.groupId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, CONTAINER);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// The bytes as sent: nothing in an event can fail deserialization, and the dead
		// letter keeps exactly what arrived.
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		ContainerProperties container = new ContainerProperties(this.properties.topic());
		container.setGroupId(this.properties.groupId());
		container.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
		container.setMessageListener((AcknowledgingMessageListener<String, byte[]>) this::handle);
		ConcurrentMessageListenerContainer<String, byte[]> listeners = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(config), container);
		listeners.setCommonErrorHandler(errorHandler());
		listeners.setBeanName(CONTAINER);
		listeners.start();
		log.info("External risk events consumed from {} as group {}", this.properties.topic(),
				this.properties.groupId());
		return listeners;
	}

	/**
	 * Refusals are dead-lettered at once; anything else is retried with back-off, then
	 * dead-lettered; the offset of a dead-lettered event is committed.
	 */
	DefaultErrorHandler errorHandler() {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
				this.properties.maxAttempts() - 1);
		backOff.setInitialInterval(this.properties.initialBackoff().toMillis());
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(this.properties.initialBackoff().toMillis() * 16);
		DefaultErrorHandler handler = new DefaultErrorHandler(this.deadLetters, backOff);
		handler.addNotRetryableExceptions(CreditDeskException.class);
		handler.setCommitRecovered(true);
		return handler;
	}

	private void handle(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
		String json = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "";
		ExternalRiskEvents.Read read = ExternalRiskEvents.read(json);
		if (!read.ok()) {
			throw new CreditDeskException(read.problems());
		}
		this.processor.process(read.event(), AppliedRiskEvent.Via.KAFKA);
		this.durable.await();
		acknowledgment.acknowledge();
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
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether the listener consumes now. */
	boolean consuming() {
		KafkaConsumerStarter<?> starter = this.consumers;
		return starter != null && starter.consuming();
	}

	@Override
	public int getPhase() {
		// After the web server and the rest of the context, like the order intake.
		return Integer.MAX_VALUE - 100;
	}

}
