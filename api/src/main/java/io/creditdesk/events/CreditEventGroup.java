package io.creditdesk.events;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A capability's consumer group on the credit events: declare one as a bean and
 * {@link CreditEventListeners} reads every credit event topic as that group, hands each
 * event of a known type to {@code handler} once parsed, and commits after handling. A
 * record that is no credit event is skipped at once (logged, counted in
 * {@code creditdesk.events.consumer.skipped}); a handler that throws is called again a
 * bounded number of times with a growing back-off, then the event is parked
 * ({@code credit_events_parked}) and the partition goes on; parked events are handed to
 * the handler again later until it takes them. Delivery is at least once (a crash before
 * the commit hands an event again, a re-drive may come after later events of the
 * customer), so a handler is idempotent per {@link CreditEvent#eventId()}.
 *
 * @param name names the group's Kafka client and listener container (its threads and
 * logs), e.g. {@code creditdesk-alerts}
 * @param groupId the consumer group; across instances each event goes to one member, and
 * a new group starts at the earliest event
 * @param enabled whether this instance reads as the group at all
 * @param handler what the capability does with an event
 * @param wants the event types the handler acts on: a record whose {@code eventType}
 * header (set by the relay) names another type is skipped without being parsed (an
 * order's decision is 2.5 KB of JSON, and most groups ignore it); a record without the
 * header is parsed and handed over whatever its type
 */
public record CreditEventGroup(String name, String groupId, boolean enabled, Consumer<CreditEvent> handler,
		Predicate<CreditEventType> wants) {

	public CreditEventGroup {
		if (name == null || name.isBlank() || groupId == null || groupId.isBlank() || handler == null
				|| wants == null) {
			throw new IllegalArgumentException("A credit event group needs a name, a group id and a handler");
		}
	}

	/** A group whose handler is handed events of every type. */
	public CreditEventGroup(String name, String groupId, boolean enabled, Consumer<CreditEvent> handler) {
		this(name, groupId, enabled, handler, type -> true);
	}

}
