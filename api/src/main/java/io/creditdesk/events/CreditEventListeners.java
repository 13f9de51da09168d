package io.creditdesk.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.KafkaConsumerStarter;
import io.creditdesk.infrastructure.KafkaReadiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
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
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the credit events for every {@link CreditEventGroup} bean: one spring-kafka
 * listener container per group, started once Kafka is ready and the topics exist (with a
 * leader for every partition) and the group's coordinator answers, so it starts quietly
 * after a restart. A record whose {@code eventType} header names a type the group does
 * not want ({@link CreditEventGroup#wants()}) is passed over unparsed; every other record
 * is parsed once ({@link CreditEventEnvelope}); offsets are committed after every record
 * of a poll was handled, parked or skipped. Its {@link DefaultErrorHandler} skips a
 * malformed record at once and calls a failing handler {@value #ATTEMPTS} times, with a
 * back-off from {@link #BACKOFF} doubling up to {@link #MAX_BACKOFF} (7.5 s in all), then
 * parks the event ({@link ParkedCreditEvents}) and goes on with the partition; should the
 * store not take it either, the record is delivered again after the back-off, never
 * dropped. Parked events are re-driven to their group's handler every
 * {@code creditdesk.events.consumer.redrive-interval} (30 s), by one instance per group
 * under a {@link JobLock} lease, or when an operator asks
 * ({@link #redriveParked(String, boolean)}). Stopping stops every container after the
 * records in hand are handled; so does a hold ({@link #heldDuring}), until its work is
 * done.
 */
@Component
class CreditEventListeners implements SmartLifecycle, CreditEventConsumers {

	private static final Logger log = LoggerFactory.getLogger(CreditEventListeners.class);

	/** Deliveries of an event to a handler that keeps failing, the first one included. */
	static final int ATTEMPTS = 5;

	/** The pause after the first failed delivery; it doubles after each further one. */
	static final Duration BACKOFF = Duration.ofMillis(500);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(4);

	/**
	 * The lease of one group's re-drive of parked events (its name ends in the group).
	 */
	static final String REDRIVE_LEASE = "credit-events-redrive:";

	private static final Duration REDRIVE_LEASE_TIME = Duration.ofMinutes(5);

	static final String SKIPPED = "creditdesk.events.consumer.skipped";

	/**
	 * {@link #redriveParked(String, boolean)}: the group's re-drive runs elsewhere now.
	 */
	static final int REDRIVE_ELSEWHERE = -1;

	/** {@link #redriveParked(String, boolean)}: no such group is read here. */
	static final int NOT_READ_HERE = -2;

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

	/** Every reader started and not closed (the groups' and any other). */
	private final Set<Reader> live = ConcurrentHashMap.newKeySet();

	private final ParkedCreditEvents parked;

	private final JobLock lock;

	private volatile boolean running;

	/** Whether a {@link #heldDuring hold} keeps the groups stopped. */
	private boolean held;

	CreditEventListeners(List<CreditEventGroup> groups, CreditEventsProperties events, KafkaReadiness kafka,
			JsonMapper json, ConsumerFactory<?, ?> bootConsumers, ObjectProvider<MeterRegistry> meters,
			ParkedCreditEvents parked, JobLock lock) {
		this.groups = List.copyOf(groups);
		this.parked = parked;
		this.lock = lock;
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
		if (!this.held) {
			open();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		close();
	}

	@Override
	public <T> T heldDuring(Supplier<T> work) {
		boolean holding;
		synchronized (this) {
			holding = !this.held;
			if (holding) {
				this.held = true;
				close();
			}
		}
		if (!holding) {
			// Within another hold: that one starts them again.
			return work.get();
		}
		try {
			return work.get();
		}
		finally {
			synchronized (this) {
				this.held = false;
				// Not when the service began stopping meanwhile.
				if (this.running) {
					open();
				}
			}
		}
	}

	private void open() {
		for (CreditEventGroup group : this.groups) {
			if (group.enabled()) {
				this.readers.add(read(group));
			}
		}
	}

	private void close() {
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

	/**
	 * Hands the parked events that are due to their group's handler again, for every
	 * group read on this instance; per group one instance at a time (a lease).
	 */
	@Scheduled(fixedDelayString = "${creditdesk.events.consumer.redrive-interval:30s}",
			initialDelayString = "${creditdesk.events.consumer.redrive-interval:30s}")
	void redriveParked() {
		for (Reader reader : this.live) {
			this.lock.runAlone(REDRIVE_LEASE + reader.group.groupId(), REDRIVE_LEASE_TIME,
					() -> this.parked.redrive(reader.group, false));
		}
	}

	/**
	 * An operator's re-drive: hands every parked event of the group read on this instance
	 * to its handler now, due or not.
	 * @return how many were handled, {@link #REDRIVE_ELSEWHERE} when its re-drive runs
	 * elsewhere right now, {@link #NOT_READ_HERE} when the group is not read here
	 */
	int redriveParked(String groupId, boolean all) {
		for (Reader reader : this.live) {
			if (reader.group.groupId().equals(groupId)) {
				int[] handled = { REDRIVE_ELSEWHERE };
				this.lock.runExclusively(REDRIVE_LEASE + groupId, REDRIVE_LEASE_TIME,
						() -> handled[0] = this.parked.redrive(reader.group, all));
				return handled[0];
			}
		}
		return NOT_READ_HERE;
	}

	/** One group's container, and the thread that starts it when Kafka is ready. */
	final class Reader implements AutoCloseable {

		private final CreditEventGroup group;

		private final Counter malformed;

		private final KafkaConsumerStarter<ConcurrentMessageListenerContainer<String, String>> starter;

		Reader(CreditEventGroup group) {
			this.group = group;
			this.malformed = counter(group, "malformed");
			this.starter = new KafkaConsumerStarter<>(group.name() + "-starter", CreditEventListeners.this.kafka,
					topics(), group.groupId(), START_BACKOFF,
					ex -> log.debug("{} waits for the credit events topic: {}", group.name(), ex.getMessage()),
					this::startConsuming);
		}

		private void start() {
			CreditEventListeners.this.live.add(this);
			this.starter.start();
		}

		private ConcurrentMessageListenerContainer<String, String> startConsuming() {
			CreditEventsProperties events = CreditEventListeners.this.events;
			Map<String, Object> config = new HashMap<>(CreditEventListeners.this.consumerConfig);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, this.group.groupId());
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, this.group.name());
			ContainerProperties properties = new ContainerProperties(events.allTopics().toArray(String[]::new));
			properties.setGroupId(this.group.groupId());
			// One commit per poll, after each of its records was handled, parked or
			// skipped.
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
			CreditEventType announced = announcedType(record);
			if (announced != null && !this.group.wants().test(announced)) {
				return;
			}
			CreditEvent event = CreditEventEnvelope.read(CreditEventListeners.this.json, record.value());
			if (event != null) {
				this.group.handler().accept(event);
			}
		}

		/** The type the relay's {@code eventType} header names, or null. */
		private static CreditEventType announcedType(ConsumerRecord<String, String> record) {
			Header header = record.headers().lastHeader(OutboxRelay.EVENT_TYPE_HEADER);
			return (header != null && header.value() != null)
					? CreditEventType.ofSchemaName(new String(header.value(), StandardCharsets.UTF_8)) : null;
		}

		/**
		 * A malformed record is not retried, only skipped (its offset committed); a
		 * failed handler is called {@code ATTEMPTS} times with a growing back-off, then
		 * the event is parked and its offset committed.
		 */
		private DefaultErrorHandler errorHandler() {
			ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(ATTEMPTS - 1);
			backOff.setInitialInterval(BACKOFF.toMillis());
			backOff.setMultiplier(2);
			backOff.setMaxInterval(MAX_BACKOFF.toMillis());
			DefaultErrorHandler errors = new DefaultErrorHandler(this::recover, backOff);
			errors.addNotRetryableExceptions(CreditEventEnvelope.Malformed.class);
			errors.setCommitRecovered(true);
			return errors;
		}

		/**
		 * Skips a malformed record; parks an event whose handler failed on every attempt.
		 * Throws when the event cannot be parked: it is delivered again.
		 */
		private void recover(ConsumerRecord<?, ?> record, Exception ex) {
			CreditEventEnvelope.Malformed malformed = malformed(ex);
			if (malformed != null) {
				this.malformed.increment();
				log.warn("{} skipped credit event {}-{}@{}: not readable: {}", this.group.name(), record.topic(),
						record.partition(), record.offset(), malformed.getMessage());
				return;
			}
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			CreditEventListeners.this.parked.park(this.group, record, cause, ATTEMPTS);
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
			CreditEventListeners.this.live.remove(this);
			this.starter.stop();
		}

	}

	private Counter counter(CreditEventGroup group, String reason) {
		return Counter.builder(SKIPPED)
			.description("Credit events a consumer group skipped: not readable")
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
