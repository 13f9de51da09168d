package io.creditdesk.limitrequest;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.List;
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
 * The pre-analysis policies of the credit policy, stored like the approval matrices: one
 * per segment where set, else the global one, else the shipped default
 * ({@link PreAnalysisPolicy#DEFAULT}, which requires verification before a first limit).
 * A change is validated whole ({@link PreAnalysisPolicy#from}) and stored as a new
 * version with its audit record in the same write.
 */
@Component
class PreAnalysisPolicies {

	private static final String COLLECTION = "pre_analysis_policies";

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final VersionedDocuments documents;

	private final Clock clock;

	PreAnalysisPolicies(MongoTemplate mongo, AuditLog audit, VersionedDocuments documents, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.documents = documents;
		this.clock = clock;
		audit.register(StoredPreAnalysisPolicy.class);
	}

	/** The policy that analyses requests of customers of this segment. */
	StoredPreAnalysisPolicy forSegment(String segment) {
		List<String> ids = (segment != null)
				? List.of(StoredPreAnalysisPolicy.idOf(segment), StoredPreAnalysisPolicy.GLOBAL)
				: List.of(StoredPreAnalysisPolicy.GLOBAL);
		return this.documents.chain(StoredPreAnalysisPolicy.class, ids)
			.stream()
			.findFirst()
			.orElseGet(PreAnalysisPolicies::shipped);
	}

	/** As {@link #forSegment}, for a segment code as people write it. */
	StoredPreAnalysisPolicy get(String segment) {
		return forSegment(ApprovalMatrices.normalize(segment));
	}

	static StoredPreAnalysisPolicy shipped() {
		return new StoredPreAnalysisPolicy(StoredPreAnalysisPolicy.SHIPPED, null, PreAnalysisPolicy.DEFAULT, 0, null,
				null);
	}

	List<StoredPreAnalysisPolicy> all() {
		return this.mongo.findAll(StoredPreAnalysisPolicy.class, COLLECTION);
	}

	private Optional<StoredPreAnalysisPolicy> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, StoredPreAnalysisPolicy.class, COLLECTION));
	}

	/**
	 * Stores a new version of a segment's (or the global) policy.
	 * @param expectedVersion when given, the version the caller read; a newer one refuses
	 * with {@code STALE_VERSION}
	 */
	StoredPreAnalysisPolicy upsert(String rawSegment, PreAnalysisPolicy.Definition definition, String rawReason,
			Integer expectedVersion) {
		Validation v = new Validation();
		String segment = (rawSegment == null || rawSegment.isBlank()) ? null : v.code("segment", rawSegment);
		String reason = v.freeText("reason", rawReason, 500);
		v.throwIfInvalid();
		PreAnalysisPolicy policy = PreAnalysisPolicy.from(definition);
		String id = StoredPreAnalysisPolicy.idOf(segment);
		Optional<StoredPreAnalysisPolicy> current = find(id);
		long version = current.map(StoredPreAnalysisPolicy::version).orElse(0L);
		if (VersionedDocuments.isStale(expectedVersion, version)) {
			throw CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("preAnalysisPolicy"),
					"expectedVersion", describe(segment), version, expectedVersion);
		}
		StoredPreAnalysisPolicy next = new StoredPreAnalysisPolicy(id, segment, policy, version + 1,
				Actor.current().name(), this.clock.instant());
		PreAnalysisPolicy before = current.map(StoredPreAnalysisPolicy::thresholds).orElse(null);
		AuditRecord entry = this.audit.entry("PRE_ANALYSIS_POLICY_CHANGED", "PRE_ANALYSIS_POLICY", id, null, reason,
				changes(before, policy).set("version", version + 1));
		return this.documents.write(StoredPreAnalysisPolicy.class, id, version, next, entry, () -> CreditDeskException
			.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("preAnalysisPolicy"), null, describe(segment)));
	}

	/**
	 * Each setting that changed, before and after: every component of the definition, so
	 * a setting added later is audited without touching this.
	 */
	private static Changes changes(PreAnalysisPolicy before, PreAnalysisPolicy after) {
		PreAnalysisPolicy.Definition was = (before != null) ? before.toDefinition() : null;
		PreAnalysisPolicy.Definition now = after.toDefinition();
		Changes changes = new Changes();
		for (RecordComponent setting : PreAnalysisPolicy.Definition.class.getRecordComponents()) {
			try {
				changes.diff(setting.getName(), (was != null) ? setting.getAccessor().invoke(was) : null,
						setting.getAccessor().invoke(now));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changes;
	}

	private static String describe(String segment) {
		return (segment == null) ? "global" : "segment " + segment;
	}

}
