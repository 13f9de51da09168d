package io.creditdesk.limitrequest;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.Decimal128;

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
 * <p>
 * A customer has at most one open request: opening one first claims the customer in
 * {@value #CLAIMS}, one document per customer under the customer's id, so of concurrent
 * claims exactly one is inserted. The claim is released by the write that decides the
 * request (any final status), or right after the insert of a request decided at once. A
 * claim whose request is decided (its release lost in a crash) or whose request does not
 * exist after the claim lease ({@code creditdesk.limit-requests.claim-lease}, a minute by
 * default; a crash between claim and insert) is taken over.
 */
@Repository
class RequestStore {

	static final String COLLECTION = "credit_limit_requests";

	/** One document per customer with an open request: {@code _id} the customer's id. */
	static final String CLAIMS = "credit_limit_request_claims";

	private static final int CLAIM_ATTEMPTS = 5;

	private static final Set<String> OPEN = Set.of(RequestStatus.SUBMITTED.name(), RequestStatus.IN_APPROVAL.name(),
			RequestStatus.RETURNED.name());

	private final MongoTemplate mongo;

	private final AuditLog audit;

	/**
	 * How long a claim whose request was not inserted is held for the request being
	 * opened, before another request may take it over.
	 */
	private final Duration claimLease;

	RequestStore(MongoTemplate mongo, MongoIndexes indexes, Outbox outbox, AuditLog audit,
			LimitRequestProperties properties) {
		this.mongo = mongo;
		this.audit = audit;
		this.claimLease = properties.claimLease();
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
		if (request.status().isFinal()) {
			release(request);
		}
		return request;
	}

	/**
	 * The open request that holds a customer's claim: its id, the limit it asks for and
	 * its status ({@code SUBMITTED} while it is being opened).
	 */
	record OpenRequest(String id, Money requestedLimit, RequestStatus status) {
	}

	/**
	 * Claims the customer for the request about to be opened, atomically.
	 * @return empty when claimed; otherwise the customer's open request
	 */
	Optional<OpenRequest> claim(String customerId, String requestId, Money requested, Instant now) {
		for (int attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
			Document claim = new Document("_id", customerId).append("requestId", requestId)
				.append("requestedAmount", new Decimal128(requested.amount()))
				.append("currency", requested.currency())
				.append("claimedAt", Date.from(now));
			try {
				// The raw collection: the customer's id is the _id as it is (a mapped
				// write would turn an id that reads as an ObjectId into one).
				claims().insertOne(claim);
				return openBeforeClaims(customerId, requestId);
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				// Claimed already: by whom, below.
			}
			Document held = claims().find(new Document("_id", customerId)).first();
			if (held == null) {
				// Released meanwhile: claim again.
				continue;
			}
			String holderId = held.getString("requestId");
			CreditLimitRequest holder = find(holderId).orElse(null);
			boolean expired = held.getDate("claimedAt").toInstant().plus(this.claimLease).isBefore(now);
			if (holder != null && !holder.status().isFinal()) {
				return Optional.of(new OpenRequest(holder.id(), holder.requestedLimit(), holder.status()));
			}
			if (holder == null && !expired) {
				// Being opened right now.
				return Optional.of(new OpenRequest(holderId,
						new Money(held.get("requestedAmount", Decimal128.class).bigDecimalValue(),
								held.getString("currency")),
						RequestStatus.SUBMITTED));
			}
			// Decided without its release, or never inserted: taken over, if no one
			// else took it first.
			claim.remove("_id");
			long taken = claims()
				.updateOne(new Document("_id", customerId).append("requestId", holderId)
					.append("claimedAt", held.getDate("claimedAt")), new Document("$set", claim))
				.getModifiedCount();
			if (taken == 1) {
				return openBeforeClaims(customerId, requestId);
			}
		}
		throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION, "customerId");
	}

	/**
	 * A request left open from before claims existed: the claim passes to it, and it is
	 * the customer's open request.
	 */
	private Optional<OpenRequest> openBeforeClaims(String customerId, String requestId) {
		CreditLimitRequest open = this.mongo.findOne(
				Query.query(Criteria.where("customerId").is(customerId).and("status").in(OPEN).and("id").ne(requestId)),
				CreditLimitRequest.class, COLLECTION);
		if (open == null) {
			return Optional.empty();
		}
		claims().updateOne(new Document("_id", customerId).append("requestId", requestId),
				new Document("$set", new Document("requestId", open.id())));
		return Optional.of(new OpenRequest(open.id(), open.requestedLimit(), open.status()));
	}

	private MongoCollection<Document> claims() {
		return this.mongo.getCollection(CLAIMS);
	}

	/** Releases the customer's claim if this request holds it. */
	void release(CreditLimitRequest request) {
		release(request.customerId(), request.id());
	}

	/** Releases the customer's claim if the request {@code requestId} holds it. */
	void release(String customerId, String requestId) {
		claims().deleteOne(new Document("_id", customerId).append("requestId", requestId));
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
			if (stored.status().isFinal()) {
				release(stored);
			}
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

	/** Whether the customer has an open request, of any type and origin. */
	boolean hasOpen(String customerId) {
		return hasOpen(customerId, List.of(RequestType.values()));
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
