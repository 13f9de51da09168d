package io.creditdesk.alert;

import java.util.Objects;

/**
 * A condition raised or cleared by an evaluation.
 *
 * @param type the alert type
 * @param key which condition of the type: a threshold ({@code 0.80}), {@code amount},
 * {@code age}, {@code invoice:<id>}, an expiry date, {@code grade} or {@code pd}
 * @param raised true when raised now, false when it cleared (the alert resolves)
 * @param severity how urgent
 * @param threshold what the policy allows, as a display string
 * @param actual what the customer has
 */
public record AlertChange(AlertType type, String key, boolean raised, AlertSeverity severity, String threshold,
		String actual) {

	public AlertChange {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(severity, "severity");
	}

}
