package io.creditdesk.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.infrastructure.MongoIndexes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Credit events a consumer group's handler failed on every attempt, parked in
 * {@value #COLLECTION} instead of being dropped: one document per group and event
 * ({@code <groupId>:<eventId>}, so a redelivery parks it once), with the record as
 * published, where it came from (topic, partition, offset), the handler's group, the
 * error and the attempts. {@link #redrive} hands the due ones to the handler again:
 * handled, the document is removed; failed again, it waits longer (1 minute, doubling up
 * to {@link #MAX_WAIT}). Counted in {@value #PARKED} and {@value #REDRIVEN}. An operator
 * {@link #discard discards} an event that can never be handled: it is marked discarded
 * with its audit record in one write (from then on it is neither listed, counted nor
 * re-driven), and removed once the record is in the trail.
 */
@Component
class ParkedCreditEvents {

	private static final Logger log = LoggerFactory.getLogger(ParkedCreditEvents.class);

	static final String COLLECTION = "credit_events_parked";

	static final String PARKED = "creditdesk.events.consumer.parked";

	static final String REDRIVEN = "creditdesk.events.consumer.redriven";

	/** The wait before the second re-drive; each failed one doubles it. */
	static final Duration FIRST_WAIT = Duration.ofMinutes(1);

	static final Duration MAX_WAIT = Duration.ofHours(1);

	/** When an operator discarded it (absent while it waits). */
	static final String DISCARDED_AT = "discardedAt";

	/** Parked events one re-drive of a group hands on at most. */
	static final int BATCH = 100;

	/** The most of an error's message kept (it may echo the payload). */
	private static final int MAX_MESSAGE = 300;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final Clock clock;

	private final MeterRegistry meters;

	private final AuditLog audit;

	ParkedCreditEvents(MongoTemplate mongo, JsonMapper json, Clock clock, ObjectProvider<MongoIndexes> indexes,
			ObjectProvider<MeterRegistry> meters, AuditLog audit) {
		this.mongo = mongo;
		this.json = json;
		this.clock = clock;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.audit = audit;
		audit.register(ParkedCreditEvent.class);
		indexes.ifAvailable(declared -> declared.declare(ParkedCreditEvent.class,
				new Index().on("groupId", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).named("due")));
	}

	/**
	 * Parks an event whose handler failed on each of its {@code attempts}.
	 * @throws RuntimeException when the store cannot take it (the record is then
	 * delivered again, never dropped)
	 */
	void park(CreditEventGroup group, ConsumerRecord<?, ?> record, Throwable error, int attempts) {
		String payload = (record.value() != null) ? record.value().toString() : "";
		CreditEvent event = CreditEventEnvelope.read(this.json, payload);
		String eventId = (event != null) ? event.eventId()
				: record.topic() + "-" + record.partition() + "@" + record.offset();
		Date now = Date.from(this.clock.instant());
		Update update = new Update().setOnInsert("groupId", group.groupId())
			.setOnInsert("handler", group.name())
			.setOnInsert("eventId", eventId)
			.setOnInsert("type", (event != null) ? event.type().schemaName() : null)
			.setOnInsert("customerId", (event != null) ? event.customerId() : null)
			.setOnInsert("topic", record.topic())
			.setOnInsert("partition", record.partition())
			.setOnInsert("offset", record.offset())
			.setOnInsert("payload", payload)
			.setOnInsert("parkedAt", now)
			.setOnInsert("redrives", 0)
			// Due at once: the next re-drive tries it (the failure may have been brief).
			.setOnInsert("nextAttemptAt", now)
			.set("attempts", attempts)
			.set("error", message(error))
			.set("exceptionClass", root(error).getClass().getName())
			.set("lastFailedAt", now);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(id(group.groupId(), eventId))), update, COLLECTION);
		Counter.builder(PARKED)
			.description("Credit events a consumer group's handler failed on every attempt, parked to be re-driven")
			.tag("group", group.groupId())
			.register(this.meters)
			.increment();
		log.error("{} parked credit event {} ({}-{}@{}) after {} attempts; it is re-driven later: {}", group.name(),
				eventId, record.topic(), record.partition(), record.offset(), attempts, message(error));
	}

	/**
	 * Hands the group's parked events due by now ({@code all}: every one, as an operator
	 * asks) to its handler again, oldest first, at most {@value #BATCH}.
	 * @return how many were handled (and are no longer parked)
	 */
	int redrive(CreditEventGroup group, boolean all) {
		Instant now = this.clock.instant();
		// Discards that stopped before their documents were removed, once their audit
		// records are in the trail.
		this.mongo.remove(Query.query(Criteria.where("groupId")
			.is(group.groupId())
			.and(DISCARDED_AT)
			.exists(true)
			.and(AuditOutbox.ENTRIES)
			.exists(false)), COLLECTION);
		Criteria due = Criteria.where("groupId").is(group.groupId()).and(DISCARDED_AT).exists(false);
		if (!all) {
			due = due.and("nextAttemptAt").lte(Date.from(now));
		}
		List<Document> parked = this.mongo.find(Query.query(due).with(Sort.by("nextAttemptAt", "_id")).limit(BATCH),
				Document.class, COLLECTION);
		int handled = 0;
		for (Document document : parked) {
			Object id = document.get("_id");
			try {
				CreditEvent event = CreditEventEnvelope.read(this.json, document.getString("payload"));
				if (event != null) {
					group.handler().accept(event);
				}
			}
			catch (RuntimeException ex) {
				int redrives = document.getInteger("redrives", 0) + 1;
				Duration wait = wait(redrives);
				this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
						new Update().set("redrives", redrives)
							.set("error", message(ex))
							.set("exceptionClass", root(ex).getClass().getName())
							.set("lastFailedAt", Date.from(now))
							.set("nextAttemptAt", Date.from(now.plus(wait))),
						COLLECTION);
				count(group, "failed");
				log.warn("{} failed again on parked credit event {} (re-drive {}); next try in {}: {}", group.name(),
						document.getString("eventId"), redrives, wait, message(ex));
				continue;
			}
			// Discarded meanwhile: its audit record is in the document until it is
			// settled.
			this.mongo.remove(Query.query(Criteria.where("_id").is(id).and(DISCARDED_AT).exists(false)), COLLECTION);
			count(group, "handled");
			handled++;
			log.info("{} handled parked credit event {} (parked since {})", group.name(), document.getString("eventId"),
					document.getDate("parkedAt").toInstant());
		}
		return handled;
	}

	/** Parked events by group id (the groups with none are absent). */
	Map<String, Long> counts() {
		Map<String, Long> counts = new TreeMap<>();
		for (String groupId : this.mongo.findDistinct(Query.query(waiting()), "groupId", COLLECTION, String.class)) {
			counts.put(groupId, this.mongo.count(Query.query(waiting().and("groupId").is(groupId)), COLLECTION));
		}
		return counts;
	}

	/** The parked events, of one group unless {@code groupId} is null, oldest first. */
	List<Document> list(String groupId, int limit) {
		Query query = Query.query((groupId != null) ? waiting().and("groupId").is(groupId) : waiting());
		query.fields().exclude("payload").exclude(AuditOutbox.ENTRIES);
		return this.mongo.find(query.with(Sort.by("parkedAt", "_id")).limit(limit), Document.class, COLLECTION);
	}

	/** The parked event of a group (tests, operators), or null. */
	Document find(String groupId, String eventId) {
		return this.mongo.findById(id(groupId, eventId), Document.class, COLLECTION);
	}

	/**
	 * Discards the parked event {@code id} ({@code <groupId>:<eventId>}) for good, as the
	 * current actor, for {@code reason}: marked discarded with its audit record in one
	 * write, then the record is moved to the trail and the document removed (a document
	 * whose record could not be moved yet stays, discarded, for the audit outbox mover;
	 * the group's next re-drive removes it after).
	 * @return the event as it was parked
	 * @throws CreditDeskException {@code PARKED_EVENT_NOT_FOUND} when no event waits
	 * under that id (never parked, handled or discarded already)
	 */
	Document discard(String id, String reason) {
		Document parked = this.mongo.findById(id, Document.class, COLLECTION);
		if (parked == null || parked.get(DISCARDED_AT) != null) {
			throw notFound(id);
		}
		Date now = Date.from(this.clock.instant());
		AuditRecord entry = this.audit.entry("PARKED_CREDIT_EVENT_DISCARDED", "PARKED_CREDIT_EVENT", id,
				parked.getString("customerId"), reason,
				new Changes().diff("status", "PARKED", "DISCARDED")
					.set("groupId", parked.getString("groupId"))
					.set("eventId", parked.getString("eventId"))
					.set("type", parked.getString("type"))
					.set("error", parked.getString("error")));
		Update update = AuditOutbox.push(
				new Update().set(DISCARDED_AT, now).set("discardedBy", entry.actor()).set("discardReason", reason),
				entry);
		// Only while it still waits: a re-drive that handled it meanwhile removed it.
		Document discarded = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and(DISCARDED_AT).exists(false)), update,
				FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
		if (discarded == null) {
			throw notFound(id);
		}
		this.audit.settle(ParkedCreditEvent.class, id, entry);
		this.mongo.remove(Query
			.query(Criteria.where("_id").is(id).and(DISCARDED_AT).exists(true).and(AuditOutbox.ENTRIES).exists(false)),
				COLLECTION);
		log.warn("{} discarded parked credit event {} of {} (parked since {}): {}", entry.actor(),
				discarded.getString("eventId"), discarded.getString("groupId"),
				discarded.getDate("parkedAt").toInstant(), reason);
		return discarded;
	}

	private static CreditDeskException notFound(String id) {
		return CreditDeskException.refuse(EventsErrorCode.PARKED_EVENT_NOT_FOUND, "id", UserError.quoted(id));
	}

	/** The parked events still waiting (not discarded). */
	private static Criteria waiting() {
		return Criteria.where(DISCARDED_AT).exists(false);
	}

	static Duration wait(int redrives) {
		Duration wait = FIRST_WAIT;
		for (int i = 1; i < redrives && wait.compareTo(MAX_WAIT) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
	}

	private void count(CreditEventGroup group, String outcome) {
		Counter.builder(REDRIVEN)
			.description("Parked credit events handed to their handler again, by outcome")
			.tag("group", group.groupId())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private static String id(String groupId, String eventId) {
		return groupId + ":" + eventId;
	}

	private static Throwable root(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String message(Throwable error) {
		Throwable root = root(error);
		String message = root.getClass().getSimpleName() + ": " + root.getMessage();
		return (message.length() <= MAX_MESSAGE) ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
	}

}
