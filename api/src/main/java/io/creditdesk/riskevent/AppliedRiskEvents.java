package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the records of external risk events: one per source and event id,
 * inserted once and then only moved on, so a redelivery never makes a second one.
 */
@Repository
class AppliedRiskEvents {

	private final MongoTemplate mongo;

	AppliedRiskEvents(MongoTemplate mongo, MongoIndexes indexes) {
		this.mongo = mongo;
		indexes.declare(AppliedRiskEvent.class,
				new Index().on("customerId", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("customer_events"),
				new Index().on("type", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("type_events"));
	}

	Optional<AppliedRiskEvent> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, AppliedRiskEvent.class));
	}

	/**
	 * Inserts the record of an event just matched, or counts another delivery of the one
	 * there; returns the stored record.
	 */
	AppliedRiskEvent received(AppliedRiskEvent event) {
		try {
			return this.mongo.insert(event);
		}
		catch (DuplicateKeyException exists) {
			return delivered(event.id());
		}
	}

	/** Counts another delivery of an event; returns the stored record. */
	AppliedRiskEvent delivered(String id) {
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), new Update().inc("deliveries", 1),
				FindAndModifyOptions.options().returnNew(true), AppliedRiskEvent.class);
	}

	/** Marks the event applied, with what its actions did. */
	AppliedRiskEvent applied(String id, String reviewRequestId, List<String> notes, Instant at) {
		return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				new Update().set("status", AppliedRiskEvent.Status.APPLIED)
					.set("reviewRequestId", reviewRequestId)
					.set("notes", notes)
					.set("appliedAt", at),
				FindAndModifyOptions.options().returnNew(true), AppliedRiskEvent.class);
	}

	Connection<AppliedRiskEvent> page(String customerId, ExternalEventType type, int first, String afterId) {
		List<Criteria> all = new ArrayList<>();
		if (customerId != null) {
			all.add(Criteria.where("customerId").is(customerId.trim()));
		}
		if (type != null) {
			all.add(Criteria.where("type").is(type));
		}
		Criteria criteria = all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
		long total = this.mongo.count(Query.query(criteria), AppliedRiskEvent.class);
		if (afterId != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(afterId));
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.ASC, "_id")).limit(first + 1);
		return Connection.of(this.mongo.find(query, AppliedRiskEvent.class), first, AppliedRiskEvent::id, (int) total);
	}

}
