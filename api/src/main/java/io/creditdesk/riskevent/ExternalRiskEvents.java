package io.creditdesk.riskevent;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.ErrorCode;
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

	public static Read read(String json) {
		List<UserError> problems = new ArrayList<>();
		if (json == null || json.isBlank()) {
			return refused(problems, null, RiskEventErrorCode.MALFORMED_EVENT, "The event is empty.");
		}
		if (json.length() > MAX_BYTES) {
			return refused(problems, null, RiskEventErrorCode.MALFORMED_EVENT,
					"The event has " + json.length() + " characters; at most " + MAX_BYTES + " are read.");
		}
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return refused(problems, null, RiskEventErrorCode.MALFORMED_EVENT, "The event is not JSON.");
		}
		if (root == null || !root.isObject()) {
			return refused(problems, null, RiskEventErrorCode.MALFORMED_EVENT, "The event must be a JSON object.");
		}
		JsonNode version = root.get("schemaVersion");
		if (version == null || !version.isInt()) {
			return refused(problems, "schemaVersion", CommonErrorCode.REQUIRED,
					"schemaVersion is required (1 for this shape).");
		}
		if (version.intValue() != ExternalRiskEvent.SCHEMA_VERSION) {
			return refused(problems, "schemaVersion", RiskEventErrorCode.UNSUPPORTED_EVENT_VERSION,
					"Schema version " + version.intValue() + " is not read here; this service reads version "
							+ ExternalRiskEvent.SCHEMA_VERSION + ".");
		}
		String eventId = text(root, "eventId", problems, true);
		String source = text(root, "source", problems, true);
		String typeText = text(root, "type", problems, true);
		ExternalEventType type = null;
		if (typeText != null) {
			try {
				type = ExternalEventType.valueOf(typeText);
			}
			catch (IllegalArgumentException ex) {
				problems
					.add(new UserError("type",
							"Event type " + UserError.quote(typeText) + " is not known; known types: "
									+ List.of(ExternalEventType.values()) + ".",
							RiskEventErrorCode.UNKNOWN_EVENT_TYPE));
			}
		}
		ExternalRiskEvent.CustomerReference customer = null;
		JsonNode customerNode = root.get("customer");
		if (customerNode == null || !customerNode.isObject()) {
			problems.add(new UserError("customer",
					"customer is required: an object naming the customer by taxId," + " externalRef or bureauId.",
					RiskEventErrorCode.CUSTOMER_REFERENCE_MISSING));
		}
		else {
			customer = new ExternalRiskEvent.CustomerReference(text(customerNode, "taxId", problems, false),
					text(customerNode, "externalRef", problems, false),
					text(customerNode, "bureauId", problems, false));
			if (customer.isEmpty()) {
				problems.add(new UserError("customer", "customer names no taxId, externalRef or bureauId.",
						RiskEventErrorCode.CUSTOMER_REFERENCE_MISSING));
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
				problems
					.add(new UserError(
							"occurredAt", "occurredAt must be an ISO-8601 instant such as"
									+ " 2026-12-04T09:30:00Z, got " + UserError.quote(occurred) + ".",
							RiskEventErrorCode.MALFORMED_EVENT));
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
				problems.add(new UserError(field, field + " is required.", CommonErrorCode.REQUIRED));
			}
			return null;
		}
		if (!value.isString() || value.stringValue().isBlank() || value.stringValue().length() > 200) {
			problems.add(new UserError(field, field + " must be a text of 1 to 200 characters.",
					RiskEventErrorCode.MALFORMED_EVENT));
			return null;
		}
		return value.stringValue().trim();
	}

	private static Read refused(List<UserError> problems, String field, ErrorCode code, String message) {
		problems.add(new UserError(field, message, code));
		return new Read(null, List.copyOf(problems));
	}

}
