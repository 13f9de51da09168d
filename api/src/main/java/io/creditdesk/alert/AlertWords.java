package io.creditdesk.alert;

import java.util.Map;

import io.creditdesk.common.MessageCatalogue.Phrase;

/**
 * An alert in words for those who tell people of it (the notifications): its kind and its
 * sentence as phrases of the message catalogue, read from the data of its
 * {@code AlertRaised} credit event, so that each reader gets them in their own language,
 * worded as {@code Alert.message} words it.
 */
public final class AlertWords {

	private AlertWords() {
	}

	/**
	 * The kind of alert {@code type} names ({@code alert.kind.<TYPE>}: "Overdue
	 * invoices"), or null when it names none.
	 */
	public static Phrase kind(String type) {
		AlertType known = type(type);
		return (known != null) ? Phrase.of("alert.kind." + known.name()) : null;
	}

	/**
	 * The sentence of the alert an {@code AlertRaised} event's {@code data} reports
	 * ({@code alert.<TYPE>.<variant>} with its figures), or null when the data names no
	 * known type or no condition.
	 */
	public static Phrase sentence(Map<String, Object> data) {
		AlertType type = type(text(data.get("type")));
		String key = text(data.get("key"));
		if (type == null || key == null) {
			return null;
		}
		return new Phrase("alert." + type.name() + "." + Alert.variant(type, key),
				AlertFigures.figures(type, text(data.get("threshold")), text(data.get("actual"))));
	}

	private static AlertType type(String name) {
		if (name == null) {
			return null;
		}
		try {
			return AlertType.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
