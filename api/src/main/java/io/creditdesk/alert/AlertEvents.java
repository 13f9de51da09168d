package io.creditdesk.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.creditdesk.events.CreditEventReceived;

/**
 * The data of the {@code AlertRaised} and {@code AlertResolved} credit events
 * (docs/events.md), and an alert read back from one (the live subscription).
 */
final class AlertEvents {

	private AlertEvents() {
	}

	static Map<String, Object> raised(Alert alert) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("alertId", alert.id());
		data.put("type", alert.type().name());
		data.put("key", alert.key());
		data.put("severity", alert.severity().name());
		data.put("threshold", alert.threshold());
		data.put("actual", alert.actual());
		data.put("source", alert.source());
		data.put("raisedAt", alert.raisedAt().toString());
		return data;
	}

	static Map<String, Object> resolved(Alert alert) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("alertId", alert.id());
		data.put("type", alert.type().name());
		data.put("key", alert.key());
		data.put("actual", alert.actual());
		data.put("resolvedAt", alert.resolvedAt().toString());
		return data;
	}

	/** The alert an {@code AlertRaised} event reports, as it was raised. */
	static Alert fromRaised(CreditEventReceived event) {
		Map<String, Object> data = event.data();
		String customerId = "null".equals(event.customerId()) ? null : event.customerId();
		return new Alert(text(data.get("alertId")), AlertType.valueOf(text(data.get("type"))), text(data.get("key")),
				AlertSeverity.valueOf(text(data.get("severity"))), customerId, text(data.get("threshold")),
				text(data.get("actual")), text(data.get("source")), Instant.parse(text(data.get("raisedAt"))),
				AlertStatus.OPEN, null, null, null, null);
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
