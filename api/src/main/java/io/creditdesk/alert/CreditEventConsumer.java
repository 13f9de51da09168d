package io.creditdesk.alert;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.CreditEventsProperties;
import io.creditdesk.infrastructure.KafkaReadiness;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

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
 * Evaluates alerts from the ledger's own changes: consumes the credit events topic as the
 * consumer group {@code creditdesk.alerts.group-id} (every instance joins it, so each
 * event is evaluated once, by whichever instance holds its partition; a customer's events
 * stay in order, as they are keyed by customer). Evaluation is idempotent (it decides
 * from the current figures, and event alerts are raised once per event id), so a
 * redelivery after a crash changes nothing. A new group starts at the earliest event:
 * nothing published before the first start is missed. An event that cannot be evaluated
 * is retried three times and then skipped with a warning (the next event of the customer
 * and the daily sweep evaluate it again): never an endless retry.
 */
@Component
class CreditEventConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CreditEventConsumer.class);

	private final AlertsProperties properties;

	private final CreditEventsProperties events;

	private final AlertEvaluator evaluator;

	private final KafkaReadiness kafka;

	private final JsonMapper json;

	private final Map<String, Object> config;

	private volatile ConcurrentMessageListenerContainer<String, String> container;

	private volatile Thread starter;

	private volatile boolean running;

	CreditEventConsumer(AlertsProperties properties, CreditEventsProperties events, AlertEvaluator evaluator,
			KafkaReadiness kafka, JsonMapper json, ConsumerFactory<?, ?> bootConsumers) {
		this.properties = properties;
		this.events = events;
		this.evaluator = evaluator;
		this.kafka = kafka;
		this.json = json;
		Map<String, Object> config = new HashMap<>(bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "creditdesk-alerts");
		this.config = config;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.evaluate() || this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::startWhenKafkaIsReady, "alerts-starter");
		thread.setDaemon(true);
		this.starter = thread;
		thread.start();
	}

	private void startWhenKafkaIsReady() {
		while (this.running) {
			if (!this.kafka.awaitReady(Duration.ofSeconds(1))) {
				continue;
			}
			try {
				List<NewTopic> topics = this.events.allTopics()
					.stream()
					.map(name -> new NewTopic(name, Optional.of(this.events.partitions()), Optional.empty()))
					.toList();
				this.kafka.ensureTopics(topics, Duration.ofSeconds(30));
				this.kafka.awaitGroupCoordinator(this.properties.groupId(), Duration.ofSeconds(30));
				startConsuming();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				log.debug("Alert evaluation waits for the credit events topic: {}", ex.getMessage());
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException stopping) {
					return;
				}
			}
		}
	}

	private synchronized void startConsuming() {
		if (!this.running) {
			return;
		}
		ContainerProperties container = new ContainerProperties(this.events.allTopics().toArray(String[]::new));
		container.setGroupId(this.properties.groupId());
		container.setAckMode(ContainerProperties.AckMode.BATCH);
		container.setMessageListener((MessageListener<String, String>) this::handle);
		ConcurrentMessageListenerContainer<String, String> listeners = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(this.config), container);
		DefaultErrorHandler errors = new DefaultErrorHandler((record, ex) -> log.warn(
				"Alerts skipped credit event {}-{}@{} after retries (the next change or the sweep evaluates again): {}",
				record.topic(), record.partition(), record.offset(), ex.toString()), new FixedBackOff(500, 2));
		errors.setCommitRecovered(true);
		listeners.setCommonErrorHandler(errors);
		listeners.setBeanName("creditdesk-alerts");
		listeners.start();
		this.container = listeners;
		log.info("Alerts evaluate {} as group {}", this.events.allTopics(), this.properties.groupId());
	}

	@SuppressWarnings("unchecked")
	private void handle(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return;
		}
		Map<String, Object> envelope;
		try {
			envelope = this.json.readValue(record.value(), Map.class);
		}
		catch (RuntimeException ex) {
			log.warn("Alerts skipped an unreadable credit event {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
			return;
		}
		CreditEventType type = CreditEventType.ofSchemaName(String.valueOf(envelope.get("type")));
		if (type == null || type == CreditEventType.ALERT_RAISED || type == CreditEventType.ALERT_RESOLVED) {
			return;
		}
		Object data = envelope.get("data");
		Object customerId = envelope.get("customerId");
		this.evaluator.onCreditEvent(type, (customerId != null) ? customerId.toString() : null,
				String.valueOf(envelope.get("eventId")), (data instanceof Map) ? (Map<String, Object>) data : Map.of());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread thread = this.starter;
		if (thread != null) {
			thread.interrupt();
		}
		ConcurrentMessageListenerContainer<String, String> current = this.container;
		if (current != null) {
			current.stop();
			this.container = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 300;
	}

}
