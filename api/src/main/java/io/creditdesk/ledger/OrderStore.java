package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.ledger.OrderInputs.OrderFilter;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes order documents. Every change of an existing order is one conditional
 * update on the version read ({@link #updateIfVersion}), which also moves the version on
 * and stamps {@code updatedAt}: a concurrent change is detected, never overwritten. The
 * Finance worklist is the orders carrying a {@value #WORKLIST_KEY}, in the order of that
 * key.
 */
@Repository
class OrderStore {

	/**
	 * Set while an order (or an amendment of it) waits for Finance: time-ordered, removed
	 * when it stops waiting.
	 */
	static final String WORKLIST_KEY = "worklistKey";

	/**
	 * The invoices of the order (id and credit value) that raised its invoiced part: what
	 * a compensation takes back when an invoice was not stored.
	 */
	static final String INVOICING = "invoicing";

	/** Whether the order's delivery lay beyond the check horizon when it was placed. */
	static final String LONG_DATED = "longDated";

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final Clock clock;

	OrderStore(MongoTemplate mongo, MongoIndexes indexes, Outbox outbox, AuditLog audit, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
		outbox.register(Order.class, Order.COLLECTION);
		audit.register(Order.class);
		indexes.declare(Order.class,
				new Index().on("customerId", Sort.Direction.ASC)
					.on("status", Sort.Direction.ASC)
					.named("customer_status"),
				new Index().on(WORKLIST_KEY, Sort.Direction.ASC).sparse().named("worklist"),
				new Index().on("placedAt", Sort.Direction.ASC).named("placedAt"),
				// The horizon sweep's long-dated open orders: a few among all orders.
				new Index().on(LONG_DATED, Sort.Direction.ASC)
					.on("status", Sort.Direction.ASC)
					.partial(PartialIndexFilter.of(Criteria.where(LONG_DATED).is(true)))
					.named("long_dated"));
	}

	Optional<Order> find(String orderId) {
		return Optional.ofNullable(this.mongo.findById(orderId, Order.class));
	}

	/** The order named by an input field, or the refusal a person reads. */
	Order require(String orderId) {
		if (orderId == null || orderId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "orderId");
		}
		return find(orderId.trim()).orElseThrow(() -> CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_FOUND,
				"orderId", UserError.quoted(orderId)));
	}

	/**
	 * A new order as the document to insert: the caller attaches its outbox events and
	 * pending-change token.
	 */
	Document toDocument(Order order) {
		return OrderDocuments.write(order);
	}

	/**
	 * Inserts a new order; a {@code DuplicateKeyException} says the order id was taken.
	 * The document goes to the driver as it is: {@link OrderDocuments} already wrote it
	 * as the converter would, and the template's insert ran it through the converter
	 * again (a copy of every field, with conversion look-ups per value) and published
	 * three mapping events nobody listens to: 3.8 % of the request threads' time in a
	 * profile of the load driver (BENCHMARKS.md, run 23). Errors are translated as the
	 * template translates them.
	 */
	Document insert(Document document) {
		try {
			this.mongo.getCollection(Order.COLLECTION).insertOne(document);
			return document;
		}
		catch (RuntimeException ex) {
			RuntimeException translated = this.mongo.getExceptionTranslator().translateExceptionIfPossible(ex);
			throw (translated != null) ? translated : ex;
		}
	}

	/**
	 * Applies {@code update} if the order is still at the version it was read at, moving
	 * the version on and stamping {@code updatedAt}.
	 * @return the order after the update, or empty when it changed meanwhile
	 */
	Optional<Order> updateIfVersion(Order order, Update update) {
		return updateIfVersion(order, null, update);
	}

	/**
	 * {@link #updateIfVersion(Order, Update)} with one more condition ({@code also}) the
	 * order must meet.
	 */
	Optional<Order> updateIfVersion(Order order, Criteria also, Update update) {
		Criteria same = Criteria.where("_id").is(order.id()).and("version").is(order.version());
		Query query = Query.query((also != null) ? new Criteria().andOperator(same, also) : same);
		return Optional
			.ofNullable(this.mongo.findAndModify(query, update.inc("version", 1).set("updatedAt", this.clock.instant()),
					FindAndModifyOptions.options().returnNew(true), Order.class));
	}

	/**
	 * Applies {@code update} with its audit record in the same document write if the
	 * order is unchanged, then moves the record to the trail.
	 * @throws CreditDeskException {@code CONCURRENT_MODIFICATION} when the order changed
	 * meanwhile
	 */
	Order updateAudited(Order order, Update update, AuditRecord audited) {
		Order updated = updateIfVersion(order, AuditOutbox.push(update, audited))
			.orElseThrow(() -> concurrent(order.id()));
		this.audit.settle(Order.class, order.id(), audited);
		return updated;
	}

	/**
	 * The order's invoiced part raised by an invoice about to be stored
	 * ({@code invoiceId} and its credit value kept on the order, {@value #INVOICING}), if
	 * the order is still at the version read and carries no entry of that invoice. The
	 * invoiced part in the order's currency is raised by {@code amount} too when the
	 * order knows it ({@link Order#invoicedInOrderCurrency}); the entry then keeps the
	 * amount, for a compensation to take back.
	 * @return the order after the update, or empty when it changed meanwhile
	 */
	Optional<Order> invoice(Order order, String invoiceId, BigDecimal credit, BigDecimal amount) {
		Document entry = new Document("id", invoiceId).append("credit", new Decimal128(credit));
		Update update = new Update().inc("invoicedCredit", credit);
		BigDecimal invoiced = order.invoicedInOrderCurrency();
		if (invoiced != null) {
			update.set("invoicedAmount", invoiced.add(amount));
			entry.append("amount", new Decimal128(amount));
		}
		return updateIfVersion(order, Criteria.where(INVOICING + ".id").ne(invoiceId), update.push(INVOICING, entry));
	}

	/** Whether the order carries the entry of invoice {@code invoiceId}. */
	boolean invoicedBy(String orderId, String invoiceId) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(orderId).and(INVOICING + ".id").is(invoiceId)),
				Order.class);
	}

	/**
	 * Takes back what invoice {@code invoiceId}, which was not stored, added to the
	 * invoiced part of an order of the customer: the entry and its credit value, in one
	 * update conditioned on the entry (so twice takes back once). Nothing when no order
	 * carries the entry, or when the invoice of that order is stored after all.
	 */
	void takeBackInvoicing(String customerId, String invoiceId) {
		MongoCollection<Document> orders = this.mongo.getCollection(Order.COLLECTION);
		Document order = orders.find(new Document("customerId", customerId).append(INVOICING + ".id", invoiceId))
			.projection(new Document(INVOICING, 1))
			.first();
		if (order == null || this.mongo.exists(
				Query.query(Criteria.where("_id").is(invoiceId).and("orderId").is(order.get("_id"))), Invoice.class)) {
			return;
		}
		for (Document entry : order.getList(INVOICING, Document.class)) {
			if (invoiceId.equals(entry.get("id"))) {
				Decimal128 credit = (Decimal128) entry.get("credit");
				Document inc = new Document("invoicedCredit", new Decimal128(credit.bigDecimalValue().negate()))
					.append("version", 1L);
				// The order's currency only where the entry raised it (an entry from
				// before it was kept did not).
				if (entry.get("amount") instanceof Decimal128 amount) {
					inc.append("invoicedAmount", new Decimal128(amount.bigDecimalValue().negate()));
				}
				orders.updateOne(
						new Document("_id", order.get("_id")).append(INVOICING,
								new Document("$elemMatch", new Document("id", invoiceId).append("credit", credit))),
						new Document("$pull", new Document(INVOICING, new Document("id", invoiceId)))
							.append("$inc", inc)
							.append("$set", new Document("updatedAt", Date.from(this.clock.instant()))));
			}
		}
	}

	static CreditDeskException concurrent(String orderId) {
		return CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("orderChanged"), "orderId",
				orderId);
	}

	// ---- the worklist ----

	/** A new worklist key: later keys sort after earlier ones. */
	static String newWorklistKey() {
		return new ObjectId().toHexString();
	}

	/**
	 * Puts the order on the worklist under {@code key}, or takes it off ({@code null}):
	 * the field is removed rather than set to null, so the worklist's sparse index holds
	 * only waiting orders.
	 */
	static Update worklist(Update update, String key) {
		return (key != null) ? update.set(WORKLIST_KEY, key) : update.unset(WORKLIST_KEY);
	}

	/**
	 * A page of the worklist, oldest first, after the worklist key {@code afterKey}
	 * (null: from the start).
	 */
	Connection<Order> waiting(OrderFilter filter, int size, String afterKey) {
		long total = this.mongo.count(Query.query(waiting(filter, Criteria.where(WORKLIST_KEY).ne(null))), Order.class);
		// After a cursor: the keys past it (a key greater than another is not null
		// either).
		Criteria criteria = waiting(filter,
				(afterKey != null) ? Criteria.where(WORKLIST_KEY).gt(afterKey) : Criteria.where(WORKLIST_KEY).ne(null));
		List<Order> orders = this.mongo.find(Query.query(criteria).with(Sort.by(WORKLIST_KEY)).limit(size + 1),
				Order.class);
		return Connection.of(orders, size, Order::worklistKey, (int) total);
	}

	/**
	 * The worklist's filter: {@code key} (the condition on the worklist key) and the
	 * optional filters.
	 */
	private static Criteria waiting(OrderFilter filter, Criteria key) {
		Criteria criteria = key;
		if (filter != null && filter.customerId() != null) {
			criteria = criteria.and("customerId").is(filter.customerId());
		}
		if (filter != null && filter.segment() != null) {
			criteria = criteria.and("segment").is(filter.segment().trim().toUpperCase());
		}
		if (filter != null && filter.channel() != null) {
			criteria = criteria.and("channel").is(filter.channel().trim().toUpperCase());
		}
		return criteria;
	}

	/** The customer's waiting orders, oldest first. */
	List<Order> waitingOf(String customerId, int limit) {
		Query held = Query.query(Criteria.where("customerId").is(customerId).and(WORKLIST_KEY).ne(null))
			.with(Sort.by(WORKLIST_KEY))
			.limit(limit);
		return this.mongo.find(held, Order.class);
	}

	/**
	 * The oldest waiting orders with only the fields that say how much credit each needs
	 * ({@code customerId}, {@code creditAmount.amount},
	 * {@code pendingAmendment.creditAmount.amount}, {@code longDated}, and the worklist
	 * key to read on from): the sweep reads many and needs no more. The first
	 * {@code limit} after the worklist key {@code after} (null: from the oldest).
	 */
	List<Document> waitingNeeds(String after, int limit) {
		Criteria waiting = (after == null) ? Criteria.where(WORKLIST_KEY).ne(null)
				: Criteria.where(WORKLIST_KEY).gt(after);
		Query held = Query.query(waiting).with(Sort.by(WORKLIST_KEY)).limit(limit);
		held.fields()
			.include("customerId", "creditAmount.amount", "shippedCredit", "pendingAmendment.creditAmount.amount",
					LONG_DATED, WORKLIST_KEY);
		return this.mongo.find(held, Document.class, Order.COLLECTION);
	}

	/**
	 * Open orders whose delivery lay beyond the check horizon when they were placed, in
	 * id order: {@code limit} of them after the first {@code skip}. (Skipped, not read on
	 * from an id: ids are strings and ObjectIds, which a range on {@code _id} does not
	 * cross.)
	 */
	List<Order> longDatedOpen(int skip, int limit) {
		Criteria criteria = Criteria.where(LONG_DATED).is(true).and("status").is(OrderStatus.OPEN);
		return this.mongo.find(Query.query(criteria).with(Sort.by("_id")).skip(skip).limit(limit), Order.class);
	}

	/** A customer's orders, newest first, optionally of one status. */
	Connection<Order> ofCustomer(String customerId, OrderStatus status, Integer first, String after) {
		Criteria criteria = Criteria.where("customerId").is(customerId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return NewestFirst.page(this.mongo, criteria, "placedAt", first, after, Order.class, Order::placedAt,
				Order::id);
	}

}
