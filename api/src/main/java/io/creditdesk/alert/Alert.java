package io.creditdesk.alert;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alert: a condition raised for a customer (or for the portfolio, without a
 * customer), with the figures of the moment it was raised. Its sentence is not stored: it
 * is rendered from the message catalogue ({@code alert.<TYPE>.<variant>}) in the reader's
 * language from the figures.
 *
 * @param id the alert's id (chosen when the raise was decided)
 * @param type the alert type
 * @param key which condition of the type ({@link AlertChange#key()})
 * @param severity how urgent
 * @param customerId the customer, or null for a portfolio alert ({@code MODEL_DRIFT})
 * @param threshold what the policy allows, as shown to people
 * @param actual what the customer had, as shown to people
 * @param source what raised it: the credit event id for event alerts, else null
 * @param raisedAt when it was raised
 * @param status open, acknowledged or resolved
 * @param acknowledgedBy who acknowledged it
 * @param acknowledgedAt when
 * @param note the note given with the acknowledgement
 * @param resolvedAt when its condition cleared
 */
@Document(Alert.COLLECTION)
public record Alert(@Id String id, AlertType type, String key, AlertSeverity severity, String customerId,
		String threshold, String actual, String source, Instant raisedAt, AlertStatus status, String acknowledgedBy,
		Instant acknowledgedAt, String note, Instant resolvedAt) {

	static final String COLLECTION = "alerts";

	/**
	 * The catalogue key of the alert's sentence: {@code alert.<TYPE>.<variant>}, where
	 * the variant is the kind of condition (a threshold, {@code invoice}, {@code amount},
	 * {@code age}, {@code grade}, {@code pd}, ...).
	 */
	public String messageKey() {
		return "alert." + this.type.name() + "." + variant(this.type, this.key);
	}

	static String variant(AlertType type, String key) {
		return switch (type) {
			case UTILIZATION_THRESHOLD -> "threshold";
			case OVERDUE -> key.startsWith("invoice:") ? "invoice" : key;
			case LIMIT_EXPIRING -> "date";
			case SCORE_DETERIORATED -> key;
			case MODEL_DRIFT -> "psi";
			case BUREAU_EVENT -> "event";
			case REQUEST_SLA_BREACHED -> "step";
		};
	}

}
