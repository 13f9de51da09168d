package io.creditdesk.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.creditdesk.alert.AlertRules.Evaluation;
import io.creditdesk.alert.AlertState.Pending;
import io.creditdesk.alert.AlertState.Raised;
import io.creditdesk.alert.AlertState.Reference;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The alert store. Every decision about one customer's alerts of one type is ONE
 * conditional update of its {@link AlertState} (on the version it read): the raised set,
 * the alerts raised and resolved (pending), their {@code AlertRaised} /
 * {@code AlertResolved} credit events and their audit records, all in that one write. Of
 * two instances or two concurrent evaluations that see the same crossing, one wins the
 * update; the other reads the new state again and finds the condition already raised. The
 * pending alerts are then written to their own documents (by id, so writing twice stores
 * once); what a crash leaves pending, {@link #settlePending()} writes later. A resolve
 * decided while its alert's raise is still pending carries the alert resolved, so the
 * document ends resolved whichever of the two writes lands first.
 */
@Component
class AlertStore {

	private static final Logger log = LoggerFactory.getLogger(AlertStore.class);

	/** Event ids remembered per state document (redeliveries come soon after). */
	private static final int SEEN = 200;

	/** Attempts of one decision against concurrent writers before giving up. */
	private static final int ATTEMPTS = 64;

	static final String PENDING_SINCE = "pendingAt";

	/** State documents read at once by {@link #settlePending()}. */
	static final int SETTLE_PAGE = 500;

	private final MongoTemplate mongo;

	private final Outbox outbox;

	private final AuditLog audit;

	private final Clock clock;

	private int settlePage = SETTLE_PAGE;

	AlertStore(MongoTemplate mongo, Outbox outbox, AuditLog audit, Clock clock, MongoIndexes indexes) {
		this.mongo = mongo;
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
		outbox.register(AlertState.class, AlertState.COLLECTION);
		audit.register(AlertState.class);
		audit.register(Alert.class);
		indexes.declare(AlertState.class, new Index().on(PENDING_SINCE, Sort.Direction.ASC).sparse().named("pending"));
		indexes.declare(Alert.class,
				new Index().on("customerId", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("customer"),
				new Index().on("status", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("status"));
	}

	/**
	 * What an evaluation decided: the changes and, for score deterioration, the reference
	 * to keep (null: unchanged).
	 */
	record Decision(Evaluation evaluation, Reference reference) {

		static Decision of(Evaluation evaluation) {
			return new Decision(evaluation, null);
		}

	}

	/**
	 * Decides the alerts of one customer (null: the portfolio) and type from its current
	 * state and stores the decision with one conditional update, retrying on a concurrent
	 * change. With {@code eventId}, a decision for that credit event is made once.
	 * @return the alerts raised and resolved by this decision (empty when nothing changed
	 * or another writer had decided it)
	 */
	List<Alert> decide(String customerId, AlertType type, String eventId, Function<AlertState, Decision> decider) {
		return decide(customerId, type, eventId, null, decider);
	}

	/**
	 * As {@link #decide(String, AlertType, String, Function)}, starting from {@code read}
	 * (the state as {@link #states} read it; null: read it now).
	 */
	List<Alert> decide(String customerId, AlertType type, String eventId, AlertState read,
			Function<AlertState, Decision> decider) {
		String id = AlertState.id(customerId, type);
		AlertState known = read;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			AlertState state = (known != null) ? known : this.mongo.findById(id, AlertState.class);
			known = null;
			if (state == null) {
				// No state yet: one is created only for a decision that changes
				// something (most customers' figures raise nothing, and most never
				// need one).
				if (eventId == null && !changes(decider.apply(empty(id, customerId, type)), Set.of(), null)) {
					return List.of();
				}
				create(id, customerId, type);
				continue;
			}
			if (eventId != null && state.seen().contains(eventId)) {
				return List.of();
			}
			Decision decision = decider.apply(state);
			Evaluation evaluation = decision.evaluation();
			boolean newReference = decision.reference() != null && !decision.reference().equals(state.reference());
			if (!changes(decision, state.raisedKeys(), state.reference()) && eventId == null) {
				return List.of();
			}
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
			Map<String, String> raised = new LinkedHashMap<>();
			state.raised().forEach(r -> raised.put(r.key(), r.alertId()));
			List<Pending> pending = new ArrayList<>();
			List<Alert> changed = new ArrayList<>();
			List<Outbox.Event> events = new ArrayList<>();
			List<AuditRecord> records = new ArrayList<>();
			List<AlertChange> changes = new ArrayList<>(evaluation.changes());
			// A condition the policy no longer has (a threshold removed) resolves too.
			for (Raised r : state.raised()) {
				boolean decided = changes.stream().anyMatch(c -> c.key().equals(r.key()));
				if (!evaluation.raised().contains(r.key()) && !decided) {
					changes.add(new AlertChange(type, r.key(), false, AlertSeverity.INFO, null, null));
				}
			}
			for (AlertChange change : changes) {
				if (change.raised()) {
					Alert alert = new Alert(new ObjectId().toHexString(), type, change.key(), change.severity(),
							customerId, change.threshold(), change.actual(), eventId, now, AlertStatus.OPEN, null, null,
							null, null);
					raised.put(change.key(), alert.id());
					pending.add(new Pending(alert.id(), alert, null));
					changed.add(alert);
					events.add(this.outbox.event(CreditEventType.ALERT_RAISED, customerId, AlertEvents.raised(alert)));
					records.add(this.audit.entry("ALERT_RAISED", "ALERT", alert.id(), customerId, null,
							new Changes().set("type", type)
								.set("key", change.key())
								.set("severity", change.severity())
								.set("threshold", change.threshold())
								.set("actual", change.actual())));
				}
				else {
					String alertId = raised.remove(change.key());
					if (alertId == null) {
						continue;
					}
					Alert resolved = new Alert(alertId, type, change.key(), change.severity(), customerId,
							change.threshold(), change.actual(), eventId, null, AlertStatus.RESOLVED, null, null, null,
							now);
					// Its raise may not be written yet (in flight, or failed and
					// waiting for settlePending): the resolve then carries the whole
					// alert, resolved, so whichever of the two writes lands first, the
					// document ends resolved.
					Alert unwritten = raiseWaiting(state, alertId);
					pending.add(new Pending(alertId, (unwritten != null) ? resolvedForm(unwritten, now) : null, now));
					changed.add(resolved);
					events.add(this.outbox.event(CreditEventType.ALERT_RESOLVED, customerId,
							AlertEvents.resolved(resolved)));
					records.add(this.audit.entry("ALERT_RESOLVED", "ALERT", alertId, customerId, null,
							new Changes().diff("status", "OPEN", AlertStatus.RESOLVED)
								.set("key", change.key())
								.set("actual", change.actual())));
				}
			}
			// Keys the rules still hold keep their alert; the rules' set is the truth.
			raised.keySet().retainAll(evaluation.raised());
			List<Raised> next = raised.entrySet().stream().map(e -> new Raised(e.getKey(), e.getValue())).toList();
			Update update = new Update().set("raised", next).inc("version", 1);
			if (newReference) {
				update.set("reference", decision.reference());
			}
			if (eventId != null) {
				update.push("seen").slice(-SEEN).each(eventId);
			}
			if (!pending.isEmpty()) {
				update.push("pending").each(pending.toArray());
				update.min(PENDING_SINCE, Date.from(now));
			}
			Outbox.push(update, events);
			AuditOutbox.push(update, records);
			Query current = Query.query(Criteria.where("_id").is(id).and("version").is(state.version()));
			if (this.mongo.updateFirst(current, update, AlertState.class).getMatchedCount() == 1) {
				// What the document now holds pending is exactly this decision's, unless
				// it held some before.
				write(id, pending, state.pending().isEmpty() ? state.version() + 1 : null);
				records.forEach(record -> this.audit.settle(AlertState.class, id, record));
				return changed;
			}
		}
		throw new IllegalStateException("Alert state " + id + " kept changing under " + ATTEMPTS + " attempts");
	}

	/**
	 * Whether {@code decision} changes a state holding {@code raisedKeys} and
	 * {@code reference}: it raises or resolves, drops a condition, or sets another
	 * reference.
	 */
	private static boolean changes(Decision decision, Set<String> raisedKeys, Reference reference) {
		Evaluation evaluation = decision.evaluation();
		boolean dropped = !evaluation.raised().containsAll(raisedKeys);
		boolean newReference = decision.reference() != null && !decision.reference().equals(reference);
		return evaluation.changed() || dropped || newReference;
	}

	/** The state of a customer and type that has none stored yet. */
	private static AlertState empty(String id, String customerId, AlertType type) {
		return new AlertState(id, customerId, type, List.of(), 0, List.of(), null, List.of());
	}

	/**
	 * The stored states of one customer's alerts of {@code types}, in one read (a type
	 * without a state yet is absent).
	 */
	Map<AlertType, AlertState> states(String customerId, Collection<AlertType> types) {
		List<String> ids = types.stream().map(type -> AlertState.id(customerId, type)).toList();
		Map<AlertType, AlertState> states = new EnumMap<>(AlertType.class);
		for (AlertState state : this.mongo.find(Query.query(Criteria.where("_id").in(ids)), AlertState.class)) {
			states.put(state.type(), state);
		}
		return states;
	}

	private void create(String id, String customerId, AlertType type) {
		try {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(id)),
					new Update().setOnInsert("customerId", customerId)
						.setOnInsert("type", type)
						.setOnInsert("raised", List.of())
						.setOnInsert("version", 0L),
					AlertState.class);
		}
		catch (DuplicateKeyException ex) {
			// Created at the same moment by another writer: read it.
		}
	}

	/** The raise of {@code alertId} still waiting in the state document, or null. */
	private static Alert raiseWaiting(AlertState state, String alertId) {
		return state.pending()
			.stream()
			.filter(p -> p.resolvedAt() == null && p.alert() != null && alertId.equals(p.alertId()))
			.map(Pending::alert)
			.findFirst()
			.orElse(null);
	}

	private static Alert resolvedForm(Alert raised, Instant resolvedAt) {
		return new Alert(raised.id(), raised.type(), raised.key(), raised.severity(), raised.customerId(),
				raised.threshold(), raised.actual(), raised.source(), raised.raisedAt(), AlertStatus.RESOLVED, null,
				null, null, resolvedAt);
	}

	/**
	 * Writes decided alerts to their own documents (a raise: insert by id; a resolve:
	 * resolve what is not resolved yet, or insert the alert resolved when it carries it,
	 * because its raise was not written when it was decided), then takes exactly these
	 * entries off the state document: a raise and a resolve of one alert are separate
	 * entries, and neither writer removes the other's. When {@code whole} is the version
	 * at which the document held exactly {@code pending} and it still has that version
	 * (no decision pushed entries since; writers that take entries off do not change it),
	 * the entries go in one write; else each kind is pulled on its own.
	 */
	private void write(String stateId, List<Pending> pending, Long whole) {
		if (pending.isEmpty()) {
			return;
		}
		try {
			for (Pending p : pending) {
				if (p.resolvedAt() == null) {
					insert(p.alert());
				}
				else if (p.alert() == null || !insert(p.alert())) {
					this.mongo.updateFirst(
							Query.query(Criteria.where("_id").is(p.alertId()).and("status").ne(AlertStatus.RESOLVED)),
							new Update().set("status", AlertStatus.RESOLVED).set("resolvedAt", p.resolvedAt()),
							Alert.class);
				}
			}
			if (whole != null && this.mongo
				.updateFirst(Query.query(Criteria.where("_id").is(stateId).and("version").is(whole)),
						new Update().unset("pending").unset(PENDING_SINCE), AlertState.class)
				.getMatchedCount() == 1) {
				return;
			}
			List<String> raises = pending.stream().filter(p -> p.resolvedAt() == null).map(Pending::alertId).toList();
			List<String> resolves = pending.stream().filter(p -> p.resolvedAt() != null).map(Pending::alertId).toList();
			Query state = Query.query(Criteria.where("_id").is(stateId));
			if (!raises.isEmpty()) {
				this.mongo.updateFirst(state,
						new Update().pull("pending",
								Query.query(Criteria.where("alertId").in(raises).and("resolvedAt").is(null))),
						AlertState.class);
			}
			if (!resolves.isEmpty()) {
				this.mongo.updateFirst(state,
						new Update().pull("pending",
								Query.query(Criteria.where("alertId").in(resolves).and("resolvedAt").ne(null))),
						AlertState.class);
			}
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(stateId).and("pending").size(0)),
					new Update().unset("pending").unset(PENDING_SINCE), AlertState.class);
		}
		catch (RuntimeException ex) {
			log.warn("Alerts of {} wait in their state document; they are written later: {}", stateId, ex.toString());
		}
	}

	/** Inserts {@code alert}; false when its document is there already. */
	private boolean insert(Alert alert) {
		try {
			this.mongo.insert(alert);
			return true;
		}
		catch (DuplicateKeyException ex) {
			// Written before (a retry after a crash, or the other of its raise and
			// resolve): it is there.
			return false;
		}
	}

	/** How many state documents {@link #settlePending()} reads at once (tests). */
	void settlePage(int page) {
		this.settlePage = page;
	}

	/**
	 * Writes the alerts a crash (or a failed write) left pending in state documents: all
	 * of them, in pages of {@value #SETTLE_PAGE} by id, so state documents whose writes
	 * keep failing do not keep the others waiting.
	 * @return how many state documents had some
	 */
	int settlePending() {
		int settled = 0;
		String after = null;
		while (true) {
			Criteria waiting = Criteria.where(PENDING_SINCE).exists(true);
			if (after != null) {
				waiting = waiting.and("_id").gt(after);
			}
			List<AlertState> states = this.mongo.find(Query.query(waiting).with(Sort.by("_id")).limit(this.settlePage),
					AlertState.class);
			for (AlertState state : states) {
				write(state.id(), state.pending(), state.version());
			}
			settled += states.size();
			if (states.size() < this.settlePage) {
				return settled;
			}
			after = states.get(states.size() - 1).id();
		}
	}

	Alert find(String alertId) {
		return this.mongo.findById(alertId, Alert.class);
	}

	/**
	 * Acknowledges an open alert with one conditional update (only an OPEN alert), with
	 * its audit record in the same write.
	 * @return the acknowledged alert, or null when it is not open (any more)
	 */
	Alert acknowledge(String alertId, String by, String note) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Alert before = find(alertId);
		if (before == null) {
			return null;
		}
		AuditRecord record = this.audit.entry("ALERT_ACKNOWLEDGED", "ALERT", alertId, before.customerId(), note,
				new Changes().diff("status", AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED).set("note", note));
		Update update = new Update().set("status", AlertStatus.ACKNOWLEDGED)
			.set("acknowledgedBy", by)
			.set("acknowledgedAt", now)
			.set("note", note);
		AuditOutbox.push(update, record);
		Alert after = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(alertId).and("status").is(AlertStatus.OPEN)), update,
				FindAndModifyOptions.options().returnNew(true), Alert.class);
		if (after != null) {
			this.audit.settle(Alert.class, alertId, record);
		}
		return after;
	}

	/**
	 * Alerts matching the filter, newest first, from after the cursor's id; only of the
	 * customers in {@code customerIds} unless that is null.
	 */
	List<Alert> page(AlertFilter filter, Set<String> customerIds, String afterId, int limit) {
		Criteria criteria = matching(filter, customerIds);
		if (criteria == null) {
			return List.of();
		}
		if (afterId != null) {
			criteria = criteria.and("_id").lt(afterId);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit);
		query.fields().exclude(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
		return this.mongo.find(query, Alert.class);
	}

	/** How many alerts {@link #page} would list over all its pages. */
	long count(AlertFilter filter, Set<String> customerIds) {
		Criteria criteria = matching(filter, customerIds);
		return (criteria != null) ? this.mongo.count(Query.query(criteria), Alert.class) : 0;
	}

	/**
	 * The alerts matching {@code filter} among those of {@code customerIds} (all when
	 * null); null when none can.
	 */
	private static Criteria matching(AlertFilter filter, Set<String> customerIds) {
		String customerId = (filter != null) ? filter.customerId() : null;
		if (customerIds != null
				&& (customerIds.isEmpty() || (customerId != null && !customerIds.contains(customerId)))) {
			return null;
		}
		Criteria criteria = new Criteria();
		if (customerId != null) {
			criteria = criteria.and("customerId").is(customerId);
		}
		else if (customerIds != null) {
			criteria = criteria.and("customerId").in(customerIds);
		}
		if (filter != null) {
			if (filter.type() != null) {
				criteria = criteria.and("type").is(filter.type());
			}
			if (filter.status() != null) {
				criteria = criteria.and("status").is(filter.status());
			}
			if (filter.severity() != null) {
				criteria = criteria.and("severity").is(filter.severity());
			}
		}
		return criteria;
	}

}
