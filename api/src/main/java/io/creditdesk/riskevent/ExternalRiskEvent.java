package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.Objects;

/**
 * One external risk event, as read from its JSON (schema version 1):
 *
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "eventId": "cs-2026-000123",
 *   "source": "creditsafe",
 *   "type": "INSOLVENCY_FILING",
 *   "customer": { "taxId": "DE123456789", "externalRef": "ERP-10042", "bureauId": "DE-0012345" },
 *   "oldValue": "B", "newValue": "D",
 *   "occurredAt": "2026-12-04T09:30:00Z"
 * }
 * </pre>
 *
 * @param eventId the sender's id, unique per event: an event is acted on once per id
 * @param source who sent it (a bureau, the fraud system)
 * @param type what it reports
 * @param customer how it names the customer (at least one of the three)
 * @param oldValue the value before (a rating, a score), or null
 * @param newValue the value after, or null
 * @param occurredAt when it happened at the source
 */
public record ExternalRiskEvent(String eventId, String source, ExternalEventType type, CustomerReference customer,
		String oldValue, String newValue, Instant occurredAt) {

	/** The schema version this service reads. */
	public static final int SCHEMA_VERSION = 1;

	public ExternalRiskEvent {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}

	/**
	 * How an event names its customer; matched in this order.
	 *
	 * @param taxId the customer's tax ID (VAT number), or null
	 * @param externalRef the customer's reference in the seller's ERP, or null
	 * @param bureauId the customer's id at the bureau, or null
	 */
	public record CustomerReference(String taxId, String externalRef, String bureauId) {

		public boolean isEmpty() {
			return this.taxId == null && this.externalRef == null && this.bureauId == null;
		}

	}

}
