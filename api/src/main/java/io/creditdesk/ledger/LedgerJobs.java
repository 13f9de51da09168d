package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.creditdesk.common.Actor;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.policy.EffectivePolicy;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The ledger's periodic work, each run by one instance at a time (a {@link JobLock}
 * lease): moving long-dated orders into the credit check once their delivery date comes
 * within the horizon, releasing held orders that fit again (a safety net for the
 * event-driven re-evaluation), resolving pending changes a crash left behind
 * ({@link PendingChanges#sweep}), following on the group figures the group changes a
 * crash left unfollowed and the days securities begin or stop counting, however long ago
 * ({@link GroupMoves}; at start, recording what is certain of securities stored before
 * that, {@link CreditSecurities#recordGroupCounting}), and reconciling every account's
 * counters against its documents, and every credit group's exposure against its members'
 * (drift is logged and, with {@code creditdesk.ledger.reconcile-fix=true}, corrected).
 */
@Component
class LedgerJobs {

	private static final Logger log = LoggerFactory.getLogger(LedgerJobs.class);

	/**
	 * The most orders a sweep reads at a time; it reads on, a page at a time, to the
	 * last.
	 */
	static final int SWEEP_PAGE = 10_000;

	/**
	 * The lease of the held-order sweep over what entered the worklist since the last.
	 */
	static final String HELD_SWEEP = "ledger.held-sweep";

	/** The lease of the held-order sweep over the whole worklist. */
	static final String HELD_SWEEP_FULL = "ledger.held-sweep-full";

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final AccountContexts contexts;

	private final CreditAccountService accounts;

	private final CreditSecurities securities;

	private final JobLock lock;

	private final ApplicationEventPublisher events;

	private final boolean fixDrift;

	private final OrderStore orders;

	private final OrderWorklist worklist;

	private final PendingChanges pending;

	private final Clock clock;

	private final Duration heldSweepMargin;

	LedgerJobs(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, CreditAccountService accounts,
			JobLock lock, ApplicationEventPublisher events, Environment env, OrderStore orders, OrderWorklist worklist,
			PendingChanges pending, Clock clock, CreditSecurities securities) {
		this.mongo = mongo;
		this.pending = pending;
		this.clock = clock;
		this.orders = orders;
		this.worklist = worklist;
		this.ledger = ledger;
		this.contexts = contexts;
		this.accounts = accounts;
		this.securities = securities;
		this.lock = lock;
		this.events = events;
		this.fixDrift = env.getProperty("creditdesk.ledger.reconcile-fix", Boolean.class, false);
		this.heldSweepMargin = env.getProperty("creditdesk.ledger.held-sweep-margin", Duration.class,
				Duration.ofMinutes(10));
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		try {
			int recorded = this.securities.recordGroupCounting();
			if (recorded > 0) {
				log.info("Recorded whether their groups count {} securities stored before that was recorded", recorded);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Securities stored before their groups' counting was recorded were not recorded now; the next "
					+ "start records them: {}", ex.getMessage());
		}
		sweepPending();
		sweepHorizon();
	}

	/**
	 * Pending changes are settled or undone by the request that made them, and by the
	 * next request for the same order; this sweep resolves those a crash left behind
	 * (older than the lease) for orders nobody retries.
	 */
	@Scheduled(fixedDelayString = "${creditdesk.ledger.pending-sweep-interval:PT30S}", initialDelayString = "PT30S")
	void sweepPending() {
		this.lock.runAlone("ledger.pending-sweep", Duration.ofMinutes(5), this::resolvePendingChanges);
	}

	/**
	 * @return how many pending changes were settled or undone
	 */
	int resolvePendingChanges() {
		int resolved = this.pending.sweep(this.clock.instant());
		int expiries = this.securities.followSecurities();
		if (expiries > 0) {
			log.info("Pending-change sweep followed {} change(s) of securities on their customers' groups", expiries);
		}
		if (resolved > 0) {
			log.info("Pending-change sweep settled or undid {} change(s) left behind by requests that did not finish",
					resolved);
		}
		return resolved;
	}

	@Scheduled(fixedDelayString = "${creditdesk.ledger.horizon-sweep-interval:PT1H}",
			initialDelayString = "${creditdesk.ledger.horizon-sweep-initial-delay:PT5M}")
	void sweepHorizon() {
		this.lock.runAlone("ledger.horizon-sweep", Duration.ofMinutes(30), this::moveOrdersIntoHorizon);
	}

	@Scheduled(fixedDelayString = "${creditdesk.ledger.reconcile-interval:PT6H}",
			initialDelayString = "${creditdesk.ledger.reconcile-initial-delay:PT10M}")
	void reconcileAll() {
		this.lock.runAlone("ledger.reconcile", Duration.ofHours(1), this::reconcileEveryAccount);
	}

	/**
	 * Held orders are re-evaluated when credit is freed (a payment, a cancellation, a
	 * limit increase). An order held on a reading taken just before such a change, but
	 * stored just after its re-evaluation ran, would wait for the next one; this sweep
	 * releases it within an interval. Only orders that entered the worklist since the
	 * last sweep that succeeded began (less {@code creditdesk.ledger.held-sweep-margin},
	 * for requests still under way then and other instances' clocks) can be such an
	 * order: that sweep read every order held before it began and the accounts after, so
	 * credit freed since re-evaluated them. After failed runs it reads from the last one
	 * that succeeded; the first sweep of a service reads the whole worklist.
	 */
	@Scheduled(fixedDelayString = "${creditdesk.ledger.held-sweep-interval:PT5M}",
			initialDelayString = "${creditdesk.ledger.held-sweep-initial-delay:PT1M}")
	void sweepHeld() {
		this.lock.runAlone(HELD_SWEEP, Duration.ofMinutes(10),
				() -> releaseHeldOrdersThatFit(heldSweepSince(), SWEEP_PAGE));
	}

	/**
	 * The whole worklist, every {@code creditdesk.ledger.held-sweep-full-interval}: a
	 * re-evaluation that failed when credit was freed (the store away for a moment) is
	 * not retried by anything else.
	 */
	@Scheduled(fixedDelayString = "${creditdesk.ledger.held-sweep-full-interval:PT6H}",
			initialDelayString = "${creditdesk.ledger.held-sweep-full-interval:PT6H}")
	void sweepHeldFully() {
		this.lock.runAlone(HELD_SWEEP_FULL, Duration.ofMinutes(30), this::releaseHeldOrdersThatFit);
	}

	/**
	 * Where the next held-order sweep begins: the start of the last one that succeeded
	 * (of either kind) less the margin; null (the whole worklist) when none has.
	 */
	Instant heldSweepSince() {
		Instant last = Stream.of(HELD_SWEEP, HELD_SWEEP_FULL)
			.map(this.lock::lastSucceededStart)
			.flatMap(Optional::stream)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return (last != null) ? last.minus(this.heldSweepMargin) : null;
	}

	/**
	 * Reads the whole worklist once, oldest first ({@value #SWEEP_PAGE} orders at a time,
	 * only the fields that say how much credit each needs), reads the account of each
	 * customer with held orders once, and re-evaluates the held orders of those customers
	 * whose available credit now covers at least the smallest of them.
	 * @return how many held orders were released
	 */
	int releaseHeldOrdersThatFit() {
		return releaseHeldOrdersThatFit(null, SWEEP_PAGE);
	}

	/**
	 * As {@link #releaseHeldOrdersThatFit()}, {@code page} orders at a time: orders that
	 * still do not fit, however many, never keep the sweep from those after them.
	 */
	int releaseHeldOrdersThatFit(int page) {
		return releaseHeldOrdersThatFit(null, page);
	}

	/**
	 * As {@link #releaseHeldOrdersThatFit(int)}, over the orders that entered the
	 * worklist at or after {@code since} (its keys are ObjectIds, which begin with the
	 * second they were made), or the whole worklist when null.
	 */
	int releaseHeldOrdersThatFit(Instant since, int page) {
		Map<String, BigDecimal> smallestNeed = new LinkedHashMap<>();
		String after = (since != null) ? ObjectId.getSmallestWithDate(Date.from(since)).toHexString() : null;
		List<Document> waiting;
		do {
			waiting = this.orders.waitingNeeds(after, page);
			for (Document order : waiting) {
				String customerId = order.getString("customerId");
				BigDecimal need = Boolean.TRUE.equals(order.getBoolean(OrderStore.LONG_DATED)) ? BigDecimal.ZERO
						: need(order);
				smallestNeed.merge(customerId, need, BigDecimal::min);
				after = order.getString(OrderStore.WORKLIST_KEY);
			}
		}
		while (waiting.size() == page && after != null);
		List<String> customers = new ArrayList<>();
		for (Map.Entry<String, BigDecimal> customer : smallestNeed.entrySet()) {
			CreditAccount account = this.ledger.find(customer.getKey()).orElse(null);
			if (account != null && customer.getValue().compareTo(this.contexts.load(account).available()) <= 0) {
				customers.add(customer.getKey());
			}
		}
		int released = 0;
		for (String customerId : customers) {
			try {
				released += this.worklist.reevaluate(customerId);
			}
			catch (RuntimeException ex) {
				log.warn("Re-evaluating held orders of customer {} failed: {}", customerId, ex.getMessage());
			}
		}
		if (released > 0) {
			log.info("Held-order sweep released {} order(s) whose credit had become available", released);
		}
		return released;
	}

	/**
	 * The credit a held order needs: its unshipped part (a reopened order may have
	 * shipped some), or for a held amendment the increase ({@link Order#waitingNeed}).
	 */
	private static BigDecimal need(Document order) {
		BigDecimal amount = decimal(order.get("creditAmount", Document.class));
		Document amendment = order.get("pendingAmendment", Document.class);
		if (amendment != null) {
			return decimal(amendment.get("creditAmount", Document.class)).subtract(amount);
		}
		Object shipped = order.get("shippedCredit");
		return (shipped == null) ? amount : amount
			.subtract((shipped instanceof Decimal128 d) ? d.bigDecimalValue() : new BigDecimal(shipped.toString()));
	}

	private static BigDecimal decimal(Document money) {
		Object amount = (money != null) ? money.get("amount") : null;
		if (amount instanceof Decimal128 decimal) {
			return decimal.bigDecimalValue();
		}
		return (amount != null) ? new BigDecimal(amount.toString()) : BigDecimal.ZERO;
	}

	/**
	 * @return how many orders entered the horizon
	 */
	int moveOrdersIntoHorizon() {
		return moveOrdersIntoHorizon(SWEEP_PAGE);
	}

	/**
	 * As {@link #moveOrdersIntoHorizon()}, {@code page} long-dated orders at a time, to
	 * the last: those still beyond the horizon never keep the sweep from the others.
	 */
	int moveOrdersIntoHorizon(int page) {
		int moved = 0;
		// Those moved leave the long-dated orders; those still beyond the horizon stay
		// ahead of the next page.
		int stay = 0;
		List<Order> longDated;
		do {
			longDated = this.orders.longDatedOpen(stay, page);
			for (Order order : longDated) {
				if (intoHorizon(order)) {
					moved++;
				}
				else {
					stay++;
				}
			}
		}
		while (longDated.size() == page);
		if (moved > 0) {
			log.info("{} long-dated order(s) came within the check horizon and now count toward the credit check",
					moved);
		}
		return moved;
	}

	/** Moves {@code order} into the horizon if its delivery is now within it. */
	private boolean intoHorizon(Order order) {
		CreditAccount account = this.ledger.find(order.customerId()).orElse(null);
		if (account == null) {
			return false;
		}
		EffectivePolicy policy = this.contexts.policy(account.policySubject());
		AccountContexts.Context ctx = new AccountContexts.Context(account, policy, SecuredTerms.NONE,
				CreditCheck.Overdue.NONE, null, this.contexts.today());
		if (ctx.isLongDated(order.requestedDeliveryDate())) {
			return false;
		}
		BigDecimal open = order.openCredit();
		try (LedgerWrite write = this.pending.begin(Order.COLLECTION, order.id(), order.version())) {
			if (open.signum() > 0) {
				// Counted by the check from the mark on, before the order says so:
				// never less than the orders imply.
				write.mark(order.customerId(), Deltas.intoHorizon(open), true);
			}
			Update entered = write.carry(new Update().set(OrderStore.LONG_DATED, false));
			if (write.write(
					() -> this.orders.updateIfVersion(order, Criteria.where(OrderStore.LONG_DATED).is(true), entered))
				.isEmpty()) {
				return false;
			}
		}
		if (open.signum() > 0) {
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_ENTERED_HORIZON", false));
		}
		return true;
	}

	/**
	 * @return how many accounts had drifted
	 */
	int reconcileEveryAccount() {
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken(Actor.SYSTEM.name(), null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		try {
			int drifted = 0;
			// Counters, or the figures of a group the customer heads.
			Query withExposure = Query.query(new Criteria().orOperator(Criteria.where("exposure").exists(true),
					Criteria.where("groupExposure").exists(true)));
			withExposure.fields().include("_id");
			for (CreditAccount account : this.mongo.find(withExposure, CreditAccount.class, CreditAccount.COLLECTION)) {
				try {
					if (this.accounts.reconcile(account.id(), this.fixDrift).drifted()) {
						drifted++;
					}
				}
				catch (RuntimeException ex) {
					// One account that cannot be reconciled now (a group member's
					// currency without a rate) keeps none of the others from it.
					log.warn("Reconciling customer {} failed: {}", account.id(), ex.getMessage());
				}
			}
			log.info("Reconciliation: {} account(s) drifted{}", drifted, this.fixDrift ? " (fixed)" : "");
			return drifted;
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
