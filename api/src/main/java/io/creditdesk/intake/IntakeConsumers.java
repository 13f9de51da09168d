package io.creditdesk.intake;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
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
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.stereotype.Component;

/**
 * The intake consumer: one listener container on all raw topics, started only when
 * {@code creditdesk.intake.enabled} is true and an {@link OrderGateway} bean exists. Each partition
 * is processed in order by one thread (producers key by customer, so a customer's orders stay in
 * order); offsets are committed after a record is placed or dead-lettered. Refusals
 * ({@link CreditDeskException}) go straight to the dead-letter topic; any other failure is retried
 * with exponential backoff up to {@code max-attempts} deliveries, then dead-lettered.
 */
@Component
class IntakeConsumers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IntakeConsumers.class);

	private final IntakeProperties properties;

	private final ObjectProvider<OrderGateway> gateway;

	private final IntakeProcessor processor;

	private final IntakeFailureStore failures;

	private final Clock clock;

	private final ConsumerFactory<?, ?> bootConsumers;

	private final ProducerFactory<?, ?> bootProducers;

	private final ObjectProvider<MeterRegistry> meters;

	private volatile ConcurrentMessageListenerContainer<String, String> container;

	private volatile DefaultKafkaProducerFactory<String, String> producers;

	private volatile String state = "not started";

	IntakeConsumers(IntakeProperties properties, ObjectProvider<OrderGateway> gateway, IntakeProcessor processor,
			IntakeFailureStore failures, Clock clock, ConsumerFactory<?, ?> bootConsumers,
			ProducerFactory<?, ?> bootProducers, ObjectProvider<MeterRegistry> meters) {
		this.properties = properties;
		this.gateway = gateway;
		this.processor = processor;
		this.failures = failures;
		this.clock = clock;
		this.bootConsumers = bootConsumers;
		this.bootProducers = bootProducers;
		this.meters = meters;
	}

	@Override
	public synchronized void start() {
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
		Map<String, Object> consumerConfig = new HashMap<>(this.bootConsumers.getConfigurationProperties());
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, this.properties.groupId());
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "creditdesk-intake");
		// Spread the partitions of all raw topics evenly over the consumer threads (the range assignor
		// splits each topic on its own, which leaves some threads twice the partitions of others), and
		// move only what must move when threads or instances come and go. The range assignor stays listed
		// so that a group still running an older version agrees on a protocol during a rolling upgrade.
		consumerConfig.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				List.of(CooperativeStickyAssignor.class.getName(), RangeAssignor.class.getName()));
		DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(consumerConfig);
		MeterRegistry registry = this.meters.getIfAvailable();
		if (registry != null) {
			consumers.addListener(new MicrometerConsumerListener<>(registry));
		}

		Map<String, Object> producerConfig = new HashMap<>(this.bootProducers.getConfigurationProperties());
		producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "creditdesk-intake-dlt");
		producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.producers = new DefaultKafkaProducerFactory<>(producerConfig);
		IntakeDeadLetters deadLetters = new IntakeDeadLetters(this.properties, this.processor, this.failures, this.clock,
				new KafkaTemplate<>(this.producers));

		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(this.properties.maxAttempts() - 1);
		backOff.setInitialInterval(this.properties.initialBackoff().toMillis());
		backOff.setMultiplier(this.properties.backoffMultiplier());
		backOff.setMaxInterval(this.properties.maxBackoff().toMillis());
		DefaultErrorHandler errorHandler = new DefaultErrorHandler(deadLetters, backOff);
		errorHandler.addNotRetryableExceptions(CreditDeskException.class);
		errorHandler.setCommitRecovered(true);

		ContainerProperties container = new ContainerProperties(this.properties.topics().values().toArray(String[]::new));
		container.setGroupId(this.properties.groupId());
		// Offsets are committed once per poll, after every record of it was placed or dead-lettered (and
		// before the error handler re-seeks a failed record): not one synchronous commit per order. A
		// crash before the commit redelivers placed orders, which the idempotent gateway answers again.
		container.setAckMode(ContainerProperties.AckMode.BATCH);
		container.setMessageListener((MessageListener<String, String>) record -> handle(orders, record));
		ConcurrentMessageListenerContainer<String, String> listeners = new ConcurrentMessageListenerContainer<>(consumers,
				container);
		listeners.setConcurrency(this.properties.concurrency());
		listeners.setCommonErrorHandler(errorHandler);
		listeners.setBeanName("creditdesk-intake");
		listeners.start();
		this.container = listeners;
		this.state = "running";
		log.info("Order intake consumes {} as group {}", this.properties.topics().values(), this.properties.groupId());
	}

	private void handle(OrderGateway orders, ConsumerRecord<String, String> record) {
		IntakeChannel channel = this.properties.channelOf(record.topic());
		if (channel == null) {
			throw new CreditDeskException("UNKNOWN_CHANNEL", null, "No channel reads topic " + record.topic() + ".");
		}
		GatewayDecision decision = this.processor.place(channel, (record.value() != null) ? record.value() : "", orders);
		log.debug("Intake {}-{}@{}: order {} {}", record.topic(), record.partition(), record.offset(), decision.orderId(),
				decision.status());
	}

	@Override
	public synchronized void stop() {
		ConcurrentMessageListenerContainer<String, String> listeners = this.container;
		if (listeners != null) {
			listeners.stop();
			this.container = null;
			this.state = "stopped";
		}
		DefaultKafkaProducerFactory<String, String> factory = this.producers;
		if (factory != null) {
			factory.destroy();
			this.producers = null;
		}
	}

	@Override
	public boolean isRunning() {
		ConcurrentMessageListenerContainer<String, String> listeners = this.container;
		return listeners != null && listeners.isRunning();
	}

	/** Whether the intake is meant to run (enabled and a gateway exists). */
	boolean expected() {
		return this.properties.enabled() && this.gateway.getIfUnique() != null;
	}

	/** The partitions each consumer thread holds now, by client id (empty before the start). */
	Map<String, java.util.Collection<org.apache.kafka.common.TopicPartition>> assignments() {
		ConcurrentMessageListenerContainer<String, String> current = this.container;
		return (current != null) ? current.getAssignmentsByClientId() : Map.of();
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
