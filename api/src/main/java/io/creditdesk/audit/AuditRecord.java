package io.creditdesk.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change, recorded once and never modified.
 *
 * @param id time-ordered id (an ObjectId), so newest-first is descending id order
 * @param customerId the customer the change concerns, or null (e.g. a segment policy)
 */
@Document("audit_records")
public record AuditRecord(@Id String id, Instant at, String actor, String action, String entityType, String entityId,
		String customerId, String reason, List<FieldChange> changes) {

	/** One changed value, rendered as text. */
	public record FieldChange(String field, String before, String after) {
	}

}
