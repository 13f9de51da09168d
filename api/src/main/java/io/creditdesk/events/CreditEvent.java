package io.creditdesk.events;

import java.time.Instant;
import java.util.Map;

/**
 * A credit event as read from the topic: its envelope (docs/events.md), parsed once for
 * every reader in the service.
 *
 * @param eventId unique per event; a re-sent event keeps it (an exposure snapshot re-sent
 * carries a new one and the same {@code sequence}), so handlers drop duplicates by it
 * @param type the event's type
 * @param customerId the customer it concerns, or null when the envelope names none
 * @param occurredAt when the change was made, or null when the envelope does not say
 * @param data the event's {@code data}, as parsed JSON (money as {@code {amount,
 * currency}} with a string amount); empty when absent
 * @param envelope the record's JSON exactly as published (what a webhook forwards)
 */
public record CreditEvent(String eventId, CreditEventType type, String customerId, Instant occurredAt,
		Map<String, Object> data, String envelope) {

}
