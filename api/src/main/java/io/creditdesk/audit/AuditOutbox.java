package io.creditdesk.audit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.creditdesk.audit.AuditRecord.FieldChange;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes an audit record into the document that changes, in the same atomic write as the
 * change: {@link #push} adds it to an update, {@link #attach} to a document about to be
 * inserted. The record waits in the document's {@code auditOutbox} array, and
 * {@code auditOutboxAt} (sparse, indexed) says since when, until {@link AuditLog#settle}
 * (right after the write) or the {@link AuditOutboxMover} (after a crash) has moved it to
 * the audit collection. So whatever instant a crash hits, a committed change has its
 * record: in the trail or still in the document.
 */
public final class AuditOutbox {

	/** The array of audit records not yet moved to the trail. */
	public static final String ENTRIES = "auditOutbox";

	/**
	 * When the oldest record waiting in {@link #ENTRIES} was made; absent when none
	 * waits.
	 */
	public static final String SINCE = "auditOutboxAt";

	private AuditOutbox() {
	}

	/**
	 * Adds {@code record} to {@code update}, to be written atomically with the rest of
	 * it.
	 */
	public static Update push(Update update, AuditRecord record) {
		return update.push(ENTRIES, toDocument(record)).min(SINCE, Date.from(record.at()));
	}

	/**
	 * Adds {@code records} to {@code update}, to be written atomically with the rest of
	 * it (one change that makes several records: an update can push to the outbox only
	 * once).
	 */
	public static Update push(Update update, List<AuditRecord> records) {
		if (records.isEmpty()) {
			return update;
		}
		update.push(ENTRIES).each(records.stream().map(AuditOutbox::toDocument).toArray());
		return update.min(SINCE, Date.from(records.get(0).at()));
	}

	/** Adds {@code record} to a document about to be inserted. */
	public static Document attach(Document document, AuditRecord record) {
		return document.append(ENTRIES, new ArrayList<>(List.of(toDocument(record))))
			.append(SINCE, Date.from(record.at()));
	}

	/**
	 * The record as the audit collection stores it (the fields the template maps an
	 * {@link AuditRecord} to, its id an ObjectId), so that moving it is a plain insert.
	 */
	static Document toDocument(AuditRecord record) {
		List<Document> changes = new ArrayList<>();
		for (FieldChange change : record.changes()) {
			Document field = new Document("field", change.field());
			present(field, "before", change.before());
			present(field, "after", change.after());
			changes.add(field);
		}
		Document document = new Document("_id", new ObjectId(record.id())).append("at", Date.from(record.at()));
		present(document, "actor", record.actor());
		present(document, "action", record.action());
		present(document, "entityType", record.entityType());
		present(document, "entityId", record.entityId());
		present(document, "customerId", record.customerId());
		present(document, "reason", record.reason());
		return document.append("changes", changes);
	}

	/** As the template writes documents: a null value is left out rather than stored. */
	private static void present(Document document, String field, Object value) {
		if (value != null) {
			document.append(field, value);
		}
	}

}
