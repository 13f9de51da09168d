/**
 * The append-only audit trail: who changed what, when, why, with every value before and after.
 * Records are only ever inserted; no API updates or deletes them. Other capabilities append
 * through {@link io.creditdesk.audit.AuditLog} and read trails per customer or per policy.
 */
package io.creditdesk.audit;
