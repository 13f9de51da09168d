package io.creditdesk.audit;

import java.time.Clock;
import java.util.List;

import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Appends audit records and reads trails. There is deliberately no update or delete: the only
 * write is an insert of a new record.
 */
@Service
public class AuditLog {

	private final MongoTemplate mongo;

	private final Clock clock;

	AuditLog(MongoTemplate mongo, Clock clock, MongoIndexes indexes) {
		this.mongo = mongo;
		this.clock = clock;
		indexes.declare(AuditRecord.class,
				new Index().on("customerId", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("customer_trail"),
				new Index().on("entityId", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("entity_trail"));
	}

	public AuditRecord append(String action, String entityType, String entityId, String customerId, String reason,
			Changes changes) {
		Actor actor = Actor.current();
		AuditRecord record = new AuditRecord(new ObjectId().toHexString(), this.clock.instant(), actor.name(), action,
				entityType, entityId, customerId, reason, changes.toList());
		return this.mongo.insert(record);
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Connection<AuditRecord> forCustomer(String customerId, Integer first, String after) {
		return page(Criteria.where("customerId").is(customerId), first, after);
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Connection<AuditRecord> forEntity(String entityType, String entityId, Integer first, String after) {
		return page(Criteria.where("entityType").is(entityType).and("entityId").is(entityId), first, after);
	}

	private Connection<AuditRecord> page(Criteria criteria, Integer first, String after) {
		int size = Connection.pageSize(first);
		String afterId = Connection.decode(after);
		if (afterId != null) {
			criteria = criteria.and("_id").lt(afterId);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(size + 1);
		List<AuditRecord> records = this.mongo.find(query, AuditRecord.class);
		return Connection.of(records, size, AuditRecord::id, null);
	}

}
