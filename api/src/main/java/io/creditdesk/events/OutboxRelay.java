package io.creditdesk.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import io.creditdesk.infrastructure.DurabilityBarrier;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.KafkaReadiness;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Publishes the outboxes to Kafka: finds documents with unpublished events (oldest
 * first), sends their events in order, plus an {@code ExposureChanged} snapshot for a
 * customer whose exposure moved, waits for Kafka's acknowledgement ({@code acks=all},
 * idempotent producer), and only then removes what it published from the document. A
 * crash or a Kafka outage at any point leaves the events in the document, to be sent
 * again: delivery is at least once, and consumers drop duplicates by {@code eventId}.
 * Exposure snapshots coalesce: the latest position is published with its sequence, never
 * an older one after a newer.
 * <p>
 * Only durable changes are published: the relay reads with read concern {@code majority}
 * (on a replica set it sees only what no failover can roll back) and, before sending what
 * it read, passes a {@link DurabilityBarrier} (on the embedded server, whose reads also
 * see changes not yet on disk, it returns once everything read is). So no event goes out
 * for a change a crash undoes, and an {@code ExposureChanged} sequence is never published
 * twice with different content.
 * <p>
 * One instance drains at a time (a {@link JobLock} lease, renewed in rounds), so events
 * of one customer leave in the order they were written.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/**
	 * The record header naming the event's type (its schema name), so a reader can pass
	 * over a type it does not act on without parsing the record.
	 */
	static final String EVENT_TYPE_HEADER = "eventType";

	private static final String LEASE = "credit-events-relay";

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

	private final CreditEventsProperties properties;

	private final MongoTemplate mongo;

	private final Outbox outbox;

	private final ObjectProvider<ExposureSnapshots> snapshots;

	private final JobLock lock;

	private final DurabilityBarrier durable;

	private final ObjectProvider<SharedKafkaAdminClient> admin;

	private final Map<String, Object> producerConfig;

	private final Clock clock;

	private volatile KafkaProducer<String, String> producer;

	private volatile Thread thread;

	private volatile boolean running;

	private volatile boolean topicsReady;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	private volatile String lastError;

	/**
	 * Kafka's readiness, which the relay waits for before its first round; null: do not
	 * wait.
	 */
	private volatile KafkaReadiness kafka;

	@Autowired
	OutboxRelay(CreditEventsProperties properties, MongoTemplate mongo, Outbox outbox,
			ObjectProvider<ExposureSnapshots> snapshots, JobLock lock, ObjectProvider<SharedKafkaAdminClient> admin,
			ProducerFactory<?, ?> bootProducers, Clock clock, ObjectProvider<KafkaReadiness> kafka) {
		this(properties, mongo, outbox, snapshots, lock, admin, bootProducers.getConfigurationProperties(), clock);
		this.kafka = kafka.getIfAvailable();
	}

	OutboxRelay(CreditEventsProperties properties, MongoTemplate mongo, Outbox outbox,
			ObjectProvider<ExposureSnapshots> snapshots, JobLock lock, ObjectProvider<SharedKafkaAdminClient> admin,
			Map<String, Object> clientConfig, Clock clock) {
		this.properties = properties;
		this.mongo = mongo;
		this.outbox = outbox;
		this.snapshots = snapshots;
		this.lock = lock;
		this.durable = new DurabilityBarrier(mongo, LEASE);
		this.admin = admin;
		this.clock = clock;
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
		// Fail fast while Kafka is away: the events stay in the outbox and are sent again
		// later.
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "creditdesk-events");
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.producerConfig = config;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.relayEnabled() || this.running) {
			return;
		}
		this.running = true;
		Thread relay = new Thread(this::loop, "credit-events-relay");
		relay.setDaemon(true);
		this.thread = relay;
		relay.start();
		log.info("Credit events relay started: outboxes of {} to {}", this.outbox.collections(),
				this.properties.allTopics());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			try {
				// A round in progress finishes (within Kafka's delivery timeout) and
				// removes what it sent.
				current.join(15_000);
				if (current.isAlive()) {
					current.interrupt();
					current.join(2_000);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
		KafkaProducer<String, String> kafka = this.producer;
		if (kafka != null) {
			kafka.close(Duration.ofSeconds(2));
			this.producer = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops before the store and the broker; starts once the rest is up.
		return Integer.MAX_VALUE - 200;
	}

	/** The last failure to publish, or null once publishing works again. */
	public String lastError() {
		return this.lastError;
	}

	private void loop() {
		awaitKafka();
		long backoff = 0;
		while (this.running) {
			try {
				boolean held = this.lock.runExclusively(LEASE, this.properties.lease(), this::drainWhileHolding);
				backoff = 0;
				if (!held) {
					sleep(Duration.ofSeconds(1).toMillis());
				}
			}
			catch (RuntimeException ex) {
				backoff = Math.min(Math.max(backoff * 2, 200), MAX_BACKOFF.toMillis());
				failed(ex);
				sleep(backoff);
			}
		}
	}

	/**
	 * After a (re)start the embedded broker may still be recovering: a round before it is
	 * ready would only fail and log, and its clients warn about every refused connection
	 * and every topic without a leader. So the relay waits for Kafka and for its topics
	 * (created if missing) to have leaders; events wait in the outbox meanwhile, as they
	 * would during any outage. Should the topics not get there, the rounds start anyway
	 * and report what fails.
	 */
	private void awaitKafka() {
		KafkaReadiness readiness = this.kafka;
		while (this.running && readiness != null) {
			if (!readiness.awaitReady(Duration.ofSeconds(1))) {
				continue;
			}
			try {
				readiness.ensureTopics(newTopics(), Duration.ofSeconds(30));
				this.topicsReady = true;
			}
			catch (RuntimeException ex) {
				log.debug("Credit event topics not ready; the relay starts and reports what fails", ex);
			}
			return;
		}
	}

	/**
	 * Drains in rounds until half the lease has passed, then gives the lease back to be
	 * renewed.
	 */
	private void drainWhileHolding() {
		Instant until = this.clock.instant().plus(this.properties.lease().dividedBy(2));
		long backoff = 0;
		while (this.running && this.clock.instant().isBefore(until)) {
			try {
				int drained = drainOnce();
				backoff = 0;
				if (drained < this.properties.batchSize()) {
					// Caught up: wait for the next interval's events rather than
					// publishing them a few at a
					// time (each round costs two queries, a flush and the
					// acknowledgements, whatever its size).
					sleep(this.properties.pollInterval().toMillis());
				}
			}
			catch (RuntimeException ex) {
				backoff = Math.min(Math.max(backoff * 2, 200), MAX_BACKOFF.toMillis());
				failed(ex);
				sleep(backoff);
			}
		}
	}

	/**
	 * One round: publishes the oldest waiting events of every outbox collection, all of
	 * them in the order they happened (so a customer's events from its own document and
	 * from its orders' documents keep their order), each customer's exposure snapshot
	 * after its events.
	 * <p>
	 * When a collection has more waiting documents than a batch, the documents not read
	 * may hold events older than some events of the documents read (a document sorts by
	 * its oldest event only): the round then publishes only the events up to the cut, the
	 * oldest time of the last document read (no document not read holds an older event),
	 * and leaves the later ones, with their document's snapshot, for a later round. At
	 * least the last document's oldest event is at the cut, so every round makes
	 * progress.
	 * @return how many documents were drained
	 */
	public int drainOnce() {
		ensureTopics();
		ExposureSnapshots exposure = this.snapshots.getIfAvailable();
		Map<MongoCollection<Document>, List<Document>> read = new LinkedHashMap<>();
		Instant cut = Instant.MAX;
		for (String name : this.outbox.collections()) {
			MongoCollection<Document> collection = this.mongo.getCollection(name);
			List<Document> documents = collection.withReadConcern(ReadConcern.MAJORITY)
				.find(new Document(Outbox.SINCE, new Document("$exists", true)))
				.sort(new Document(Outbox.SINCE, 1))
				.limit(this.properties.batchSize())
				.into(new ArrayList<>());
			read.put(collection, documents);
			if (documents.size() >= this.properties.batchSize()
					&& documents.get(documents.size() - 1).get(Outbox.SINCE) instanceof Date last
					&& last.toInstant().isBefore(cut)) {
				cut = last.toInstant();
			}
		}
		List<Pending> pending = new ArrayList<>();
		List<Outgoing> outgoing = new ArrayList<>();
		for (Map.Entry<MongoCollection<Document>, List<Document>> entry : read.entrySet()) {
			for (Document document : entry.getValue()) {
				Pending p = pending(entry.getKey(), document, exposure, cut);
				if (p != null) {
					pending.add(p);
					outgoing.addAll(p.events());
				}
			}
		}
		if (pending.isEmpty()) {
			return 0;
		}
		// Publish only what no crash can undo: returns once every change read above is
		// durable.
		this.durable.await();
		// Stable sort: within a document its events are already in order; snapshots sort
		// last.
		outgoing.sort(Comparator.comparing(Outgoing::order));
		KafkaProducer<String, String> kafka = producer();
		for (Outgoing event : outgoing) {
			event.sent = send(kafka, event.type, event.customerId, event.eventId, event.json);
		}
		kafka.flush();
		Map<MongoCollection<Document>, List<Pending>> published = new LinkedHashMap<>();
		RuntimeException failure = null;
		for (Pending p : pending) {
			try {
				for (Outgoing event : p.events()) {
					event.sent.get(0, TimeUnit.MILLISECONDS);
				}
				published.computeIfAbsent(p.collection(), c -> new ArrayList<>()).add(p);
			}
			catch (Exception ex) {
				failure = (failure != null) ? failure
						: new IllegalStateException("Kafka did not take the credit events: " + rootMessage(ex), ex);
			}
		}
		int drained = 0;
		for (Map.Entry<MongoCollection<Document>, List<Pending>> entry : published.entrySet()) {
			acknowledge(entry.getKey(), entry.getValue());
			drained += entry.getValue().size();
		}
		if (failure != null) {
			throw failure;
		}
		if (drained > 0 && this.lastError != null) {
			log.info("Credit events are published again");
			this.lastError = null;
		}
		return drained;
	}

	/**
	 * A document read by the relay: the events it publishes now and the snapshot it
	 * needs, the ids of all events it held when read; with events after the round's cut,
	 * the time of the oldest one left for a later round ({@code heldSince}, else null).
	 */
	private record Pending(MongoCollection<Document> collection, Document document, List<String> eventIds,
			long snapshotSeq, List<Outgoing> events, List<String> readIds, Date heldSince) {
	}

	/** One record to send, and how it went. */
	private static final class Outgoing {

		final String type;

		final String customerId;

		final String eventId;

		final String json;

		final Instant order;

		Future<RecordMetadata> sent;

		Outgoing(String type, String customerId, String eventId, String json, Instant order) {
			this.type = type;
			this.customerId = customerId;
			this.eventId = eventId;
			this.json = json;
			this.order = order;
		}

		Instant order() {
			return this.order;
		}

	}

	private Pending pending(MongoCollection<Document> collection, Document document, ExposureSnapshots exposure,
			Instant cut) {
		List<Document> stored = document.getList(Outbox.EVENTS, Document.class, List.of());
		if (stored.isEmpty() && document.get(Outbox.SINCE) instanceof Date since && since.toInstant().isAfter(cut)) {
			// Only a snapshot, of an exposure that moved after the cut: a later round's.
			return null;
		}
		Date heldSince = null;
		for (Document event : stored) {
			Instant at = occurredAt(event);
			if (at.isAfter(cut) && (heldSince == null || at.isBefore(heldSince.toInstant()))) {
				heldSince = Date.from(at);
			}
		}
		long seq = number(document.get(Outbox.EXPOSURE_SEQ));
		Outbox.Event snapshot = null;
		// A snapshot follows its document's events: it waits while some of them do.
		if (heldSince == null && exposure != null && seq > number(document.get(Outbox.EXPOSURE_PUBLISHED_SEQ))) {
			try {
				Map<String, Object> data = exposure.snapshot(document);
				data.put("sequence", seq);
				snapshot = this.outbox.exposureSnapshot(String.valueOf(data.get("customerId")), seq, data);
			}
			catch (RuntimeException ex) {
				if (!this.running || Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				// Left in place (and logged) without holding up the other documents.
				failed(new IllegalStateException("No exposure snapshot for document " + document.get("_id")
						+ "; its events wait: " + rootMessage(ex), ex));
				return null;
			}
		}
		List<String> ids = new ArrayList<>();
		List<Outgoing> events = new ArrayList<>();
		for (Document event : stored) {
			Instant at = occurredAt(event);
			if (at.isAfter(cut)) {
				continue;
			}
			ids.add(event.getString("eventId"));
			events.add(new Outgoing(event.getString("type"), event.getString("customerId"), event.getString("eventId"),
					event.getString("json"), at));
		}
		long snapshotSeq = -1;
		if (snapshot != null) {
			events.add(new Outgoing(snapshot.type().schemaName(), snapshot.customerId(), snapshot.eventId(),
					snapshot.json(), Instant.MAX));
			snapshotSeq = seq;
		}
		if (events.isEmpty() && heldSince != null && heldSince.equals(document.get(Outbox.SINCE))) {
			// Everything waits for a later round and the document is dated by it already.
			return null;
		}
		return new Pending(collection, document, ids, snapshotSeq, events,
				stored.stream().map(e -> e.getString("eventId")).toList(), heldSince);
	}

	private static Instant occurredAt(Document event) {
		return (event.get("occurredAt") instanceof Date date) ? date.toInstant() : Instant.EPOCH;
	}

	private Future<RecordMetadata> send(KafkaProducer<String, String> kafka, String type, String customerId,
			String eventId, String json) {
		// No timestamp: the producer stamps the send time, not the occurredAt.
		// The live stream positions a new listener by it: an event that occurred
		// before the listener came but is sent after must not look older.
		ProducerRecord<String, String> record = new ProducerRecord<>(this.properties.topicOf(type), customerId, json);
		record.headers().add(new RecordHeader(EVENT_TYPE_HEADER, type.getBytes(UTF_8)));
		record.headers().add(new RecordHeader("eventId", eventId.getBytes(UTF_8)));
		record.headers().add(new RecordHeader("schemaVersion", String.valueOf(Outbox.SCHEMA_VERSION).getBytes(UTF_8)));
		record.headers().add(new RecordHeader("contentType", "application/json".getBytes(UTF_8)));
		return kafka.send(record);
	}

	/**
	 * Removes the published events: one bulk update unsets the outbox of every document
	 * in which nothing changed meanwhile (it holds exactly the events read, by id, and
	 * nothing after them; the exposure did not move again), or, for a document with
	 * events left for a later round, removes what was published and dates the outbox by
	 * the oldest event left (so it sorts, and bounds the next round's cut, by what it
	 * still holds); in the others a second bulk update removes only what was published.
	 * Neither touches an event that was not published, also when another relay (one whose
	 * lease ran out mid-round) removed them first and a new event took their place.
	 */
	private void acknowledge(MongoCollection<Document> collection, List<Pending> published) {
		if (published.isEmpty()) {
			return;
		}
		List<UpdateOneModel<Document>> done = new ArrayList<>();
		for (Pending p : published) {
			Document unchanged = new Document("_id", p.document().get("_id"));
			// The outbox holds exactly the events read, at the places they were read
			// (another relay may have removed them and a new event taken their place).
			for (int i = 0; i < p.readIds().size(); i++) {
				unchanged.append(Outbox.EVENTS + "." + i + ".eventId", p.readIds().get(i));
			}
			unchanged.append(Outbox.EVENTS + "." + p.readIds().size(), new Document("$exists", false))
				.append(Outbox.EXPOSURE_SEQ,
						new Document("$not", new Document("$gt", number(p.document().get(Outbox.EXPOSURE_SEQ)))));
			Document update;
			if (p.heldSince() == null) {
				update = new Document("$unset", new Document(Outbox.EVENTS, "").append(Outbox.SINCE, ""));
			}
			else {
				update = new Document("$set", new Document(Outbox.SINCE, p.heldSince()));
				if (!p.eventIds().isEmpty()) {
					update.append("$pull",
							new Document(Outbox.EVENTS, new Document("eventId", new Document("$in", p.eventIds()))));
				}
			}
			if (p.snapshotSeq() >= 0) {
				update.append("$max", new Document(Outbox.EXPOSURE_PUBLISHED_SEQ, p.snapshotSeq()));
			}
			done.add(new UpdateOneModel<>(unchanged, update));
		}
		if (collection.bulkWrite(done, UNORDERED).getMatchedCount() == done.size()) {
			return;
		}
		// Some documents changed meanwhile (or all of them were already done: then these
		// match nothing).
		List<UpdateOneModel<Document>> partial = new ArrayList<>();
		for (Pending p : published) {
			Document update = new Document();
			if (!p.eventIds().isEmpty()) {
				update.append("$pull",
						new Document(Outbox.EVENTS, new Document("eventId", new Document("$in", p.eventIds()))));
			}
			if (p.snapshotSeq() >= 0) {
				update.append("$max", new Document(Outbox.EXPOSURE_PUBLISHED_SEQ, p.snapshotSeq()));
			}
			if (!update.isEmpty()) {
				partial.add(new UpdateOneModel<>(new Document("_id", p.document().get("_id")).append(Outbox.SINCE,
						new Document("$exists", true)), update));
			}
		}
		if (!partial.isEmpty()) {
			collection.bulkWrite(partial, UNORDERED);
		}
	}

	private KafkaProducer<String, String> producer() {
		KafkaProducer<String, String> current = this.producer;
		if (current == null) {
			synchronized (this) {
				if (this.producer == null) {
					this.producer = new KafkaProducer<>(this.producerConfig);
				}
				current = this.producer;
			}
		}
		return current;
	}

	private void ensureTopics() {
		if (this.topicsReady) {
			return;
		}
		SharedKafkaAdminClient shared = this.admin.getIfAvailable();
		if (shared == null) {
			this.topicsReady = true;
			return;
		}
		shared.client().createTopics(newTopics()).values().forEach((name, future) -> {
			try {
				future.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("Could not create topic " + name + ": " + rootMessage(ex), ex);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not create topic " + name + ": " + rootMessage(ex), ex);
			}
		});
		this.topicsReady = true;
	}

	private List<NewTopic> newTopics() {
		return this.properties.allTopics()
			.stream()
			.map(name -> new NewTopic(name, Optional.of(this.properties.partitions()), Optional.empty()))
			.toList();
	}

	private void failed(RuntimeException ex) {
		this.lastError = rootMessage(ex);
		Instant now = this.clock.instant();
		if (this.running && now.isAfter(this.lastFailureLogged.plusSeconds(30))) {
			this.lastFailureLogged = now;
			log.warn("Credit events wait in the outbox and will be sent again: {}", this.lastError);
		}
		log.debug("Credit events relay round failed", ex);
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

	private static long number(Object value) {
		return (value instanceof Number n) ? n.longValue() : 0L;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
