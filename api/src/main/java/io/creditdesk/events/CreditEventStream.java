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
 * reads only while somebody on this instance {@link #listen() listens}, and when the last
 * listener leaves it stops fetching, so an instance without live subscribers costs the
 * brokers nothing. It is no consumer group member: each instance assigns itself every
 * partition, commits nothing, and leaves no group behind in the cluster.
 * <p>
 * The contract, by offset: when the first listener arrives (the listeners go from none to
 * some), the stream looks up the end offset of every partition AFTER that arrival is
 * recorded, and {@link #listen()} returns to that listener (and to any other arriving
 * before the look-up is done) only once the look-up is done. From then until the last
 * listener leaves, every event at or after those offsets is delivered, once, whatever its
 * timestamp; so every event appended after {@code listen()} returned is delivered (a
 * listener that then reads current figures from the store misses nothing: an event
 * appended earlier was written to the store, in the change's outbox, earlier still).
 * Besides, a partition starts earlier if it holds an event stamped at or after the
 * arrival before its end: what was appended during the {@code listen()} call (a
 * subscriber whose client is waiting for the subscription to be set up), as far as its
 * timestamp tells. A later listener, arriving while the stream reads, gets everything
 * appended after its {@code listen()} returned. A reconnect to Kafka resumes where the
 * stream stopped reading, so nothing is read twice; a partition that appears only after
 * the look-up (the topic created or grown meanwhile) starts as a new arrival's would. If
 * the stream cannot look up the ends within {@link #POSITION_WAIT} (Kafka unreachable),
 * {@code listen()} returns anyway, logged, and the stream positions itself once Kafka
 * answers.
 */
@Component
class CreditEventStream implements SmartLifecycle, LiveCreditEvents {

	private static final Logger log = LoggerFactory.getLogger(CreditEventStream.class);

	private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(30);

	private static final Duration IDLE_CHECK = Duration.ofMillis(100);

	/** How long {@link #listen()} waits at most for the stream to position itself. */
	static final Duration POSITION_WAIT = Duration.ofSeconds(5);

	private final CreditEventsProperties properties;

	private final Map<String, Object> consumerConfig;

	private final JsonMapper json;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean reading;

	/**
	 * How many listeners are open; also the monitor of {@link #arrival} and
	 * {@link #positionedFor}.
	 */
	private final AtomicInteger listeners = new AtomicInteger();

	/** Counts the times the listeners went from none to some. */
	private long arrival;

	/** The {@link #arrival} the stream has positioned itself for (ends looked up). */
	private long positionedFor;

	/**
	 * When the listeners last went from none to some (wall-clock, as Kafka record
	 * timestamps are); guarded as {@link #arrival}.
	 */
	private Instant listeningSince = Instant.EPOCH;

	/**
	 * Stream thread only: where to go on reading each partition for {@link #resumeFor}
	 * (the next offset), kept across reconnects to Kafka.
	 */
	private final Map<TopicPartition, Long> resume = new HashMap<>();

	private long resumeFor;

	/** Test seam: runs before the stream looks up the ends (null: nothing). */
	private volatile Runnable beforePositioning;

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
		synchronized (this.listeners) {
			this.listeners.notifyAll();
		}
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

	/**
	 * Starts listening; returns once the stream has looked up where to start (see the
	 * class description), at most {@link #POSITION_WAIT} later.
	 */
	@Override
	public Listening listen() {
		synchronized (this.listeners) {
			if (this.listeners.getAndIncrement() == 0) {
				this.arrival++;
				this.listeningSince = Instant.now();
				this.listeners.notifyAll();
			}
			awaitPositioned(this.arrival);
		}
		AtomicBoolean open = new AtomicBoolean(true);
		return () -> {
			if (open.compareAndSet(true, false)) {
				this.listeners.decrementAndGet();
			}
		};
	}

	/** Holding the monitor of {@link #listeners}. */
	private void awaitPositioned(long wanted) {
		long deadline = System.nanoTime() + POSITION_WAIT.toNanos();
		while (this.running && this.positionedFor < wanted) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				log.warn("The credit event stream has not positioned itself within {}; listening anyway",
						POSITION_WAIT);
				return;
			}
			try {
				this.listeners.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Runs {@code action} on the stream's thread when it is about to look up the ends for
	 * a new arrival (tests: hold the look-up back); null: nothing.
	 */
	void beforePositioning(Runnable action) {
		this.beforePositioning = action;
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
		// The arrival this consumer is positioned for (0: none).
		long positioned = 0;
		while (this.running) {
			long arrival;
			Instant since;
			synchronized (this.listeners) {
				if (this.listeners.get() == 0) {
					// Nobody listens: fetch nothing; the next listener starts from
					// the ends as they are after it came.
					this.reading = false;
					try {
						this.listeners.wait(IDLE_CHECK.toMillis());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						this.running = false;
					}
					continue;
				}
				arrival = this.arrival;
				since = this.listeningSince;
			}
			this.reading = true;
			Instant now = this.clock.instant();
			if (positioned != arrival) {
				assigned = partitions(consumer);
				consumer.assign(assigned);
				positionAt(consumer, assigned, arrival, since);
				positioned = arrival;
				synchronized (this.listeners) {
					this.positionedFor = Math.max(this.positionedFor, arrival);
					this.listeners.notifyAll();
				}
				nextRefresh = now.plus(assigned.isEmpty() ? Duration.ofMillis(500) : REFRESH_PARTITIONS);
			}
			else if (now.isAfter(nextRefresh)) {
				Set<TopicPartition> all = partitions(consumer);
				if (!all.equals(assigned)) {
					Set<TopicPartition> added = new HashSet<>(all);
					added.removeAll(assigned);
					consumer.assign(all);
					positionAt(consumer, added, arrival, since);
					assigned = all;
				}
				nextRefresh = now.plus(assigned.isEmpty() ? Duration.ofMillis(500) : REFRESH_PARTITIONS);
			}
			if (assigned.isEmpty()) {
				// No topic yet: look again shortly.
				sleep(IDLE_CHECK.toMillis());
				continue;
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				dispatch(record);
				this.resume.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
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
	 * Seeks {@code partitions} for {@code arrival} (listening began {@code since}). For a
	 * new arrival, every partition starts where {@link #starts} says, looked up now
	 * (after the arrival was recorded, before {@code listen()} returns). For the arrival
	 * the stream already read for (a reconnect, or a partition that appeared since), each
	 * goes on where the stream stopped reading it; one it never read starts where
	 * {@link #starts} says.
	 */
	private void positionAt(KafkaConsumer<String, String> consumer, Set<TopicPartition> partitions, long arrival,
			Instant since) {
		if (this.resumeFor != arrival) {
			Runnable seam = this.beforePositioning;
			if (seam != null) {
				seam.run();
			}
			Map<TopicPartition, Long> starts = starts(consumer, partitions, since);
			// (Only once the look-up succeeded: a reconnect after a failed one looks
			// up again.)
			this.resume.clear();
			this.resume.putAll(starts);
			this.resumeFor = arrival;
		}
		Set<TopicPartition> unknown = new HashSet<>(partitions);
		unknown.removeAll(this.resume.keySet());
		this.resume.putAll(starts(consumer, unknown, since));
		for (TopicPartition partition : partitions) {
			consumer.seek(partition, this.resume.get(partition));
		}
	}

	/**
	 * Where each of {@code partitions} starts: at the earlier of its end, as it is now
	 * (everything appended later is read, whatever its timestamp), and its first event
	 * stamped at or after {@code since} (besides, what was appended between the arrival
	 * and now, if stamped after the arrival). The end is looked up first, so an event
	 * appended between the two look-ups is past that end and read.
	 */
	private static Map<TopicPartition, Long> starts(KafkaConsumer<String, String> consumer,
			Set<TopicPartition> partitions, Instant since) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
		Map<TopicPartition, Long> timestamps = new HashMap<>();
		partitions.forEach(partition -> timestamps.put(partition, since.toEpochMilli()));
		Map<TopicPartition, OffsetAndTimestamp> stamped = consumer.offsetsForTimes(timestamps, Duration.ofSeconds(10));
		Map<TopicPartition, Long> starts = new HashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp first = stamped.get(partition);
			long end = ends.get(partition);
			starts.put(partition, (first != null) ? Math.min(first.offset(), end) : end);
		}
		return starts;
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
