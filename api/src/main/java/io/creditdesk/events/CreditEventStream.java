package io.creditdesk.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the credit events back from Kafka on every instance and republishes each as a
 * {@link CreditEventReceived} application event, so that live features (the
 * {@code availableCreditChanged} subscription) follow changes made on any instance. It
 * reads only while somebody on this instance {@link #listen() listens}: when the first
 * listener arrives it positions every partition at the first event appended since that
 * moment (see {@code positionAt}), and when the last one leaves it stops fetching, so an
 * instance without live subscribers costs the brokers nothing. It is no consumer group
 * member: each instance assigns itself every partition, commits nothing, and leaves no
 * group behind in the cluster.
 */
@Component
class CreditEventStream implements SmartLifecycle, LiveCreditEvents {

	private static final Logger log = LoggerFactory.getLogger(CreditEventStream.class);

	private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(30);

	private static final Duration IDLE_CHECK = Duration.ofMillis(100);

	private final CreditEventsProperties properties;

	private final Map<String, Object> consumerConfig;

	private final JsonMapper json;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean reading;

	/** How many listeners are open. */
	private final AtomicInteger listeners = new AtomicInteger();

	/**
	 * When the listeners went from none to some (wall-clock, as Kafka record timestamps
	 * are).
	 */
	private volatile Instant listeningSince = Instant.EPOCH;

	/** Test seam: runs while the stream positions itself (null: nothing). */
	private volatile Runnable whilePositioning;

	CreditEventStream(CreditEventsProperties properties, ConsumerFactory<?, ?> bootConsumers, JsonMapper json,
			ApplicationEventPublisher publisher, Clock clock) {
		this.properties = properties;
		this.json = json;
		this.publisher = publisher;
		this.clock = clock;
		Map<String, Object> config = new HashMap<>(bootConsumers.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "creditdesk-event-stream");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		this.consumerConfig = config;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.streamEnabled() || this.running) {
			return;
		}
		this.running = true;
		Thread stream = new Thread(this::loop, "credit-event-stream");
		stream.setDaemon(true);
		this.thread = stream;
		stream.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			try {
				current.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public Listening listen() {
		synchronized (this.listeners) {
			if (this.listeners.getAndIncrement() == 0) {
				this.listeningSince = Instant.now();
			}
		}
		AtomicBoolean open = new AtomicBoolean(true);
		return () -> {
			if (open.compareAndSet(true, false)) {
				this.listeners.decrementAndGet();
			}
		};
	}

	/**
	 * Runs {@code action} on the stream's thread while it positions the partitions,
	 * between its look-ups of where to start (tests: an event appended then arrived after
	 * listening began, and must be read); null: nothing.
	 */
	void whilePositioning(Runnable action) {
		this.whilePositioning = action;
	}

	/** How many listeners are open (tests). */
	int listeners() {
		return this.listeners.get();
	}

	/**
	 * Whether the stream is reading Kafka now (tests): from shortly after the first
	 * listener came to shortly after the last one left.
	 */
	boolean reading() {
		return this.reading;
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
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(this.consumerConfig)) {
				consume(consumer);
			}
			catch (RuntimeException ex) {
				log.warn("Credit event stream interrupted, reconnecting: {}", ex.getMessage());
				sleep(2_000);
			}
		}
	}

	private void consume(KafkaConsumer<String, String> consumer) {
		Set<TopicPartition> assigned = new HashSet<>();
		Instant nextRefresh = Instant.EPOCH;
		Instant since = null;
		while (this.running) {
			if (this.listeners.get() == 0) {
				// Nobody listens: fetch nothing; the next listener starts from its own
				// moment.
				since = null;
				this.reading = false;
				sleep(IDLE_CHECK.toMillis());
				continue;
			}
			this.reading = true;
			Instant now = this.clock.instant();
			Instant listening = this.listeningSince;
			if (since == null || !since.equals(listening)) {
				// (Re)starting: every partition, from the first event written since
				// listening began.
				since = listening;
				assigned = partitions(consumer);
				consumer.assign(assigned);
				positionAt(consumer, assigned, since);
				nextRefresh = now.plus(REFRESH_PARTITIONS);
			}
			else if (now.isAfter(nextRefresh)) {
				Set<TopicPartition> all = partitions(consumer);
				if (!all.equals(assigned)) {
					Set<TopicPartition> added = new HashSet<>(all);
					added.removeAll(assigned);
					consumer.assign(all);
					positionAt(consumer, added, since);
					assigned = all;
				}
				nextRefresh = now.plus(REFRESH_PARTITIONS);
			}
			if (assigned.isEmpty()) {
				// No topic yet: look again shortly.
				since = null;
				sleep(500);
				continue;
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				dispatch(record);
			}
		}
	}

	private Set<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
		Set<TopicPartition> all = new HashSet<>();
		for (String topic : this.properties.allTopics()) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
			if (infos != null) {
				infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
			}
		}
		return all;
	}

	/**
	 * {@code partitions} start at the first event appended after listening began
	 * ({@code since}): each at the earlier of its end as it is when the stream gets here
	 * (the stream starts reading shortly after the first listener came; everything
	 * appended from then on is read, whatever its timestamp) and its first event stamped
	 * at or after {@code since} (what was appended in between). The end is looked up
	 * first, so an event appended between the two look-ups is past that end and read;
	 * with the end looked up last, it would be skipped. An event stamped before
	 * {@code since} but appended after the end was looked up (its send held up, its
	 * sender's clock behind) is read too; one stamped before and appended before is not.
	 */
	private void positionAt(KafkaConsumer<String, String> consumer, Set<TopicPartition> partitions, Instant since) {
		if (partitions.isEmpty()) {
			return;
		}
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
		Runnable seam = this.whilePositioning;
		if (seam != null) {
			seam.run();
		}
		Map<TopicPartition, Long> timestamps = new HashMap<>();
		partitions.forEach(partition -> timestamps.put(partition, since.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(timestamps, Duration.ofSeconds(10));
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp stamped = offsets.get(partition);
			long end = ends.get(partition);
			consumer.seek(partition, (stamped != null) ? Math.min(stamped.offset(), end) : end);
		}
	}

	private void dispatch(ConsumerRecord<String, String> record) {
		try {
			CreditEvent event = CreditEventEnvelope.read(this.json, record.value());
			if (event != null) {
				// The live features have always read a missing customer as "null".
				this.publisher.publishEvent(new CreditEventReceived(event.type(), String.valueOf(event.customerId()),
						event.eventId(), event.data()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Skipped credit event {}-{}@{} on the live stream: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
		}
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
