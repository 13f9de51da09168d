package io.creditdesk.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one parse of a credit event's JSON envelope, shared by the consumer groups
 * ({@link CreditEventListeners}) and the live stream ({@link CreditEventStream}).
 */
final class CreditEventEnvelope {

	private CreditEventEnvelope() {
	}

	/**
	 * The event in {@code value}, or null when its {@code type} is none this version
	 * knows (published by a newer version: nothing here acts on it).
	 * @throws Malformed when the record is no credit event envelope: not JSON, no
	 * {@code eventId}, an {@code occurredAt} that is no instant
	 */
	@SuppressWarnings("unchecked")
	static CreditEvent read(JsonMapper json, String value) {
		if (value == null) {
			throw new Malformed("the record has no value");
		}
		Object parsed;
		try {
			parsed = json.readValue(value, Object.class);
		}
		catch (JacksonException ex) {
			throw new Malformed("not JSON: " + ex.getOriginalMessage());
		}
		if (!(parsed instanceof Map<?, ?> envelope)) {
			throw new Malformed("not a JSON object");
		}
		CreditEventType type = CreditEventType.ofSchemaName(String.valueOf(envelope.get("type")));
		if (type == null) {
			return null;
		}
		Object eventId = envelope.get("eventId");
		if (eventId == null) {
			throw new Malformed("no eventId");
		}
		Object customerId = envelope.get("customerId");
		Object data = envelope.get("data");
		return new CreditEvent(eventId.toString(), type, (customerId != null) ? customerId.toString() : null,
				instant(envelope.get("occurredAt")), (data instanceof Map) ? (Map<String, Object>) data : Map.of(),
				value);
	}

	private static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value.toString());
		}
		catch (DateTimeParseException ex) {
			throw new Malformed("occurredAt is no instant: " + value);
		}
	}

	/**
	 * A record that is no credit event envelope: retrying cannot help, so it is skipped.
	 */
	static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message, null, false, false);
		}

	}

}
