package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The atomic operations on exposure counters. A reservation is a single conditional
 * update of the customer's document: status, flags and "net + amount fits under the
 * ceiling" are part of its filter, so no interleaving of concurrent requests can approve
 * more than fits. Decreases never take a counter below zero.
 * <p>
 * Internal to the ledger: it changes counters without the pending-change marks that make
 * a change and its document write one ({@link LedgerWrite}), so nothing outside this
 * package may call it; other capabilities go through {@link OrderService},
 * {@link InvoiceService} and {@link CreditAccountService}.
 */
@Component
class Ledger {

	private static final Logger log = LoggerFactory.getLogger(Ledger.class);

	/**
	 * The changes of a customer's counters whose document write is pending
	 * ({@link PendingChange}).
	 */
	static final String PENDING = "pendingChanges";

	/** On a group parent's document: the group's part of members' pending changes. */
	static final String GROUP_PENDING = "groupPendingChanges";

	/**
	 * The most pending changes one document holds: as many writes for one customer as may
	 * be in flight at once, and what a crash left until it is resolved. Bounded so that a
	 * store failing every settlement cannot grow the customer's document without end.
	 */
	static final int MAX_PENDING = 100;

	private static final String[] COUNTERS = { "openOrders", "longDatedOrders", "shippedNotInvoiced", "receivables" };

	private final MongoTemplate mongo;

	private final Clock clock;

	/**
	 * The fields of a customer document that a {@link CreditAccount} maps: account reads
	 * and reservations return only these, not the rest of the customer profile nor its
	 * outbox.
	 */
	private final String[] accountFields;

	private final Document projection;

	/**
	 * What a change returns of the account: its fields without the pending changes, which
	 * a decision does not read (under contention they are the other requests' marks).
	 */
	private final Document changeProjection;

	Ledger(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
		List<String> fields = new ArrayList<>();
		mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(CreditAccount.class)
			.doWithProperties(
					(PropertyHandler<MongoPersistentProperty>) property -> fields.add(property.getFieldName()));
		this.accountFields = fields.toArray(String[]::new);
		this.projection = accountProjection();
		this.changeProjection = new Document(this.projection);
		this.changeProjection.remove(PENDING);
	}

	/**
	 * The account's fields only. Account reads and reservations (the hot path of every
	 * order) go to the driver with documents built here rather than through the
	 * template's query and update mapping; the result is read with the template's
	 * converter, as everywhere else.
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

	/**
	 * A customer id as stored: the template stores ids that are valid ObjectIds as
	 * ObjectIds.
	 */
	static Object storedId(Object id) {
		return (id instanceof String s && ObjectId.isValid(s)) ? new ObjectId(s) : id;
	}

	private CreditAccount account(Document document) {
		CreditAccount account = AccountDocuments.read(document);
		return (account != null) ? account : this.mongo.getConverter().read(CreditAccount.class, document);
	}

	/** The accounts of {@code customerIds} in one read, by customer id (absent: none). */
	Map<String, CreditAccount> findAll(Collection<String> customerIds) {
		Map<String, CreditAccount> accounts = new HashMap<>();
		List<Object> ids = customerIds.stream().map(Ledger::storedId).toList();
		for (Document document : accounts().find(new Document("_id", new Document("$in", ids)))
			.projection(this.projection)) {
			CreditAccount account = account(document);
			accounts.put(account.id(), account);
		}
		return accounts;
	}

	Optional<CreditAccount> find(String customerId) {
		Document document = accounts().find(new Document("_id", storedId(customerId)))
			.projection(this.projection)
			.first();
		return Optional.ofNullable(document).map(this::account);
	}

	/**
	 * An account as one reading found it, with the version of its counters
	 * ({@code exposureSeq}, moved by every change of them; 0 when never).
	 */
	record Sequenced(CreditAccount account, long exposureSeq) {
	}

	Optional<Sequenced> findSequenced(String customerId) {
		Document document = accounts().find(new Document("_id", storedId(customerId)))
			.projection(new Document(this.projection).append(Outbox.EXPOSURE_SEQ, 1))
			.first();
		if (document == null) {
			return Optional.empty();
		}
		Object seq = document.get(Outbox.EXPOSURE_SEQ);
		return Optional.of(new Sequenced(account(document), (seq instanceof Number n) ? n.longValue() : 0L));
	}

	/**
	 * The account before and after one change, and the pending change it marked, if any.
	 */
	record Change(CreditAccount before, CreditAccount after, PendingChange mark) {

		Change(CreditAccount before, CreditAccount after) {
			this(before, after, null);
		}

	}

	/**
	 * Reserves {@code mark}'s deltas, and marks them pending, if the customer is active,
	 * unflagged and its checked net exposure plus {@code checkedAmount} stays within
	 * {@code ceiling} (its limit, or a larger ceiling on an approver's override). A null
	 * ceiling means no amount condition (long-dated orders).
	 * @return the change, or empty when the condition did not hold or the document
	 * already has a pending change (or the most there may be)
	 */
	Optional<Change> reserve(String customerId, PendingChange mark, BigDecimal checkedAmount, SecuredTerms secured,
			BigDecimal ceiling) {
		Document filter = new Document("_id", customerId).append("status", "ACTIVE")
			.append("flags", new Document("$size", 0));
		if (ceiling != null) {
			filter.append("$expr",
					ExposureFormula.fitsExpression(secured, checkedAmount, ExposureFormula.dec(ceiling)));
		}
		return mark(filter, mark);
	}

	/**
	 * Reserves before the account was read, on what an earlier reading showed
	 * ({@code hint}): the same conditions as {@link #reserve}, against the account's own
	 * limit, and only if the account still has the hint's currency, policy subject and
	 * group, and no receivables (so no overdue ones). Empty when any of that no longer
	 * holds or the order does not fit.
	 */
	Optional<Change> reserveAhead(String customerId, AccountContexts.Hint hint, PendingChange mark,
			BigDecimal checkedAmount, SecuredTerms secured, boolean checkLimit) {
		Document filter = new Document("_id", customerId).append("status", "ACTIVE")
			.append("flags", new Document("$size", 0))
			.append("creditCurrency", hint.creditCurrency())
			.append("segment", hint.subject().segment())
			.append("tier", hint.subject().tier())
			.append("industry", hint.subject().industry())
			.append("parentId", hint.parentId())
			.append("exposure.receivables",
					new Document("$not", new Document("$gt", ExposureFormula.dec(BigDecimal.ZERO))));
		if (checkLimit) {
			filter.append("$expr",
					ExposureFormula.fitsExpression(secured, checkedAmount, "$creditLimit.amount.amount"));
		}
		return mark(filter, mark);
	}

	/**
	 * Marks a change without a credit condition: applied now ({@code mark.applied()},
	 * clamped at zero like {@link #apply}) or when it settles (a decrease). Empty when
	 * the document already has a pending change (or the customer has the most there may
	 * be).
	 */
	Optional<Change> mark(String customerId, PendingChange mark) {
		return mark(new Document("_id", customerId), mark);
	}

	private Optional<Change> mark(Document filter, PendingChange mark) {
		filter.append(PENDING + ".key", new Document("$ne", mark.key()))
			.append(PENDING + "." + (MAX_PENDING - 1), new Document("$exists", false));
		return update(filter, mark.applied() ? mark.deltas() : Deltas.NONE, mark, null);
	}

	/**
	 * Settles a pending change whose write landed: removes the mark and, for a decrease
	 * marked before its write, applies it now. Empty when the mark was no longer there
	 * (settled or undone before): nothing changed then.
	 */
	Optional<Change> settle(String customerId, PendingChange mark) {
		return finish(customerId, mark, mark.applied() ? Deltas.NONE : mark.deltas());
	}

	/**
	 * Undoes a pending change whose write did not land: removes the mark and takes back
	 * what it applied. Empty when the mark was no longer there: nothing changed then, so
	 * undoing twice takes back once.
	 */
	Optional<Change> undo(String customerId, PendingChange mark) {
		return finish(customerId, mark, mark.applied() ? mark.deltas().negate() : Deltas.NONE);
	}

	/**
	 * Moves a mark's time to {@code at}, so that its lease starts again (a slow write);
	 * false when the mark was no longer there (undone, as a crash's, meanwhile).
	 */
	boolean renew(String customerId, PendingChange mark, Instant at) {
		// Tokens are unique: the positional operator finds the mark by its token alone.
		Document filter = new Document("_id", storedId(customerId)).append(PENDING + ".token", mark.token());
		return accounts().updateOne(filter, new Document("$set", new Document(PENDING + ".$.at", Date.from(at))))
			.getModifiedCount() == 1;
	}

	/** {@link #renew} for the group's part of a change. */
	boolean renewGroup(String parentId, PendingChange.Group mark, Instant at) {
		Document filter = new Document("_id", storedId(parentId)).append(GROUP_PENDING + ".token", mark.token());
		return accounts().updateOne(filter, new Document("$set", new Document(GROUP_PENDING + ".$.at", Date.from(at))))
			.getModifiedCount() == 1;
	}

	/**
	 * Removes a mark whose counters need no change; false when it was no longer there.
	 */
	boolean unmark(String customerId, PendingChange mark) {
		Document filter = new Document("_id", storedId(customerId)).append(PENDING,
				elemMatch(mark.key(), mark.token()));
		Document pull = new Document("$pull",
				new Document(PENDING, new Document("key", mark.key()).append("token", mark.token())));
		return accounts().updateOne(filter, pull).getModifiedCount() == 1;
	}

	private Optional<Change> finish(String customerId, PendingChange mark, Deltas deltas) {
		Document filter = new Document("_id", customerId).append(PENDING, elemMatch(mark.key(), mark.token()));
		return update(filter, deltas, null, new Document("key", mark.key()).append("token", mark.token()));
	}

	/** The members' entries of the group exposure, on the parent's document. */
	static final String GROUP_MEMBERS = "groupExposure.members";

	/** The version of the group figures, on the parent's document. */
	static final String GROUP_SEQ = "groupExposure.seq";

	/**
	 * Reserves a member's change on the group parent's document ({@code mark.amount()} of
	 * the member's net exposure, in its currency, on its own entry), marked pending like
	 * the member's. With {@code rates} (every currency the group holds, into the
	 * parent's, today), only if the group's exposure at those rates plus the change stays
	 * within the group limit and every entry that is not zero is in a currency of
	 * {@code rates} (a member in another currency may have joined the figures since they
	 * were read: not checked on rates that do not cover it).
	 */
	boolean reserveGroup(String parentId, PendingChange.Group mark, Map<String, BigDecimal> rates) {
		Document filter = new Document("_id", storedId(parentId)).append(GROUP_PENDING + "." + (MAX_PENDING - 1),
				new Document("$exists", false));
		if (rates != null) {
			Object fits = new Document("$lte", List.of(
					new Document("$add",
							List.of(groupExposureExpression(rates),
									ExposureFormula.dec(mark.amount().multiply(rates.get(mark.currency()))))),
					"$groupLimit.amount"));
			filter.append("$expr", new Document("$and", List.of(onlyKnownCurrencies(rates), fits)));
		}
		Document update = memberMoved(new Document(), mark.member(), mark.currency(), mark.amount()).append("$push",
				new Document(GROUP_PENDING,
						new Document("key", mark.key()).append("token", mark.token())
							.append("amount", ExposureFormula.dec(mark.amount()))
							.append("member", mark.member())
							.append("currency", mark.currency())
							.append("at", Date.from(mark.at()))
							.append("version", mark.version())));
		return accounts().updateOne(filter, update).getModifiedCount() == 1;
	}

	/**
	 * The group's exposure in the parent's currency, evaluated by the store: the figure
	 * kept before the group was held per member, plus each member's entry at its
	 * currency's rate.
	 */
	private static Document groupExposureExpression(Map<String, BigDecimal> rates) {
		Object zero = ExposureFormula.dec(BigDecimal.ZERO);
		Object net = new Document("$ifNull", List.of("$$this.v.net", zero));
		// A currency without a rate here counts nothing: onlyKnownCurrencies refuses it.
		Object converted = zero;
		for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
			converted = new Document("$cond", List.of(new Document("$eq", List.of("$$this.v.currency", rate.getKey())),
					new Document("$multiply", List.of(net, ExposureFormula.dec(rate.getValue()))), converted));
		}
		Object sum = new Document("$reduce", new Document("input", groupMembersArray()).append("initialValue", zero)
			.append("in", new Document("$add", List.of("$$value", converted))));
		return new Document("$add", List.of(new Document("$ifNull", List.of("$groupExposure.net", zero)), sum));
	}

	/**
	 * True when every member's entry that is not zero is in a currency of {@code rates},
	 * evaluated by the store.
	 */
	private static Document onlyKnownCurrencies(Map<String, BigDecimal> rates) {
		Object zero = ExposureFormula.dec(BigDecimal.ZERO);
		Object known = new Document("$or",
				List.of(new Document("$in", List.of("$$this.v.currency", new ArrayList<>(rates.keySet()))),
						new Document("$eq", List.of(new Document("$ifNull", List.of("$$this.v.net", zero)), zero))));
		return new Document("$reduce", new Document("input", groupMembersArray()).append("initialValue", true)
			.append("in", new Document("$and", List.of("$$value", known))));
	}

	private static Document groupMembersArray() {
		return new Document("$objectToArray", new Document("$ifNull", List.of("$" + GROUP_MEMBERS, new Document())));
	}

	/**
	 * Adds to {@code update} the move of a member's entry by {@code amount} (in its
	 * currency), or of the figure kept before the group was held per member when
	 * {@code member} is null, and the move of the group figures' version.
	 */
	private static Document memberMoved(Document update, String member, String currency, BigDecimal amount) {
		Document inc = new Document(GROUP_SEQ, 1L);
		if (member == null) {
			inc.append("groupExposure.net", ExposureFormula.dec(amount));
		}
		else {
			inc.append(GROUP_MEMBERS + "." + member + ".net", ExposureFormula.dec(amount));
			update.append("$set", new Document(GROUP_MEMBERS + "." + member + ".currency", currency));
		}
		return update.append("$inc", inc);
	}

	/**
	 * Removes the group's mark of a change whose write landed; false when it was no
	 * longer there.
	 */
	boolean settleGroup(String parentId, PendingChange.Group mark) {
		return finishGroup(parentId, mark, false);
	}

	/**
	 * Takes back the group's part of a change whose write did not land, once; false when
	 * it was no longer there.
	 */
	boolean undoGroup(String parentId, PendingChange.Group mark) {
		return finishGroup(parentId, mark, true);
	}

	private boolean finishGroup(String parentId, PendingChange.Group mark, boolean takeBack) {
		Document filter = new Document("_id", storedId(parentId)).append(GROUP_PENDING,
				elemMatch(mark.key(), mark.token()));
		Document update = new Document("$pull",
				new Document(GROUP_PENDING, new Document("key", mark.key()).append("token", mark.token())));
		if (takeBack) {
			// Exactly what the reservation added, in the same currency, on the same
			// entry.
			memberMoved(update, mark.member(), mark.currency(), mark.amount().negate());
		}
		return accounts().updateOne(filter, update).getModifiedCount() == 1;
	}

	/** How many group marks the parent's document holds. */
	int groupMarks(String parentId) {
		Document document = accounts().find(new Document("_id", storedId(parentId)))
			.projection(new Document(GROUP_PENDING, 1))
			.first();
		List<?> marks = (document != null) ? document.getList(GROUP_PENDING, Object.class) : null;
		return (marks != null) ? marks.size() : 0;
	}

	/**
	 * Moves a member's entry of its group's exposure by {@code delta}, in the member's
	 * currency (a decrease that follows the member's own, one atomic update of the
	 * parent's document).
	 */
	void adjustGroup(String parentId, String member, String currency, BigDecimal delta) {
		if (delta.signum() != 0) {
			accounts().updateOne(new Document("_id", storedId(parentId)),
					memberMoved(new Document(), member, currency, delta));
		}
	}

	/**
	 * Applies {@code deltas} unconditionally, except that no counter may go below zero: a
	 * decrease larger than the counter is a drift, logged and clamped at zero.
	 */
	Change apply(String customerId, Deltas deltas) {
		return update(new Document("_id", customerId), deltas, null, null)
			.orElseThrow(() -> new IllegalStateException("Customer " + customerId + " vanished"));
	}

	/**
	 * One conditional update of a customer's document: {@code filter}, and every counter
	 * lowered staying at or above zero; applies the deltas, and pushes {@code mark} (with
	 * the deltas applied, if it is applied now) or pulls {@code pull}. A decrease larger
	 * than its counter is a drift: logged, and applied clamped at zero (the mark then
	 * records what was applied, so undoing it takes back exactly that).
	 * @return the change, or empty when {@code filter} did not match
	 */
	private Optional<Change> update(Document filter, Deltas deltas, PendingChange mark, Document pull) {
		Deltas applied = deltas;
		for (int attempt = 0; attempt < 10; attempt++) {
			Document conditions = new Document(filter).append("_id", storedId(filter.get("_id")));
			BigDecimal[] values = values(applied);
			Update update = new Update();
			for (int i = 0; i < COUNTERS.length; i++) {
				if (values[i].signum() < 0) {
					conditions.append("exposure." + COUNTERS[i],
							new Document("$gte", ExposureFormula.dec(values[i].negate())));
				}
				if (values[i].signum() != 0) {
					update.inc("exposure." + COUNTERS[i], ExposureFormula.dec(values[i]));
				}
			}
			PendingChange marked = (mark != null && mark.applied()) ? withDeltas(mark, applied) : mark;
			if (!applied.isZero()) {
				// Every change of exposure is published (as a snapshot) through the
				// customer's outbox.
				Outbox.exposureMoved(update, this.clock.instant());
			}
			if (marked != null) {
				update.push(PENDING, markDocument(marked));
			}
			if (pull != null) {
				update.pull(PENDING, pull);
			}
			Document found = accounts().findOneAndUpdate(conditions, update.getUpdateObject(),
					new FindOneAndUpdateOptions().projection(this.changeProjection)
						.returnDocument(ReturnDocument.BEFORE));
			if (found != null) {
				CreditAccount before = account(found);
				return Optional.of(new Change(before, withExposure(before, before.exposure().plus(applied)), marked));
			}
			if (!applied.lowersAnything()) {
				return Optional.empty();
			}
			Document current = accounts().find(new Document(filter).append("_id", storedId(filter.get("_id"))))
				.projection(this.projection)
				.first();
			if (current == null) {
				return Optional.empty();
			}
			Deltas clamped = clamped(account(current).exposure(), deltas);
			if (!clamped.equals(deltas)) {
				log.warn("Exposure drift on customer {}: applying {} would go below zero; clamped at zero. "
						+ "Run reconcileExposure to see where it came from.", filter.get("_id"), deltas);
			}
			applied = clamped;
		}
		throw new IllegalStateException("Could not apply " + deltas + " to customer " + filter.get("_id"));
	}

	/** {@code deltas} with every decrease limited to what its counter holds. */
	private static Deltas clamped(ExposureCounters counters, Deltas deltas) {
		BigDecimal[] current = { counters.openOrders(), counters.longDatedOrders(), counters.shippedNotInvoiced(),
				counters.receivables() };
		BigDecimal[] values = values(deltas);
		for (int i = 0; i < values.length; i++) {
			if (values[i].signum() < 0) {
				values[i] = values[i].max(current[i].negate()).min(BigDecimal.ZERO);
			}
		}
		return new Deltas(values[0], values[1], values[2], values[3]);
	}

	private Document markDocument(PendingChange mark) {
		Document deltas = new Document();
		BigDecimal[] values = values(mark.deltas());
		for (int i = 0; i < COUNTERS.length; i++) {
			if (values[i].signum() != 0) {
				deltas.append(COUNTERS[i], ExposureFormula.dec(values[i]));
			}
		}
		Document document = new Document("key", mark.key()).append("token", mark.token())
			.append("deltas", deltas)
			.append("applied", mark.applied())
			.append("at", Date.from(mark.at()));
		if (mark.version() != null) {
			document.append("version", mark.version());
		}
		return document;
	}

	private static PendingChange withDeltas(PendingChange mark, Deltas deltas) {
		return new PendingChange(mark.key(), mark.token(), deltas, mark.applied(), mark.at(), mark.version());
	}

	private static Document elemMatch(String key, String token) {
		return new Document("$elemMatch", new Document("key", key).append("token", token));
	}

	/**
	 * Sets the counters to recomputed values if they still hold {@code expected} and no
	 * change is pending (a pending change would be settled or undone on the old values),
	 * with {@code audit}'s record.
	 */
	boolean replaceCounters(String customerId, ExposureCounters expected, ExposureCounters replacement,
			AuditRecord audit) {
		// Missing counters read as zero, so a zero expectation also matches a missing
		// field.
		Query same = Query.query(Criteria.where("_id")
			.is(customerId)
			.and(PENDING + ".0")
			.exists(false)
			.and("exposure.openOrders")
			.in(expected.openOrders(), null)
			.and("exposure.longDatedOrders")
			.in(expected.longDatedOrders(), null)
			.and("exposure.shippedNotInvoiced")
			.in(expected.shippedNotInvoiced(), null)
			.and("exposure.receivables")
			.in(expected.receivables(), null));
		Update set = new Update().set("exposure.openOrders", replacement.openOrders())
			.set("exposure.longDatedOrders", replacement.longDatedOrders())
			.set("exposure.shippedNotInvoiced", replacement.shippedNotInvoiced())
			.set("exposure.receivables", replacement.receivables());
		Outbox.exposureMoved(set, this.clock.instant());
		AuditOutbox.push(set, audit);
		return this.mongo.updateFirst(same, set, CreditAccount.class, CreditAccount.COLLECTION).getModifiedCount() == 1;
	}

	/**
	 * Records that the customer's credit position changed without its counters moving
	 * (its securities or group limit changed), so that a fresh snapshot is published.
	 */
	void positionChanged(String customerId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				Outbox.exposureMoved(new Update(), this.clock.instant()), CreditAccount.class,
				CreditAccount.COLLECTION);
	}

	/**
	 * Replaces the group figures on the parent's document with {@code members} (each
	 * member's net exposure in its currency, recomputed) if they are still at version
	 * {@code expectedSeq} and no member's reservation is pending on the group (it would
	 * be settled or undone on the old figures), with {@code audit}'s record; the figure
	 * kept before the group was held per member goes.
	 */
	boolean replaceGroup(String parentId, long expectedSeq, Map<String, CreditAccount.MemberExposure> members,
			AuditRecord audit) {
		Query same = Query.query(Criteria.where("_id")
			.is(parentId)
			.and(GROUP_PENDING + ".0")
			.exists(false)
			.and(GROUP_SEQ)
			.in((expectedSeq == 0) ? new Object[] { 0L, null } : new Object[] { expectedSeq }));
		Document entries = new Document();
		members.forEach((id, member) -> entries.append(id,
				new Document("currency", member.currency()).append("net", ExposureFormula.dec(member.net()))));
		Update set = new Update().set(GROUP_MEMBERS, entries).unset("groupExposure.net").inc(GROUP_SEQ, 1L);
		AuditOutbox.push(set, audit);
		return this.mongo.updateFirst(same, set, CreditAccount.class, CreditAccount.COLLECTION).getModifiedCount() == 1;
	}

	private static CreditAccount withExposure(CreditAccount a, ExposureCounters exposure) {
		return new CreditAccount(a.id(), a.creditCurrency(), a.status(), a.flags(), a.creditLimit(), a.parentId(),
				a.segment(), a.tier(), a.industry(), exposure, a.groupLimit(), a.groupExposure(), a.pendingChanges(),
				a.groupChanges(), a.groupMove());
	}

	private static BigDecimal[] values(Deltas d) {
		return new BigDecimal[] { d.openOrders(), d.longDatedOrders(), d.shippedNotInvoiced(), d.receivables() };
	}

}
