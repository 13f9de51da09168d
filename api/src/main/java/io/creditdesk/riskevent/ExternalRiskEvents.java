package io.creditdesk.riskevent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an external risk event from its JSON (the shape of {@link ExternalRiskEvent}),
 * naming every problem at once: a stable code, the field, a sentence. An event with any
 * problem is not acted on; the service sends it to the dead-letter topic and the intake
 * worklist with these problems, never drops it.
 */
public final class ExternalRiskEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Events larger than this are refused unread. */
	static final int MAX_BYTES = 64 * 1024;

	private ExternalRiskEvents() {
	}

	/**
	 * The outcome of reading one event.
	 *
	 * @param event the event, or null when there are problems
	 * @param problems every problem found (empty when the event was read)
	 */
	public record Read(ExternalRiskEvent event, List<UserError> problems) {

		public boolean ok() {
			return this.event != null;
		}

	}

	/**
	 * The event's size as it came (UTF-8), counted without encoding it: a character
	 * outside ASCII takes two to four bytes.
	 */
	static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	public static Read read(String json) {
		if (json == null || json.isBlank()) {
			return refused(UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("empty"), null));
		}
		long bytes = utf8Length(json);
		if (bytes > MAX_BYTES) {
			return refused(
					UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("tooLarge"), null, bytes, MAX_BYTES));
		}
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return refused(UserError.of(RiskEventErrorCode.MALFORMED_EVENT, null));
		}
		if (root == null || !root.isObject()) {
			return refused(UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("notObject"), null));
		}
		JsonNode version = root.get("schemaVersion");
		if (version == null || !version.isInt()) {
			return refused(UserError.of(CommonErrorCode.REQUIRED.variant("schemaVersion"), "schemaVersion"));
		}
		if (version.intValue() != ExternalRiskEvent.SCHEMA_VERSION) {
			return refused(UserError.of(RiskEventErrorCode.UNSUPPORTED_EVENT_VERSION, "schemaVersion",
					version.intValue(), ExternalRiskEvent.SCHEMA_VERSION));
		}
		List<UserError> problems = new ArrayList<>();
		String eventId = text(root, "eventId", problems, true);
		String source = text(root, "source", problems, true);
		if (source != null && source.indexOf(AppliedRiskEvent.SEPARATOR) >= 0) {
			// The record id is <source>:<eventId>: a source with the separator could
			// collide with another source's ids (a:b + c against a + b:c).
			problems.add(UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("source"), "source",
					new MessageCatalogue.Quoted(source)));
			source = null;
		}
		String typeText = text(root, "type", problems, true);
		ExternalEventType type = null;
		if (typeText != null) {
			try {
				type = ExternalEventType.valueOf(typeText);
			}
			catch (IllegalArgumentException ex) {
				problems.add(UserError.of(RiskEventErrorCode.UNKNOWN_EVENT_TYPE, "type",
						new MessageCatalogue.Quoted(typeText), List.of(ExternalEventType.values())));
			}
		}
		ExternalRiskEvent.CustomerReference customer = null;
		JsonNode customerNode = root.get("customer");
		if (customerNode == null || !customerNode.isObject()) {
			problems.add(UserError.of(RiskEventErrorCode.CUSTOMER_REFERENCE_MISSING, "customer"));
		}
		else {
			customer = new ExternalRiskEvent.CustomerReference(text(customerNode, "taxId", problems, false),
					text(customerNode, "externalRef", problems, false),
					text(customerNode, "bureauId", problems, false));
			if (customer.isEmpty()) {
				problems.add(UserError.of(RiskEventErrorCode.CUSTOMER_REFERENCE_MISSING.variant("empty"), "customer"));
			}
		}
		String oldValue = text(root, "oldValue", problems, false);
		String newValue = text(root, "newValue", problems, false);
		String occurred = text(root, "occurredAt", problems, true);
		Instant occurredAt = null;
		if (occurred != null) {
			try {
				occurredAt = Instant.parse(occurred);
			}
			catch (DateTimeParseException ex) {
				problems.add(UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("instant"), "occurredAt",
						new MessageCatalogue.Quoted(occurred)));
			}
		}
		if (!problems.isEmpty()) {
			return new Read(null, List.copyOf(problems));
		}
		return new Read(new ExternalRiskEvent(eventId, source, type, customer, oldValue, newValue, occurredAt),
				List.of());
	}

	private static String text(JsonNode node, String field, List<UserError> problems, boolean required) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				problems.add(UserError.of(CommonErrorCode.REQUIRED, field));
			}
			return null;
		}
		if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > 200) {
			problems.add(UserError.of(RiskEventErrorCode.MALFORMED_EVENT.variant("text"), field));
			return null;
		}
		return value.stringValue().trim();
	}

	private static Read refused(UserError problem) {
		return new Read(null, List.of(problem));
	}

}
