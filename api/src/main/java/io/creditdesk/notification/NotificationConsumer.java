package io.creditdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.CreditEventsProperties;
import io.creditdesk.infrastructure.KafkaReadiness;
import io.creditdesk.notification.CreditEventNotices.CreditEvent;
import io.creditdesk.notification.CreditEventNotices.CustomerView;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the credit events with the notifications' own consumer group
 * ({@code creditdesk.notifications.group-id}): across instances each event is handled
 * once, and after a restart the group goes on where it committed. Each event becomes the
 * notices of {@link CreditEventNotices} and the webhook deliveries of its type; both are
 * keyed by the event id, so an event read again (a crash before the commit, a relay that
 * re-sent it) notifies and delivers nothing twice. An event that cannot be read is
 * skipped with a warning; one that fails for a passing reason (the store away) is tried
 * again a few times, then skipped with an error, never retried forever.
 */
@Component
class NotificationConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationConsumer.class);

	private static final int ATTEMPTS = 3;

	private final NotificationProperties properties;

	private final CreditEventsProperties events;

	private final Map<String, Object> consumerConfig;

	private final JsonMapper json;

	private final Notifier notifier;

	private final WebhookFanOut webhooks;

	private final CustomerService customers;

	private final RequestLookup requests;

	private final KafkaReadiness kafka;

	private final Clock clock;

	private volatile boolean running;

	private volatile Thread thread;

	private volatile KafkaConsumer<String, String> consumer;

	NotificationConsumer(NotificationProperties properties, CreditEventsProperties events,
			ConsumerFactory<?, ?> bootConsumers, JsonMapper json, Notifier notifier, WebhookFanOut webhooks,
			CustomerService customers, RequestLookup requests, KafkaReadiness kafka, Clock clock) {
		this.properties = properties;
		this.events = events;
		this.json = json;
		this.notifier = notifier;
		this.webhooks = webhooks;
		this.customers = customers;
		this.requests = requests;
		this.kafka = kafka;
		this.clock = clock;
		Map<String, Object> config = new HashMap<>(bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A new group starts at the beginning of the topic; events older than
		// max-event-age notify nobody.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "creditdesk-notifications");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
		this.consumerConfig = config;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.enabled() || this.running) {
			return;
		}
		this.running = true;
		Thread loop = new Thread(this::loop, "notification-consumer");
		loop.setDaemon(true);
		this.thread = loop;
		loop.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		KafkaConsumer<String, String> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread loop = this.thread;
		if (loop != null) {
			try {
				loop.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

	private void loop() {
		while (this.running) {
			if (!this.kafka.awaitReady(Duration.ofSeconds(1))) {
				continue;
			}
			try {
				// Subscribing before the topics exist makes the client warn until the
				// relay creates them: wait for them (and the group's coordinator), as
				// the other consumers of the credit events do.
				this.kafka.ensureTopics(this.events.allTopics()
					.stream()
					.map((name) -> new NewTopic(name, Optional.of(this.events.partitions()), Optional.empty()))
					.toList(), Duration.ofSeconds(30));
				this.kafka.awaitGroupCoordinator(this.properties.groupId(), Duration.ofSeconds(30));
			}
			catch (RuntimeException ex) {
				log.debug("Notifications wait for the credit events topic: {}", ex.getMessage());
				continue;
			}
			try (KafkaConsumer<String, String> kafkaConsumer = new KafkaConsumer<>(this.consumerConfig)) {
				this.consumer = kafkaConsumer;
				kafkaConsumer.subscribe(List.copyOf(this.events.allTopics()));
				while (this.running) {
					ConsumerRecords<String, String> records = kafkaConsumer.poll(Duration.ofMillis(500));
					for (ConsumerRecord<String, String> record : records) {
						handle(record);
					}
					if (!records.isEmpty()) {
						kafkaConsumer.commitSync();
					}
				}
			}
			catch (WakeupException ex) {
				// stopping
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Notification consumer interrupted, reconnecting: {}", ex.toString());
					sleep(2_000);
				}
			}
			finally {
				this.consumer = null;
			}
		}
	}

	private void handle(ConsumerRecord<String, String> record) {
		CreditEvent event;
		try {
			event = parse(record.value());
		}
		catch (RuntimeException ex) {
			log.warn("Skipped credit event {}-{}@{}: not readable: {}", record.topic(), record.partition(),
					record.offset(), ex.toString());
			return;
		}
		if (event == null) {
			return;
		}
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				handle(event, record.value());
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == ATTEMPTS) {
					log.error("Credit event {} ({}) notified nobody after {} attempts: {}", event.eventId(),
							event.type().schemaName(), ATTEMPTS, ex.toString());
					return;
				}
				sleep(500L * attempt);
			}
		}
	}

	/** Notifies and queues the webhook deliveries of one event. */
	void handle(CreditEvent event, String envelope) {
		if (event.occurredAt() != null
				&& event.occurredAt().isBefore(this.clock.instant().minus(this.properties.maxEventAge()))) {
			return;
		}
		this.webhooks.enqueue(event, envelope);
		if (!CreditEventNotices.concerns(event.type())) {
			return;
		}
		CustomerView customer = this.customers.findForNotification(event.customerId())
			.map(NotificationConsumer::view)
			.orElse(null);
		CreditEventNotices.of(event, customer, this.requests::find).ifPresent(this.notifier::notify);
	}

	private static CustomerView view(Customer customer) {
		return new CustomerView(customer.name(), customer.creditAnalyst(), customer.salesOwner());
	}

	@SuppressWarnings("unchecked")
	private CreditEvent parse(String value) {
		Map<String, Object> envelope = this.json.readValue(value, Map.class);
		CreditEventType type = CreditEventType.ofSchemaName(String.valueOf(envelope.get("type")));
		if (type == null) {
			return null;
		}
		Object data = envelope.get("data");
		Object occurredAt = envelope.get("occurredAt");
		return new CreditEvent(String.valueOf(envelope.get("eventId")), type,
				(envelope.get("customerId") != null) ? String.valueOf(envelope.get("customerId")) : null,
				(occurredAt != null) ? Instant.parse(String.valueOf(occurredAt)) : null,
				(data instanceof Map) ? (Map<String, Object>) data : Map.of());
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
