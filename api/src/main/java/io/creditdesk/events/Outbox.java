package io.creditdesk.events;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;

import io.creditdesk.common.Money;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes credit events into the document that changes, in the same atomic update as the
 * change: {@link #push} adds them to an update, {@link #attach} to a document about to be
 * inserted. The events wait in the document's {@code outbox} array, and {@code outboxAt}
 * (indexed) says since when, until the {@link OutboxRelay} has published them. Exposure
 * changes only bump the document's {@code exposureSeq} ({@link #exposureMoved}); the
 * relay publishes a snapshot for it. Capabilities {@link #register} the collections whose
 * documents carry outboxes.
 */
@Component
public class Outbox {

	/** The array of events not yet published. */
	public static final String EVENTS = "outbox";

	/**
	 * When the oldest unpublished event or exposure change was written; absent when none.
	 */
	public static final String SINCE = "outboxAt";

	/**
	 * Counts the changes of a customer's exposure; the relay publishes it with each
	 * snapshot.
	 */
	public static final String EXPOSURE_SEQ = "exposureSeq";

	/** The highest {@link #EXPOSURE_SEQ} published. */
	public static final String EXPOSURE_PUBLISHED_SEQ = "exposurePublishedSeq";

	/**
	 * The version of the event envelope and payloads; raised on an incompatible change.
	 */
	public static final int SCHEMA_VERSION = 1;

	private final JsonMapper json;

	private final Clock clock;

	private final MongoIndexes indexes;

	private final Set<String> collections = new CopyOnWriteArraySet<>();

	Outbox(JsonMapper json, Clock clock, MongoIndexes indexes) {
		this.json = json;
		this.clock = clock;
		this.indexes = indexes;
	}

	/** Declares that documents of {@code entity} in {@code collection} carry outboxes. */
	public void register(Class<?> entity, String collection) {
		this.collections.add(collection);
		if (this.indexes != null) {
			this.indexes.declare(entity, new Index().on(SINCE, Sort.Direction.ASC).sparse().named("outbox"));
		}
	}

	Set<String> collections() {
		return this.collections;
	}

	/**
	 * A new event: its JSON envelope is fixed now, so what is published is exactly what
	 * was decided, whatever happens to the document later.
	 */
	public Event event(CreditEventType type, String customerId, Map<String, ?> data) {
		return event(type, customerId, data, this.clock.instant());
	}

	Event event(CreditEventType type, String customerId, Map<String, ?> data, Instant at) {
		return event(UUID.randomUUID().toString(), type, customerId, data, at);
	}

	/**
	 * The exposure snapshot of a customer at {@code sequence}: its event id is derived
	 * from the two, so a snapshot sent again (a crash between Kafka's confirmation and
	 * the acknowledgement) keeps its id and receivers that drop duplicates by id drop it.
	 */
	Event exposureSnapshot(String customerId, long sequence, Map<String, ?> data) {
		String id = UUID
			.nameUUIDFromBytes(("ExposureChanged:" + customerId + ":" + sequence)
				.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.toString();
		return event(id, CreditEventType.EXPOSURE_CHANGED, customerId, data, this.clock.instant());
	}

	private Event event(String id, CreditEventType type, String customerId, Map<String, ?> data, Instant at) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("eventId", id);
		envelope.put("type", type.schemaName());
		envelope.put("schemaVersion", SCHEMA_VERSION);
		envelope.put("occurredAt", at.toString());
		envelope.put("customerId", customerId);
		envelope.put("data", data);
		return new Event(id, type, customerId, at, this.json.writeValueAsString(envelope));
	}

	/**
	 * Adds {@code events} to {@code update}, to be written atomically with the rest of
	 * it.
	 */
	public static Update push(Update update, List<Event> events) {
		if (events.isEmpty()) {
			return update;
		}
		update.push(EVENTS).each(events.stream().map(Event::toDocument).toArray());
		return update.min(SINCE, Date.from(events.get(0).occurredAt()));
	}

	public static Update push(Update update, Event event) {
		return push(update, List.of(event));
	}

	/** Adds {@code events} to a document about to be inserted. */
	public static Document attach(Document document, List<Event> events) {
		if (!events.isEmpty()) {
			document.append(EVENTS, new ArrayList<>(events.stream().map(Event::toDocument).toList()));
			document.append(SINCE, Date.from(events.get(0).occurredAt()));
		}
		return document;
	}

	/**
	 * Marks, within {@code update}, that the customer's exposure moved: a snapshot will
	 * be published.
	 */
	public static Update exposureMoved(Update update, Instant at) {
		return update.inc(EXPOSURE_SEQ, 1).min(SINCE, Date.from(at));
	}

	/**
	 * A money figure in an event: the amount as an exact decimal string, and the
	 * currency.
	 */
	public static Map<String, Object> money(Money money) {
		if (money == null) {
			return null;
		}
		return money(money.amount(), money.currency());
	}

	public static Map<String, Object> money(BigDecimal amount, String currency) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("amount", amount.toPlainString());
		value.put("currency", currency);
		return value;
	}

	/**
	 * An event waiting in an outbox: its id, type, customer, time and the JSON published.
	 */
	public record Event(String eventId, CreditEventType type, String customerId, Instant occurredAt, String json) {

		Document toDocument() {
			return new Document("eventId", this.eventId).append("type", this.type.schemaName())
				.append("customerId", this.customerId)
				.append("occurredAt", Date.from(this.occurredAt))
				.append("json", this.json);
		}

	}

}
