package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.events.Outbox;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The atomic operations on exposure counters. A reservation is a single conditional update of
 * the customer's document: status, flags and "net + amount fits under the ceiling" are part of
 * its filter, so no interleaving of concurrent requests can approve more than fits. Decreases
 * never take a counter below zero.
 */
@Component
class Ledger {

	private static final Logger log = LoggerFactory.getLogger(Ledger.class);

	private static final String[] COUNTERS = { "openOrders", "longDatedOrders", "shippedNotInvoiced", "receivables" };

	private final MongoTemplate mongo;

	private final Clock clock;

	/**
	 * The fields of a customer document that a {@link CreditAccount} maps: account reads and
	 * reservations return only these, not the rest of the customer profile nor its outbox.
	 */
	private final String[] accountFields;

	private final Document projection;

	Ledger(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		List<String> fields = new java.util.ArrayList<>();
		mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(CreditAccount.class)
			.doWithProperties((org.springframework.data.mapping.PropertyHandler<MongoPersistentProperty>) property -> fields
				.add(property.getFieldName()));
		this.accountFields = fields.toArray(String[]::new);
		this.projection = accountProjection();
	}

	/**
	 * The account's fields only. Account reads and reservations (the hot path of every order) go
	 * to the driver with documents built here rather than through the template's query and update
	 * mapping; the result is read with the template's converter, as everywhere else.
	 */
	private Document accountProjection() {
		Document projection = new Document();
		for (String field : this.accountFields) {
			projection.append(field, 1);
		}
		return projection;
	}

	private MongoCollection<Document> accounts() {
		return this.mongo.getCollection(CreditAccount.COLLECTION);
	}

	/** A customer id as stored: the template stores ids that are valid ObjectIds as ObjectIds. */
	private static Object storedId(Object id) {
		return (id instanceof String s && ObjectId.isValid(s)) ? new ObjectId(s) : id;
	}

	private CreditAccount account(Document document) {
		return this.mongo.getConverter().read(CreditAccount.class, document);
	}

	Optional<CreditAccount> find(String customerId) {
		Document document = accounts().find(new Document("_id", storedId(customerId))).projection(this.projection).first();
		return Optional.ofNullable(document).map(this::account);
	}

	/** The account before and after one change. */
	record Change(CreditAccount before, CreditAccount after) {
	}

	/**
	 * Reserves {@code deltas} if the customer is active, unflagged and its checked net exposure
	 * plus {@code checkedAmount} stays within {@code ceiling} (its limit, or a larger ceiling on
	 * an approver's override). A null ceiling means no amount condition (long-dated orders).
	 * @return the change, or empty when the condition did not hold
	 */
	Optional<Change> reserve(String customerId, Deltas deltas, BigDecimal checkedAmount, SecuredTerms secured,
			BigDecimal ceiling) {
		Document filter = new Document("_id", customerId).append("status", "ACTIVE").append("flags", new Document("$size", 0));
		if (ceiling != null) {
			filter.append("$expr", ExposureFormula.fitsExpression(secured, checkedAmount, ExposureFormula.dec(ceiling)));
		}
		return modify(filter, deltas);
	}

	/**
	 * Reserves before the account was read, on what an earlier reading showed ({@code hint}):
	 * the same conditions as {@link #reserve}, against the account's own limit, and only if the
	 * account still has the hint's currency, policy subject and group, and no receivables (so no
	 * overdue ones). Empty when any of that no longer holds or the order does not fit.
	 */
	Optional<Change> reserveAhead(String customerId, AccountContexts.Hint hint, Deltas deltas, BigDecimal checkedAmount,
			SecuredTerms secured, boolean checkLimit) {
		Document filter = new Document("_id", customerId).append("status", "ACTIVE")
			.append("flags", new Document("$size", 0))
			.append("creditCurrency", hint.creditCurrency())
			.append("segment", hint.subject().segment())
			.append("tier", hint.subject().tier())
			.append("industry", hint.subject().industry())
			.append("parentId", hint.parentId())
			.append("exposure.receivables", new Document("$not", new Document("$gt", ExposureFormula.dec(BigDecimal.ZERO))));
		if (checkLimit) {
			filter.append("$expr", ExposureFormula.fitsExpression(secured, checkedAmount, "$creditLimit.amount.amount"));
		}
		return modify(filter, deltas);
	}

	/**
	 * Reserves on the group parent's document if the group's net plus {@code amount} stays within
	 * the group limit.
	 */
	boolean reserveGroup(String parentId, BigDecimal amount) {
		Document filter = new Document("_id", parentId).append("$expr",
				new Document("$lte",
						List.of(new Document("$add",
								List.of(new Document("$ifNull", List.of("$groupExposure.net", ExposureFormula.dec(BigDecimal.ZERO))),
										ExposureFormula.dec(amount))),
								"$groupLimit.amount")));
		// Through the mapped template (not the raw collection): ids that look like ObjectIds are stored as ObjectIds.
		return this.mongo.findAndModify(new BasicQuery(filter), new Update().inc("groupExposure.net", amount),
				CreditAccount.class, CreditAccount.COLLECTION) != null;
	}

	void adjustGroup(String parentId, BigDecimal delta) {
		if (delta.signum() != 0) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(parentId)), new Update().inc("groupExposure.net", delta),
					CreditAccount.class, CreditAccount.COLLECTION);
		}
	}

	/**
	 * Applies {@code deltas} unconditionally, except that no counter may go below zero: a
	 * decrease larger than the counter is a drift, logged and clamped at zero.
	 */
	Change apply(String customerId, Deltas deltas) {
		Criteria criteria = Criteria.where("_id").is(customerId);
		BigDecimal[] values = values(deltas);
		for (int i = 0; i < COUNTERS.length; i++) {
			if (values[i].signum() < 0) {
				criteria = criteria.and("exposure." + COUNTERS[i]).gte(ExposureFormula.dec(values[i].negate()));
			}
		}
		Optional<Change> change = modify(Query.query(criteria).getQueryObject(), deltas);
		if (change.isPresent()) {
			return change.get();
		}
		return clamp(customerId, deltas);
	}

	private Change clamp(String customerId, Deltas deltas) {
		for (int attempt = 0; attempt < 10; attempt++) {
			CreditAccount before = find(customerId)
				.orElseThrow(() -> new IllegalStateException("Customer " + customerId + " vanished"));
			ExposureCounters target = before.exposure().plus(deltas);
			ExposureCounters clamped = new ExposureCounters(target.openOrders().max(BigDecimal.ZERO),
					target.longDatedOrders().max(BigDecimal.ZERO), target.shippedNotInvoiced().max(BigDecimal.ZERO),
					target.receivables().max(BigDecimal.ZERO));
			Query same = Query.query(Criteria.where("_id").is(customerId)
				.and("exposure.openOrders").is(before.exposure().openOrders())
				.and("exposure.longDatedOrders").is(before.exposure().longDatedOrders())
				.and("exposure.shippedNotInvoiced").is(before.exposure().shippedNotInvoiced())
				.and("exposure.receivables").is(before.exposure().receivables()));
			Update set = new Update().set("exposure.openOrders", clamped.openOrders())
				.set("exposure.longDatedOrders", clamped.longDatedOrders())
				.set("exposure.shippedNotInvoiced", clamped.shippedNotInvoiced())
				.set("exposure.receivables", clamped.receivables());
			Outbox.exposureMoved(set, this.clock.instant());
			if (this.mongo.updateFirst(same, set, CreditAccount.class, CreditAccount.COLLECTION).getModifiedCount() == 1
					|| before.exposure().equals(clamped)) {
				log.warn("Exposure drift on customer {}: applying {} would go below zero; clamped at zero. "
						+ "Run reconcileExposure to see where it came from.", customerId, deltas);
				return new Change(before, withExposure(before, clamped));
			}
		}
		throw new IllegalStateException("Could not apply " + deltas + " to customer " + customerId);
	}

	private Optional<Change> modify(Document filter, Deltas deltas) {
		Update update = new Update();
		BigDecimal[] values = values(deltas);
		for (int i = 0; i < COUNTERS.length; i++) {
			if (values[i].signum() != 0) {
				update.inc("exposure." + COUNTERS[i], ExposureFormula.dec(values[i]));
			}
		}
		// Every change of exposure is published (as a snapshot) through the customer's outbox.
		Outbox.exposureMoved(update, this.clock.instant());
		Document stored = new Document(filter).append("_id", storedId(filter.get("_id")));
		Document found = accounts().findOneAndUpdate(stored, update.getUpdateObject(),
				new FindOneAndUpdateOptions().projection(this.projection).returnDocument(ReturnDocument.BEFORE));
		if (found == null) {
			return Optional.empty();
		}
		CreditAccount before = account(found);
		return Optional.of(new Change(before, withExposure(before, before.exposure().plus(deltas))));
	}

	/** Sets the counters to recomputed values if they still hold {@code expected}, with {@code audit}'s record. */
	boolean replaceCounters(String customerId, ExposureCounters expected, ExposureCounters replacement,
			AuditRecord audit) {
		// Missing counters read as zero, so a zero expectation also matches a missing field.
		Query same = Query.query(Criteria.where("_id").is(customerId)
			.and("exposure.openOrders").in(expected.openOrders(), null)
			.and("exposure.longDatedOrders").in(expected.longDatedOrders(), null)
			.and("exposure.shippedNotInvoiced").in(expected.shippedNotInvoiced(), null)
			.and("exposure.receivables").in(expected.receivables(), null));
		Update set = new Update().set("exposure.openOrders", replacement.openOrders())
			.set("exposure.longDatedOrders", replacement.longDatedOrders())
			.set("exposure.shippedNotInvoiced", replacement.shippedNotInvoiced())
			.set("exposure.receivables", replacement.receivables());
		Outbox.exposureMoved(set, this.clock.instant());
		AuditOutbox.push(set, audit);
		return this.mongo.updateFirst(same, set, CreditAccount.class, CreditAccount.COLLECTION).getModifiedCount() == 1;
	}

	/**
	 * Records that the customer's credit position changed without its counters moving (its
	 * securities or group limit changed), so that a fresh snapshot is published.
	 */
	void positionChanged(String customerId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				Outbox.exposureMoved(new Update(), this.clock.instant()), CreditAccount.class, CreditAccount.COLLECTION);
	}

	void setGroupNet(String parentId, BigDecimal net) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(parentId)), new Update().set("groupExposure.net", net),
				CreditAccount.class, CreditAccount.COLLECTION);
	}

	private static CreditAccount withExposure(CreditAccount a, ExposureCounters exposure) {
		return new CreditAccount(a.id(), a.creditCurrency(), a.status(), a.flags(), a.creditLimit(), a.parentId(),
				a.segment(), a.tier(), a.industry(), exposure, a.groupLimit(), a.groupExposure());
	}

	private static BigDecimal[] values(Deltas d) {
		return new BigDecimal[] { d.openOrders(), d.longDatedOrders(), d.shippedNotInvoiced(), d.receivables() };
	}

}
