package io.creditdesk.limitrequest;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes request documents. A change is one conditional update guarded by the
 * version read, writing every field of the new value together with its audit record and
 * its credit events, so a request never changes without both, and of two concurrent
 * changes exactly one wins.
 */
@Repository
class RequestStore {

	static final String COLLECTION = "credit_limit_requests";

	private static final Set<String> OPEN = Set.of(RequestStatus.SUBMITTED.name(), RequestStatus.IN_APPROVAL.name(),
			RequestStatus.RETURNED.name());

	private final MongoTemplate mongo;

	private final AuditLog audit;

	RequestStore(MongoTemplate mongo, MongoIndexes indexes, Outbox outbox, AuditLog audit) {
		this.mongo = mongo;
		this.audit = audit;
		outbox.register(CreditLimitRequest.class, COLLECTION);
		audit.register(CreditLimitRequest.class);
		indexes.declare(CreditLimitRequest.class,
				new Index().on("customerId", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC).named("customer"),
				new Index().on("status", Sort.Direction.ASC).on("openDueAt", Sort.Direction.ASC).named("inbox"),
				new Index().on("application.at", Sort.Direction.ASC).sparse().named("application"));
	}

	/** Inserts a new request with its audit record and events. */
	CreditLimitRequest insert(CreditLimitRequest request, AuditRecord created, List<Outbox.Event> events) {
		Document document = new Document();
		this.mongo.getConverter().write(request, document);
		this.mongo.insert(Outbox.attach(AuditOutbox.attach(document, created), events), COLLECTION);
		this.audit.settle(CreditLimitRequest.class, request.id(), created);
		return request;
	}

	/**
	 * Replaces the request's fields with those of {@code after} if it is still at the
	 * version of {@code before}, with the audit record and events in the same update.
	 * @return the stored request, or empty when another change came first
	 */
	Optional<CreditLimitRequest> update(CreditLimitRequest before, CreditLimitRequest after, AuditRecord entry,
			List<Outbox.Event> events) {
		Document values = new Document();
		this.mongo.getConverter().write(after, values);
		Update update = new Update();
		for (RecordComponent component : CreditLimitRequest.class.getRecordComponents()) {
			String name = component.getName();
			if (name.equals("id") || name.equals("version")) {
				continue;
			}
			if (values.containsKey(name)) {
				update.set(name, values.get(name));
			}
			else {
				update.unset(name);
			}
		}
		update.inc("version", 1);
		Query query = Query.query(Criteria.where("_id").is(before.id()).and("version").is(before.version()));
		CreditLimitRequest stored = this.mongo.findAndModify(query,
				Outbox.push(AuditOutbox.push(update, entry), events), FindAndModifyOptions.options().returnNew(true),
				CreditLimitRequest.class, COLLECTION);
		if (stored != null) {
			this.audit.settle(CreditLimitRequest.class, stored.id(), entry);
		}
		return Optional.ofNullable(stored);
	}

	Optional<CreditLimitRequest> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, CreditLimitRequest.class, COLLECTION));
	}

	/** A customer's requests, oldest first. */
	List<CreditLimitRequest> forCustomer(String customerId) {
		return this.mongo.find(
				Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by("createdAt", "_id")).limit(500),
				CreditLimitRequest.class, COLLECTION);
	}

	boolean hasOpen(String customerId, Collection<RequestType> types) {
		return this.mongo.exists(Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("status")
			.in(OPEN)
			.and("type")
			.in(types.stream().map(Enum::name).toList())), COLLECTION);
	}

	/**
	 * Whether the customer has a request of this type made on or after the day (UTC),
	 * whatever became of it.
	 */
	boolean madeSince(String customerId, RequestType type, LocalDate day) {
		return this.mongo.exists(Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("type")
			.is(type.name())
			.and("createdAt")
			.gte(day.atStartOfDay(ZoneOffset.UTC).toInstant())), COLLECTION);
	}

	/**
	 * Open steps past their due time, not yet escalated. Only requests whose open step is
	 * still {@code PENDING} are read (escalating a step changes its status in the same
	 * update): steps escalated before, however many wait for a decision, never hold back
	 * the newer overdue ones.
	 */
	List<CreditLimitRequest> overdue(Instant now, int max) {
		Query query = Query
			.query(Criteria.where("status")
				.is(RequestStatus.IN_APPROVAL.name())
				.and("openDueAt")
				.lt(now)
				.and("steps")
				.elemMatch(Criteria.where("status").is(StepStatus.PENDING.name())))
			.with(Sort.by("openDueAt"))
			.limit(max);
		return this.mongo.find(query, CreditLimitRequest.class, COLLECTION).stream().filter((r) -> {
			CreditLimitRequest.Step open = r.openStep();
			return open != null && open.status() == StepStatus.PENDING;
		}).toList();
	}

	/** Approved limits recorded before {@code before} and not yet completed. */
	List<CreditLimitRequest> pendingApplications(Instant before, int max) {
		Query query = Query.query(Criteria.where("application.at").lt(before)).limit(max);
		return this.mongo.find(query, CreditLimitRequest.class, COLLECTION);
	}

	/** Decided requests, for the turnaround figures. */
	List<CreditLimitRequest> decided(Instant from, Instant to, String segment, int max) {
		Criteria criteria = Criteria.where("decidedAt").gte(from).lt(to).and("withinSla").ne(null);
		if (segment != null) {
			criteria = criteria.and("segment").is(segment);
		}
		return this.mongo.find(Query.query(criteria).limit(max), CreditLimitRequest.class, COLLECTION);
	}

	/**
	 * A page of requests, oldest due first (then oldest created): an approver's inbox
	 * when filtered by roles.
	 */
	Connection<CreditLimitRequest> page(Criteria criteria, int first, int offset) {
		long total = this.mongo.count(Query.query(criteria), COLLECTION);
		Query query = Query.query(criteria)
			.with(Sort.by(Sort.Order.asc("openDueAt"), Sort.Order.asc("createdAt"), Sort.Order.asc("_id")))
			.skip(offset)
			.limit(first + 1);
		List<CreditLimitRequest> found = this.mongo.find(query, CreditLimitRequest.class, COLLECTION);
		int[] position = { offset };
		List<String> keys = found.stream().map((r) -> Integer.toString(++position[0])).toList();
		return Connection.of(found, first, (r) -> keys.get(found.indexOf(r)), (int) total);
	}

}
