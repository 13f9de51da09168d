package io.creditdesk.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Makes audit records, moves them from the changed documents to the trail, and reads
 * trails. A change writes its record into its own document ({@link AuditOutbox}) in the
 * same atomic write; {@link #settle} then moves it to the trail. There is deliberately no
 * update or delete of the trail: a move is an insert under the record's own id, so moving
 * a record twice (the request and the {@link AuditOutboxMover} racing, a retry after a
 * crash) stores it once.
 */
@Service
public class AuditLog {

	private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final MongoIndexes indexes;

	private final Set<String> collections = new CopyOnWriteArraySet<>();

	AuditLog(MongoTemplate mongo, Clock clock, MongoIndexes indexes) {
		this.mongo = mongo;
		this.clock = clock;
		this.indexes = indexes;
		indexes.declare(AuditRecord.class,
				new Index().on("customerId", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("customer_trail"),
				new Index().on("entityId", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("entity_trail"));
	}

	/**
	 * Declares that documents of {@code entity} carry audit outboxes, so that the mover
	 * looks for records left behind in its collection (found through a sparse index).
	 */
	public void register(Class<?> entity) {
		this.collections.add(this.mongo.getCollectionName(entity));
		this.indexes.declare(entity,
				new Index().on(AuditOutbox.SINCE, Sort.Direction.ASC).sparse().named("audit_outbox"));
	}

	Set<String> outboxCollections() {
		return this.collections;
	}

	/**
	 * A new record of a change by the current actor, not yet written anywhere: the change
	 * writes it with {@link AuditOutbox#push} or {@link AuditOutbox#attach}, then
	 * {@link #settle}s it. Its time is kept to the millisecond, as stored.
	 */
	public AuditRecord entry(String action, String entityType, String entityId, String customerId, String reason,
			Changes changes) {
		return entry(Actor.current(), action, entityType, entityId, customerId, reason, changes);
	}

	/**
	 * As {@link #entry(String, String, String, String, String, Changes)}, made by
	 * {@code actor} rather than the caller: the service's own decision taken while
	 * serving somebody's request ({@link Actor#SYSTEM}).
	 */
	public AuditRecord entry(Actor actor, String action, String entityType, String entityId, String customerId,
			String reason, Changes changes) {
		return new AuditRecord(new ObjectId().toHexString(), this.clock.instant().truncatedTo(ChronoUnit.MILLIS),
				actor.name(), action, entityType, entityId, customerId, reason, changes.toList());
	}

	/**
	 * Moves {@code entry}, written with the change of the {@code entity} document
	 * {@code id}, to the trail, so that trails read right after the change show it. A
	 * failure here does not undo or hide the change that succeeded: the record stays in
	 * the document, is logged, and the {@link AuditOutboxMover} moves it within seconds.
	 */
	public void settle(Class<?> entity, String id, AuditRecord entry) {
		try {
			move(this.mongo.getCollection(this.mongo.getCollectionName(entity)), storedId(id),
					List.of(AuditOutbox.toDocument(entry)));
		}
		catch (RuntimeException ex) {
			log.warn("Audit record {} ({} of {} {}) waits in its document; the audit outbox mover moves it: {}",
					entry.id(), entry.action(), entry.entityType(), entry.entityId(), ex.toString());
		}
	}

	/**
	 * Inserts {@code entries} into the trail (a record already there is left as it is),
	 * then removes them from the document's audit outbox: in one write when they are all
	 * it holds, else by pulling them (and dropping the outbox once empty).
	 */
	void move(MongoCollection<Document> collection, Object documentId, List<Document> entries) {
		MongoCollection<Document> trail = this.mongo.getCollection(this.mongo.getCollectionName(AuditRecord.class));
		for (Document entry : entries) {
			try {
				trail.insertOne(entry);
			}
			catch (MongoWriteException ex) {
				// Moved before (under its own id): the record is in the trail. Any other
				// refusal keeps it in the document.
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY
						|| trail.find(new Document("_id", entry.get("_id"))).first() == null) {
					throw ex;
				}
			}
		}
		List<Object> ids = entries.stream().map(entry -> entry.get("_id")).toList();
		Document removeOutbox = new Document("$unset",
				new Document(AuditOutbox.ENTRIES, "").append(AuditOutbox.SINCE, ""));
		Document onlyThese = new Document("_id", documentId)
			.append(AuditOutbox.ENTRIES, new Document("$size", ids.size()))
			.append(AuditOutbox.ENTRIES + "._id", new Document("$all", ids));
		if (collection.updateOne(onlyThese, removeOutbox).getMatchedCount() == 1) {
			return;
		}
		collection.updateOne(new Document("_id", documentId), new Document("$pull",
				new Document(AuditOutbox.ENTRIES, new Document("_id", new Document("$in", ids)))));
		collection.updateOne(new Document("_id", documentId).append(AuditOutbox.ENTRIES, new Document("$size", 0)),
				removeOutbox);
	}

	/**
	 * An id as the template stores it: ids that are valid ObjectIds are stored as
	 * ObjectIds.
	 */
	private static Object storedId(String id) {
		return ObjectId.isValid(id) ? new ObjectId(id) : id;
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
