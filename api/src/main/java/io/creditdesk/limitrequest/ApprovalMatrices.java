package io.creditdesk.limitrequest;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.audit.VersionedDocuments;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Validation;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The approval matrices of the credit policy: one per segment where set, else the global
 * one, else the shipped default. A change is validated whole
 * ({@link ApprovalMatrix#from}) and stored as a new version with its audit record in the
 * same write.
 */
@Component
class ApprovalMatrices {

	private static final String COLLECTION = "approval_matrices";

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final VersionedDocuments documents;

	private final Clock clock;

	ApprovalMatrices(MongoTemplate mongo, AuditLog audit, VersionedDocuments documents, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.documents = documents;
		this.clock = clock;
		audit.register(StoredApprovalMatrix.class);
	}

	/** The matrix that routes a customer of this segment. */
	StoredApprovalMatrix forSegment(String segment) {
		List<String> ids = (segment != null) ? List.of(StoredApprovalMatrix.idOf(segment), StoredApprovalMatrix.GLOBAL)
				: List.of(StoredApprovalMatrix.GLOBAL);
		return this.documents.chain(StoredApprovalMatrix.class, ids)
			.stream()
			.findFirst()
			.orElseGet(ApprovalMatrices::shipped);
	}

	/** The stored matrix of a segment, or the global one (or the shipped default). */
	StoredApprovalMatrix get(String segment) {
		return forSegment(normalize(segment));
	}

	static StoredApprovalMatrix shipped() {
		return new StoredApprovalMatrix(StoredApprovalMatrix.SHIPPED, null,
				ApprovalMatrix.shippedDefault().toDefinition(), 0, null, null);
	}

	private Optional<StoredApprovalMatrix> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, StoredApprovalMatrix.class, COLLECTION));
	}

	/**
	 * Stores a new version of a segment's (or the global) matrix.
	 * @param expectedVersion when given, the version the caller read; a newer one refuses
	 * with {@code STALE_VERSION}
	 */
	StoredApprovalMatrix upsert(String rawSegment, ApprovalMatrix.Definition definition, String rawReason,
			Integer expectedVersion) {
		Validation v = new Validation();
		String segment = (rawSegment == null || rawSegment.isBlank()) ? null : v.code("segment", rawSegment);
		String reason = v.freeText("reason", rawReason, 500);
		v.throwIfInvalid();
		ApprovalMatrix matrix = ApprovalMatrix.from(definition);
		ApprovalMatrix.Definition normalized = matrix.toDefinition();
		String id = StoredApprovalMatrix.idOf(segment);
		Optional<StoredApprovalMatrix> current = find(id);
		long version = current.map(StoredApprovalMatrix::version).orElse(0L);
		if (VersionedDocuments.isStale(expectedVersion, version)) {
			throw CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("matrix"), "expectedVersion",
					describe(segment), version, expectedVersion);
		}
		StoredApprovalMatrix next = new StoredApprovalMatrix(id, segment, normalized, version + 1,
				Actor.current().name(), this.clock.instant());
		AuditRecord entry = this.audit.entry("APPROVAL_MATRIX_CHANGED", "APPROVAL_MATRIX", id, null, reason,
				new Changes().diff("matrix", current.map((m) -> m.matrix().toString()).orElse(null), matrix.toString())
					.set("version", version + 1));
		return this.documents.write(StoredApprovalMatrix.class, id, version, next, entry, () -> CreditDeskException
			.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("matrix"), null, describe(segment)));
	}

	List<StoredApprovalMatrix> all() {
		return this.mongo.findAll(StoredApprovalMatrix.class, COLLECTION);
	}

	static String normalize(String segment) {
		return (segment == null || segment.isBlank()) ? null : segment.trim().toUpperCase(Locale.ROOT);
	}

	private static String describe(String segment) {
		return (segment == null) ? "global" : "segment " + segment;
	}

}
