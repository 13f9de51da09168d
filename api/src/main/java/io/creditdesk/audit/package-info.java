/**
 * The append-only audit trail: who changed what, when, why, with every value before and
 * after. Records are only ever inserted; no API updates or deletes them. A change writes
 * its record into the document it changes, in the same atomic write
 * ({@link io.creditdesk.audit.AuditOutbox}: the {@code auditOutbox} array and its
 * {@code auditOutboxAt} date), so no change is ever committed without its record;
 * {@link io.creditdesk.audit.AuditLog#settle} then moves the record to the trail, and the
 * leased {@link io.creditdesk.audit.AuditOutboxMover} moves what a crash left behind. A
 * move inserts under the record's own id, so it can be repeated safely. Capabilities
 * {@link io.creditdesk.audit.AuditLog#register register} the documents that carry audit
 * outboxes and read trails per customer or per entity through
 * {@link io.creditdesk.audit.AuditLog}. Documents replaced whole under a version (the
 * policies stored per level, budgets) are written with their record through
 * {@link io.creditdesk.audit.VersionedDocuments}, which also reads a level chain (the
 * most specific stored level first).
 * <p>
 * It knows no capability: they write their records into it. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "common", "embedded", "infrastructure" })
package io.creditdesk.audit;

import org.springframework.modulith.ApplicationModule;
