package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.MongoCollection;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerGroupChanged;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves a member's net exposure between the figures of credit groups when it joins,
 * leaves or changes its group, and moves its entry when a change of its securities (one
 * added, released, beginning to count on its first day or expired) changes its net
 * exposure without its counters moving.
 * <p>
 * A member's changes are counted in the group its document names at the instant of the
 * change ({@link Groups#rootOf}): while the customer profile still records a group change
 * not followed ({@code groupChanges}, written with the change of {@code parentId}), that
 * is the group it left. Following the change is one conditional update of the member's
 * document, on its counters as read (its {@code exposureSeq}) and with none of its
 * changes pending, that removes the recorded changes and marks the move in flight
 * ({@code groupMove}) with the member's net exposure at that instant: from then on its
 * changes count in the group it joined, and exactly that figure moves, once, from the old
 * group's figures to the new one's. Each of those is one conditional update of the
 * parent's document carrying its audit record and a group mark of the move (so a second
 * attempt changes nothing); then the move is removed from the member's document and the
 * marks settled. One request at a time finishes a move (it claims it on the member's
 * document). A crash in between leaves the move, or the recorded change, on the member's
 * document: the sweep of pending changes finishes it after the lease. A member leaving
 * takes its entry along: the old parent keeps none. The net exposure a move takes is on
 * the member's securities as stored at that instant; the changes of them its group
 * figures have not followed yet (a security's first day before the sweep came) are
 * recorded as followed by the update that marks the move, so the sweep moves nothing more
 * for them.
 * <p>
 * Until a change is followed (the few milliseconds after the profile's update, or until
 * the sweep after a crash), the member's exposure is still counted in the group it left,
 * so that group's check is, if anything, stricter; an order of the member itself is not
 * reserved on a group meanwhile ({@link LedgerWrite#reserveGroup}: the change is followed
 * and the order decided again), and a group check with a limit first follows the changes
 * of members joining the group ({@link #followInto}).
 */
@Component
class GroupMoves {

	private static final Logger log = LoggerFactory.getLogger(GroupMoves.class);

	/** On a member's document: the move in flight. */
	static final String MOVE = "groupMove";

	/**
	 * On a member's document: the group changes the profile recorded, not followed yet.
	 */
	static final String CHANGES = "groupChanges";

	/**
	 * On a member's document: the changes of its securities its group figures followed
	 * ({@code <security id>:<ADDED|ACTIVATED|RELEASED|EXPIRED>}), the last
	 * {@value #SECURITY_EVENTS_KEPT}.
	 */
	static final String SECURITY_EVENTS = "securityEvents";

	static final int SECURITY_EVENTS_KEPT = 50;

	/**
	 * The key of a move's marks on the parents' documents: {@code groupMoves:<member>}.
	 */
	static final String KEY = "groupMoves";

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final AccountContexts contexts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration lease;

	GroupMoves(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, LedgerProperties properties, MongoIndexes indexes) {
		this.mongo = mongo;
		this.ledger = ledger;
		this.contexts = contexts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.lease = properties.pendingLease();
		// The group check looks for members moving into a group; the sweep for changes
		// not followed.
		indexes.declare(CreditAccount.class,
				new Index().on(CHANGES + ".to", Sort.Direction.ASC).sparse().named("group_changes_to"),
				new Index().on(CHANGES + ".at", Sort.Direction.ASC).sparse().named("group_changes_at"),
				new Index().on(MOVE + ".to", Sort.Direction.ASC).sparse().named("group_move_to"),
				new Index().on(MOVE + ".at", Sort.Direction.ASC).sparse().named("group_move_at"));
	}

	/**
	 * How often a move is tried before it is left to the sweep: a member's changes in
	 * flight settle within milliseconds, and the move waits {@link #POLL} between
	 * readings while there are any.
	 */
	private static final int ATTEMPTS = 50;

	private static final Duration POLL = Duration.ofMillis(20);

	private static void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to move a group member's exposure", ex);
		}
	}

	private MongoCollection<Document> accounts() {
		return this.mongo.getCollection(CreditAccount.COLLECTION);
	}

	/** Whether the member's group figures have a change of its group still to follow. */
	static boolean moving(CreditAccount member) {
		return !member.groupChanges().isEmpty() || member.groupMove() != null;
	}

	@EventListener
	void onGroupChanged(CustomerGroupChanged changed) {
		try {
			if (!follow(changed.customerId())) {
				log.warn("The group change of customer {} is not followed yet (its exposure kept moving); "
						+ "the sweep of pending changes follows it", changed.customerId());
			}
		}
		catch (RuntimeException ex) {
			// The change stays recorded on the customer's document: the sweep follows it.
			log.warn("Following the group change of customer {} failed; the sweep of pending changes will: {}",
					changed.customerId(), ex.getMessage());
		}
	}

	/**
	 * Follows the member's recorded group changes: finishes a move in flight, then moves
	 * its net exposure from the group it left to the one it is in now.
	 * @return true when nothing is left to follow, false when the member's counters kept
	 * moving under every attempt (the sweep follows it later)
	 */
	boolean follow(String memberId) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Ledger.Sequenced read = this.ledger.findSequenced(memberId).orElse(null);
			if (read == null) {
				return true;
			}
			CreditAccount member = read.account();
			if (member.groupMove() != null) {
				finishInFlight(member);
				continue;
			}
			if (member.groupChanges().isEmpty()) {
				return true;
			}
			if (!member.pendingChanges().isEmpty()) {
				// A change of the member in flight is settled or undone on the group it
				// was counted in: the move waits for it.
				pause();
				continue;
			}
			String from = Groups.rootOf(member);
			String to = Groups.currentRootOf(member);
			boolean stays = Objects.equals(from, to);
			LocalDate today = this.contexts.today();
			if (stays) {
				capture(read, member.groupChanges().size(), null, null,
						ExposureFormula.net(member.exposure(), this.contexts.secured(member, today)), true, null,
						List.of());
				continue;
			}
			// Its net exposure on its securities as stored now, and the changes of them
			// that shows but its group figures have not followed yet (a security's first
			// day before the sweep followed it): the new group takes them with the move,
			// which records them as followed.
			List<Document> stored = this.mongo.find(Query.query(Criteria.where("customerId").is(memberId)),
					Document.class, this.mongo.getCollectionName(CreditSecurity.class));
			List<CreditSecurity> securities = stored.stream()
				.map(document -> this.mongo.getConverter().read(CreditSecurity.class, document))
				.toList();
			BigDecimal net = ExposureFormula.net(member.exposure(),
					this.contexts.securedBy(securities, member.creditCurrency(), today));
			capture(read, member.groupChanges().size(), from, to, net, true, null,
					CreditSecurities.unfollowed(stored, securities, today));
		}
		return false;
	}

	/**
	 * Finishes the move in flight on {@code member}'s document, or waits a moment when
	 * another request is finishing it.
	 */
	private void finishInFlight(CreditAccount member) {
		if (!finish(member.id(), member.groupMove())) {
			pause();
		}
	}

	/**
	 * Follows a change of the member's securities, from {@code before} to {@code after}
	 * (its terms on the same day): its entry in its group's figures moves by the change
	 * of its net exposure on its counters now. {@code event} names the change (a security
	 * added, beginning to count on its first day, released or expired): it is recorded on
	 * the member's document by the same update that marks the move
	 * ({@code securityEvents}, the last {@value #SECURITY_EVENTS_KEPT}), so a change is
	 * followed once however often it is asked for.
	 * @return true when followed (now or before, or nothing to follow), false when its
	 * counters kept moving under every attempt
	 */
	boolean followSecurities(String memberId, SecuredTerms before, SecuredTerms after, String event) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Ledger.Sequenced read = this.ledger.findSequenced(memberId).orElse(null);
			if (read == null || followed(memberId, event)) {
				return true;
			}
			CreditAccount member = read.account();
			if (member.groupMove() != null) {
				finishInFlight(member);
				continue;
			}
			if (!member.groupChanges().isEmpty()) {
				// The move takes the member's net exposure as it is now, on its terms
				// now: the security's change goes with it.
				if (!follow(memberId)) {
					return false;
				}
				accounts().updateOne(new Document("_id", Ledger.storedId(memberId)),
						new Document("$push", new Document(SECURITY_EVENTS,
								new Document("$each", List.of(event)).append("$slice", -SECURITY_EVENTS_KEPT))));
				return true;
			}
			if (!member.pendingChanges().isEmpty()) {
				pause();
				continue;
			}
			String root = Groups.rootOf(member);
			BigDecimal delta = ExposureFormula.net(member.exposure(), after)
				.subtract(ExposureFormula.net(member.exposure(), before));
			if (root == null || delta.signum() == 0) {
				return true;
			}
			if (capture(read, 0, null, root, delta, false, event, List.of())) {
				return true;
			}
		}
		return false;
	}

	private boolean followed(String memberId, String event) {
		return this.mongo.exists(Query.query(Criteria.where("_id").is(memberId).and(SECURITY_EVENTS).is(event)),
				CreditAccount.class, CreditAccount.COLLECTION);
	}

	/**
	 * Marks the move on the member's document if its counters are still as read, none of
	 * its changes is pending and it has exactly {@code changes} group changes recorded
	 * (removed now), then finishes it. {@code event} (a change of its securities the move
	 * follows: not recorded yet) and {@code alsoFollowed} (changes of its securities its
	 * amount already holds) are recorded as followed by the same update.
	 */
	private boolean capture(Ledger.Sequenced read, int changes, String from, String to, BigDecimal amount,
			boolean leaving, String event, List<String> alsoFollowed) {
		CreditAccount member = read.account();
		Document filter = new Document("_id", Ledger.storedId(member.id())).append(MOVE, new Document("$exists", false))
			.append(Ledger.PENDING + ".0", new Document("$exists", false))
			.append(CHANGES + "." + changes, new Document("$exists", false))
			.append(Outbox.EXPOSURE_SEQ, (read.exposureSeq() == 0) ? new Document("$not", new Document("$gt", 0))
					: new Document("$gte", read.exposureSeq()).append("$lte", read.exposureSeq()));
		if (changes > 0) {
			filter.append(CHANGES + "." + (changes - 1), new Document("$exists", true));
		}
		Instant now = this.clock.instant();
		String token = new ObjectId().toHexString();
		Document move = new Document("token", token).append("from", from)
			.append("to", to)
			.append("currency", member.creditCurrency())
			.append("amount", ExposureFormula.dec(amount))
			.append("leaving", leaving)
			.append("at", Date.from(now));
		Document update = new Document("$set", new Document(MOVE, move));
		if (changes > 0) {
			update.append("$unset", new Document(CHANGES, ""));
		}
		List<String> followed = new ArrayList<>(alsoFollowed);
		if (event != null) {
			filter.append(SECURITY_EVENTS, new Document("$ne", event));
			followed.add(event);
		}
		if (!followed.isEmpty()) {
			update.append("$push", new Document(SECURITY_EVENTS,
					new Document("$each", followed).append("$slice", -SECURITY_EVENTS_KEPT)));
		}
		if (accounts().updateOne(filter, update).getModifiedCount() != 1) {
			return false;
		}
		finish(member.id(),
				new CreditAccount.GroupMove(token, from, to, member.creditCurrency(), amount, leaving, now));
		return true;
	}

	/**
	 * Applies a move in flight to the parents' figures (each once), removes it from the
	 * member's document, then settles its marks. One finisher at a time: it claims the
	 * move first (a claim older than the lease is taken over: its finisher is taken for
	 * gone, and a finisher whose claim was taken over stops before removing the move).
	 * @return false when another finisher holds the move (or it is gone)
	 */
	boolean finish(String memberId, CreditAccount.GroupMove move) {
		Instant now = this.clock.instant();
		String claim = new ObjectId().toHexString();
		Document claimable = new Document("_id", Ledger.storedId(memberId)).append(MOVE + ".token", move.token())
			.append("$or", List.of(new Document(MOVE + ".claimedAt", new Document("$exists", false)),
					new Document(MOVE + ".claimedAt", new Document("$lt", Date.from(now.minus(this.lease))))));
		if (accounts()
			.updateOne(claimable,
					new Document("$set",
							new Document(MOVE + ".claim", claim).append(MOVE + ".claimedAt", Date.from(now))))
			.getModifiedCount() != 1) {
			return false;
		}
		if (move.from() != null) {
			giveUp(move.from(), memberId, move);
		}
		if (move.to() != null) {
			take(move.to(), memberId, move);
		}
		if (accounts()
			.updateOne(new Document("_id", Ledger.storedId(memberId)).append(MOVE + ".token", move.token())
				.append(MOVE + ".claim", claim), new Document("$unset", new Document(MOVE, "")))
			.getModifiedCount() != 1) {
			return false;
		}
		// Applied and no longer held by the member: the marks go (a second finisher,
		// which would find them, can no longer claim the move).
		for (String parentId : new String[] { move.from(), move.to() }) {
			if (parentId != null) {
				settle(parentId, memberId, move.token());
			}
		}
		if (move.from() != null) {
			this.events.publishEvent(new ExposureChanged(move.from(), "GROUP_MEMBER_LEFT", true));
		}
		if (move.to() != null) {
			this.events.publishEvent(new ExposureChanged(move.to(),
					(move.from() != null || move.leaving()) ? "GROUP_MEMBER_JOINED" : "GROUP_MEMBER_SECURITY_CHANGED",
					move.amount().signum() < 0));
		}
		return true;
	}

	/**
	 * Removes a move's mark from a parent's document, then the member's entry if the
	 * member is no longer counted in this group and its entry came to zero with nothing
	 * of it pending there.
	 */
	private void settle(String parentId, String memberId, String token) {
		this.ledger.settleGroup(parentId,
				new PendingChange.Group(KEY + ":" + memberId, token, BigDecimal.ZERO, null, null, memberId, null));
		CreditAccount member = this.ledger.find(memberId).orElse(null);
		if (member != null && parentId.equals(Groups.rootOf(member))) {
			return;
		}
		String entry = Ledger.GROUP_MEMBERS + "." + memberId;
		Query zero = Query.query(Criteria.where("_id")
			.is(parentId)
			.and(Ledger.GROUP_PENDING)
			.not()
			.elemMatch(Criteria.where("member").is(memberId))
			.norOperator(Criteria.where(entry + ".net").gt(ExposureFormula.dec(BigDecimal.ZERO)),
					Criteria.where(entry + ".net").lt(ExposureFormula.dec(BigDecimal.ZERO)))
			.and(entry)
			.exists(true));
		this.mongo.updateFirst(zero, new Update().unset(entry).inc(Ledger.GROUP_SEQ, 1L), CreditAccount.class,
				CreditAccount.COLLECTION);
	}

	/** The old parent's figures give up the member's entry (or its part of it). */
	private void giveUp(String parentId, String memberId, CreditAccount.GroupMove move) {
		String entry = Ledger.GROUP_MEMBERS + "." + memberId;
		Money amount = new Money(move.amount(), move.currency());
		AuditRecord record = this.audit.entry("GROUP_MEMBER_LEFT", "CUSTOMER", parentId, parentId, null,
				new Changes().set("member", memberId).set("exposure", amount));
		// The entry goes when it holds exactly what the member takes along (nothing of it
		// in flight), or nothing.
		Criteria same = new Criteria().norOperator(
				Criteria.where(entry + ".net").gt(ExposureFormula.dec(move.amount())),
				Criteria.where(entry + ".net").lt(ExposureFormula.dec(move.amount())));
		Update remove = new Update().unset(entry)
			.inc(Ledger.GROUP_SEQ, 1L)
			.push(Ledger.GROUP_PENDING, mark(move, memberId, move.amount().negate()));
		boolean done = this.mongo
			.updateFirst(Query.query(notMarked(parentId, move).andOperator(same)), AuditOutbox.push(remove, record),
					CreditAccount.class, CreditAccount.COLLECTION)
			.getModifiedCount() == 1;
		if (!done) {
			Update decrease = new Update().inc(entry + ".net", ExposureFormula.dec(move.amount().negate()))
				.set(entry + ".currency", move.currency())
				.inc(Ledger.GROUP_SEQ, 1L)
				.push(Ledger.GROUP_PENDING, mark(move, memberId, move.amount().negate()));
			done = this.mongo
				.updateFirst(Query.query(notMarked(parentId, move)), AuditOutbox.push(decrease, record),
						CreditAccount.class, CreditAccount.COLLECTION)
				.getModifiedCount() == 1;
		}
		if (done) {
			this.audit.settle(CreditAccount.class, parentId, record);
		}
	}

	/** The new parent's figures take the member's net exposure. */
	private void take(String parentId, String memberId, CreditAccount.GroupMove move) {
		String entry = Ledger.GROUP_MEMBERS + "." + memberId;
		boolean joins = move.from() != null || move.leaving();
		AuditRecord record = this.audit.entry(joins ? "GROUP_MEMBER_JOINED" : "GROUP_MEMBER_SECURITY_CHANGED",
				"CUSTOMER", parentId, parentId, null, new Changes().set("member", memberId)
					.set(joins ? "exposure" : "netExposureChange", new Money(move.amount(), move.currency())));
		Update add = new Update().inc(entry + ".net", ExposureFormula.dec(move.amount()))
			.set(entry + ".currency", move.currency())
			.inc(Ledger.GROUP_SEQ, 1L)
			.push(Ledger.GROUP_PENDING, mark(move, memberId, move.amount()));
		if (this.mongo
			.updateFirst(Query.query(notMarked(parentId, move)), AuditOutbox.push(add, record), CreditAccount.class,
					CreditAccount.COLLECTION)
			.getModifiedCount() == 1) {
			this.audit.settle(CreditAccount.class, parentId, record);
		}
	}

	private static Criteria notMarked(String parentId, CreditAccount.GroupMove move) {
		return Criteria.where("_id").is(parentId).and(Ledger.GROUP_PENDING + ".token").ne(move.token());
	}

	private static Document mark(CreditAccount.GroupMove move, String memberId, BigDecimal amount) {
		return new Document("key", KEY + ":" + memberId).append("token", move.token())
			.append("amount", ExposureFormula.dec(amount))
			.append("member", memberId)
			.append("currency", move.currency())
			.append("at", Date.from(move.at()));
	}

	/** Whether {@code mark} on a parent's document is a move's. */
	static boolean isMove(PendingChange.Group mark) {
		return mark.key().startsWith(KEY + ":");
	}

	/**
	 * Resolves a move's mark on a parent's document (one older than the lease): finishes
	 * the move if its member still holds it, else removes the mark.
	 * @return false when another finisher holds the move
	 */
	boolean resolve(String parentId, PendingChange.Group mark) {
		CreditAccount member = this.ledger.find(mark.member()).orElse(null);
		if (member != null && member.groupMove() != null && member.groupMove().token().equals(mark.token())) {
			return finish(member.id(), member.groupMove());
		}
		settle(parentId, mark.member(), mark.token());
		return true;
	}

	/**
	 * Follows, first, the group changes of members moving into {@code parentId}'s group:
	 * a group check then counts their exposure. True when there were any.
	 */
	boolean followInto(String parentId) {
		// Two reads on one indexed field each (usually finding nothing) rather than one
		// $or.
		List<String> members = new ArrayList<>();
		for (String field : new String[] { CHANGES + ".to", MOVE + ".to" }) {
			Query moving = Query.query(Criteria.where(field).is(parentId)).limit(100);
			moving.fields().include("_id");
			for (Document member : this.mongo.find(moving, Document.class, CreditAccount.COLLECTION)) {
				members.add(member.get("_id").toString());
			}
		}
		for (String member : members) {
			follow(member);
		}
		return !members.isEmpty();
	}

	/**
	 * Follows the group changes, and finishes the moves, that a request left behind for
	 * longer than the lease at {@code now}.
	 * @return how many members' changes were followed
	 */
	int sweep(Instant now) {
		Date expired = Date.from(now.minus(this.lease));
		Query left = Query.query(new Criteria().orOperator(Criteria.where(CHANGES + ".at").lt(expired),
				Criteria.where(MOVE + ".at").lt(expired)));
		left.fields().include("_id");
		int followed = 0;
		for (Document member : this.mongo.find(left.limit(10_000), Document.class, CreditAccount.COLLECTION)) {
			String id = member.get("_id").toString();
			try {
				if (follow(id)) {
					followed++;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Following the group change of customer {} failed: {}", id, ex.getMessage());
			}
		}
		return followed;
	}

}
