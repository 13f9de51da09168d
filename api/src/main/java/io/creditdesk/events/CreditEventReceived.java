package io.creditdesk.events;

import java.util.Map;

/**
 * A credit event read back from Kafka by this instance, whichever instance made the
 * change; published as an application event for the live features of this instance.
 *
 * @param type the event's type
 * @param customerId the customer it concerns
 * @param eventId unique per event (a re-sent event keeps it, except exposure snapshots,
 * which carry a sequence)
 * @param data the event's {@code data}, as parsed JSON (money as {@code {amount,
 * currency}} with a string amount)
 */
public record CreditEventReceived(CreditEventType type, String customerId, String eventId, Map<String, Object> data) {
}
