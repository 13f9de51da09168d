package io.creditdesk.limitrequest;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.ErrorCode;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The one compare-and-set of the per-segment policy documents of limit requests (approval
 * matrices, pre-analysis policies): a new version replaces the one read, with its audit
 * record in the same write; a version written meanwhile refuses.
 */
@Component
class SegmentPolicyWrites {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	SegmentPolicyWrites(MongoTemplate mongo, AuditLog audit) {
		this.mongo = mongo;
		this.audit = audit;
	}

	/**
	 * Stores {@code next} in place of version {@code readVersion} (0: none stored yet).
	 * @param concurrent the refusal when another version was written meanwhile
	 * @param figures the figures of that refusal
	 */
	<T> T write(String collection, Class<T> type, String id, long readVersion, T next, AuditRecord entry,
			ErrorCode.Variant concurrent, Object... figures) {
		Document document = new Document();
		this.mongo.getConverter().write(next, document);
		document.remove("_id");
		Update update = new Update();
		document.forEach(update::set);
		Query query = Query.query(Criteria.where("_id").is(id).and("version").is(readVersion));
		try {
			T stored = this.mongo.findAndModify(query, AuditOutbox.push(update, entry),
					FindAndModifyOptions.options().upsert(true).returnNew(true), type, collection);
			this.audit.settle(type, id, entry);
			return stored;
		}
		catch (DuplicateKeyException ex) {
			// The upsert found no document at the version read, and the id is taken.
			throw CreditDeskException.refuse(concurrent, null, figures);
		}
	}

}
