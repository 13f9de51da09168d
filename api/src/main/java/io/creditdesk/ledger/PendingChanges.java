package io.creditdesk.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Settles or undoes {@link PendingChange pending changes}: a change whose document
 * carries its token landed and is settled; a change whose write can no longer land is
 * undone. A conditional update of an existing document can no longer land once the
 * document's version has moved on (if it has not, the version is moved on first: a
 * fence); an insert can no longer land once the id is taken, or once the lease has passed
 * (a request that comes to its write late renews its marks first). Used by a write's own
 * compensation ({@link LedgerWrite}), by a request that finds another's change of the
 * same document in its way, and by the sweep of what a crash left behind.
 */
@Component
class PendingChanges {

	private static final Logger log = LoggerFactory.getLogger(PendingChanges.class);

	/**
	 * How often a request blocked by another's pending change of the same document looks
	 * again.
	 */
	private static final Duration POLL = Duration.ofMillis(20);

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final Groups groups;

	private final AccountContexts contexts;

	private final OrderStore orders;

	private final Clock clock;

	private final Duration lease;

	PendingChanges(MongoTemplate mongo, Ledger ledger, Groups groups, AccountContexts contexts, OrderStore orders,
			Clock clock, LedgerProperties properties, MongoIndexes indexes) {
		this.mongo = mongo;
		this.orders = orders;
		this.ledger = ledger;
		this.groups = groups;
		this.contexts = contexts;
		this.clock = clock;
		this.lease = properties.pendingLease();
		// For the sweep: a real MongoDB (and the embedded store) finds the few
		// customers with old marks without a scan.
		indexes.declare(CreditAccount.class,
				new Index().on(Ledger.PENDING + ".at", Sort.Direction.ASC).sparse().named("pending_changes"),
				new Index().on(Ledger.GROUP_PENDING + ".at", Sort.Direction.ASC)
					.sparse()
					.named("group_pending_changes"));
	}

	/**
	 * The ledger side of a write of the document {@code documentId} in
	 * {@code collection}: an insert ({@code version} null) or a conditional update of the
	 * document at {@code version}.
	 */
	LedgerWrite begin(String collection, Object documentId, Long version) {
		return new LedgerWrite(this, this.ledger, this.groups, PendingChange.key(collection, documentId), version);
	}

	Duration lease() {
		return this.lease;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** What became of a pending change. */
	enum Resolution {

		/** Its write landed: settled. */
		SETTLED,

		/** Its write did not land and never will: undone. */
		UNDONE,

		/** Its write may still land: left as it is. */
		IN_FLIGHT

	}

	/**
	 * Whether the write a pending change belongs to landed, cannot land any more, or may
	 * still land.
	 */
	private enum Outcome {

		LANDED, NOT_LANDED, IN_FLIGHT

	}

	/**
	 * Resolves the customer's pending change {@code mark}. {@code writerGaveUp}: its
	 * writer knows its write will not be tried again, so an update still possible is
	 * fenced at once instead of after the lease.
	 */
	Resolution resolve(String customerId, PendingChange mark, Instant now, boolean writerGaveUp) {
		switch (outcome(mark, now, writerGaveUp)) {
			case LANDED -> {
				settle(customerId, mark);
				return Resolution.SETTLED;
			}
			case NOT_LANDED -> {
				undoBefore(customerId, mark.key());
				this.ledger.undo(customerId, mark);
				return Resolution.UNDONE;
			}
			default -> {
				return Resolution.IN_FLIGHT;
			}
		}
	}

	/**
	 * Resolves the customer's pending change {@code mark} and, once it is resolved, the
	 * group's part of it (same token) on the group parent's document.
	 */
	Resolution resolve(CreditAccount account, PendingChange mark, Instant now) {
		Resolution resolution = resolve(account.id(), mark, now, false);
		String root = Groups.rootOf(account);
		if (resolution != Resolution.IN_FLIGHT && root != null) {
			for (PendingChange.Group group : groupMarks(root)) {
				if (group.token().equals(mark.token())) {
					resolveGroup(root, group, now, false);
				}
			}
		}
		return resolution;
	}

	/**
	 * Resolves the group's part of a member's pending change, on the group parent's
	 * document.
	 */
	Resolution resolveGroup(String parentId, PendingChange.Group mark, Instant now, boolean writerGaveUp) {
		if (GroupMoves.isMove(mark)) {
			// A member's move between groups: finished if its member still holds it, then
			// settled.
			return this.groups.moves().resolve(parentId, mark) ? Resolution.SETTLED : Resolution.IN_FLIGHT;
		}
		switch (outcome(mark.asChange(), now, writerGaveUp)) {
			case LANDED -> {
				this.ledger.settleGroup(parentId, mark);
				return Resolution.SETTLED;
			}
			case NOT_LANDED -> {
				this.ledger.undoGroup(parentId, mark);
				return Resolution.UNDONE;
			}
			default -> {
				return Resolution.IN_FLIGHT;
			}
		}
	}

	/**
	 * Undoes what a write that did not land changed in another document before its own,
	 * ahead of its mark (a crash in between leaves the mark, and the next resolution does
	 * it again, once): an invoice of an order raised the order's invoiced part before it
	 * was stored ({@link OrderStore#takeBackInvoicing}).
	 */
	void undoBefore(String customerId, String key) {
		if (key.startsWith(InvoiceService.INVOICES + ":")) {
			this.orders.takeBackInvoicing(customerId, key.substring(key.indexOf(':') + 1));
		}
	}

	/**
	 * Settles a change whose write landed; a decrease applied now is followed on the
	 * customer's group. False when the mark was no longer there (settled before).
	 */
	boolean settle(String customerId, PendingChange mark) {
		if (mark.applied()) {
			return this.ledger.unmark(customerId, mark);
		}
		Optional<Ledger.Change> change = this.ledger.settle(customerId, mark);
		change.ifPresent(this::followGroup);
		return change.isPresent();
	}

	private void followGroup(Ledger.Change change) {
		if (Groups.rootOf(change.before()) != null) {
			this.groups.follow(change, this.contexts.secured(change.before(), this.contexts.today()));
		}
	}

	private Outcome outcome(PendingChange mark, Instant now, boolean writerGaveUp) {
		Document carrier = carrier(mark);
		if (carrier != null && mark.token().equals(carrier.get(PendingChange.CARRIED))) {
			return Outcome.LANDED;
		}
		boolean expired = mark.expired(now, this.lease);
		if (mark.version() == null) {
			// An insert: it cannot land once the id is taken; after the lease its request
			// is gone (a live one renews).
			return (carrier != null || expired) ? Outcome.NOT_LANDED : Outcome.IN_FLIGHT;
		}
		if (carrier == null || version(carrier) != mark.version()) {
			// The conditional update expected that version: it can no longer land.
			return Outcome.NOT_LANDED;
		}
		if (!expired && !writerGaveUp) {
			return Outcome.IN_FLIGHT;
		}
		// Moves the version on so the write can no longer land; if it landed meanwhile,
		// the document says so.
		Document fence = new Document("_id", carrier.get("_id")).append("version", mark.version());
		this.mongo.getCollection(mark.collection()).updateOne(fence, new Document("$inc", new Document("version", 1L)));
		Document after = carrier(mark);
		return (after != null && mark.token().equals(after.get(PendingChange.CARRIED))) ? Outcome.LANDED
				: Outcome.NOT_LANDED;
	}

	/**
	 * The document a pending change belongs to: its id, version and the token it carries,
	 * or null.
	 */
	private Document carrier(PendingChange mark) {
		return this.mongo.getCollection(mark.collection())
			.find(new Document("_id", Ledger.storedId(mark.documentId())))
			.projection(new Document(PendingChange.CARRIED, 1).append("version", 1))
			.first();
	}

	private static long version(Document document) {
		Object version = document.get("version");
		return (version instanceof Number number) ? number.longValue() : -1;
	}

	/**
	 * For a write whose reservation did not go through: if the customer has another
	 * pending change of the same document ({@code key}), or the most pending changes
	 * there may be, waits while they are in flight (up to the lease) and resolves them.
	 * @return true when something was in the way (the caller decides again on a fresh
	 * reading), false when nothing was (the reservation failed on its own conditions)
	 * @throws CreditDeskException {@code ORDER_IN_PROGRESS} when it is still in the way
	 * after the lease
	 */
	boolean clear(CreditAccount account, String key) {
		if (!inTheWay(account, key)) {
			return false;
		}
		Instant giveUp = now().plus(this.lease.multipliedBy(2));
		CreditAccount current = account;
		while (current != null && inTheWay(current, key)) {
			Instant now = now();
			PendingChange mark = current.pendingChange(key);
			boolean moved = false;
			if (mark != null) {
				moved = resolve(current, mark, now) != Resolution.IN_FLIGHT;
			}
			else {
				for (PendingChange other : current.pendingChanges()) {
					if (other.expired(now, this.lease) && resolve(current, other, now) != Resolution.IN_FLIGHT) {
						moved = true;
					}
				}
			}
			if (!moved) {
				if (now.isAfter(giveUp)) {
					throw CreditDeskException.refuse(LedgerErrorCode.ORDER_IN_PROGRESS.variant("customerBusy"),
							"orderId");
				}
				sleep();
			}
			current = this.ledger.find(current.id()).orElse(null);
		}
		return true;
	}

	private static boolean inTheWay(CreditAccount account, String key) {
		return account.pendingChange(key) != null || account.pendingChanges().size() >= Ledger.MAX_PENDING;
	}

	/**
	 * For a group reservation refused because the parent holds the most group marks there
	 * may be: resolves the expired ones.
	 */
	boolean clearGroup(String parentId) {
		Instant now = now();
		boolean moved = false;
		for (PendingChange.Group mark : groupMarks(parentId)) {
			if (mark.at().plus(this.lease).isBefore(now)
					&& resolveGroup(parentId, mark, now, false) != Resolution.IN_FLIGHT) {
				moved = true;
			}
		}
		return moved;
	}

	private List<PendingChange.Group> groupMarks(String parentId) {
		Document document = this.mongo.getCollection(CreditAccount.COLLECTION)
			.find(new Document("_id", Ledger.storedId(parentId)))
			.projection(new Document(Ledger.GROUP_PENDING, 1))
			.first();
		List<PendingChange.Group> marks = new ArrayList<>();
		List<Document> stored = (document != null) ? document.getList(Ledger.GROUP_PENDING, Document.class) : null;
		if (stored != null) {
			for (Document mark : stored) {
				marks.add(this.mongo.getConverter().read(PendingChange.Group.class, mark));
			}
		}
		return marks;
	}

	/**
	 * Resolves every pending change (of customers and of groups) older than the lease at
	 * {@code now}, and follows the group changes of customers not followed since
	 * ({@link GroupMoves#sweep}): what a crash, or a store that failed a request's own
	 * compensation, left behind.
	 * @return how many were settled or undone
	 */
	int sweep(Instant now) {
		// Group changes of members not followed, and their moves in flight, first: a
		// move's marks on the parents are settled once their member no longer holds it.
		int moved = this.groups.moves().sweep(now);
		Date expired = Date.from(now.minus(this.lease));
		Document query = new Document("$or", List.of(new Document(Ledger.PENDING + ".at", new Document("$lt", expired)),
				new Document(Ledger.GROUP_PENDING + ".at", new Document("$lt", expired))));
		List<String> customers = new ArrayList<>();
		for (Document document : this.mongo.getCollection(CreditAccount.COLLECTION)
			.find(query)
			.projection(new Document("_id", 1))
			.limit(10_000)) {
			customers.add(document.get("_id").toString());
		}
		int resolved = moved;
		for (String customerId : customers) {
			try {
				resolved += resolveExpired(customerId, now);
			}
			catch (RuntimeException ex) {
				log.warn("Resolving the pending changes of customer {} failed: {}", customerId, ex.getMessage());
			}
		}
		return resolved;
	}

	/**
	 * Resolves the customer's pending changes (and group marks) older than the lease at
	 * {@code now}.
	 */
	int resolveExpired(String customerId, Instant now) {
		int resolved = 0;
		CreditAccount account = this.ledger.find(customerId).orElse(null);
		if (account != null) {
			for (PendingChange mark : account.pendingChanges()) {
				if (mark.expired(now, this.lease) && resolve(account, mark, now) != Resolution.IN_FLIGHT) {
					resolved++;
				}
			}
		}
		for (PendingChange.Group mark : groupMarks(customerId)) {
			if (mark.at().plus(this.lease).isBefore(now)
					&& resolveGroup(customerId, mark, now, false) != Resolution.IN_FLIGHT) {
				resolved++;
			}
		}
		return resolved;
	}

	/**
	 * Resolves whatever of the customer's pending changes can be resolved now (landed, or
	 * no longer able to).
	 */
	void resolveSettled(CreditAccount account) {
		Instant now = now();
		for (PendingChange mark : account.pendingChanges()) {
			resolve(account, mark, now);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a pending change", ex);
		}
	}

}
