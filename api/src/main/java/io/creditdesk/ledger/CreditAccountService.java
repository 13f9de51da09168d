package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.common.WorkDeadline;
import io.creditdesk.customer.CustomerCreditChanged;
import io.creditdesk.events.Outbox;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Exposure as a customer-facing figure (with overdue, secured, available, utilization),
 * group limits, the reconciliation of counters against documents, and the re-evaluation
 * of held orders whenever credit frees up.
 */
@Service
public class CreditAccountService {

	private static final Logger log = LoggerFactory.getLogger(CreditAccountService.class);

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final AccountContexts contexts;

	private final OrderWorklist worklist;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LedgerEvents ledgerEvents;

	private final PendingChanges pending;

	private final Groups groups;

	/**
	 * How long after a write of a customer's invoices or orders a reconciliation does not
	 * correct the counters ({@link #reconcile}): twice the pending-change lease.
	 */
	private final Duration settling;

	CreditAccountService(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, OrderWorklist worklist,
			AuditLog audit, ApplicationEventPublisher events, Clock clock, LedgerEvents ledgerEvents,
			PendingChanges pending, LedgerProperties properties, Groups groups) {
		this.ledgerEvents = ledgerEvents;
		this.groups = groups;
		this.pending = pending;
		this.settling = properties.pendingLease().multipliedBy(2);
		this.mongo = mongo;
		this.ledger = ledger;
		this.contexts = contexts;
		this.worklist = worklist;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A customer's exposure, in its credit currency. {@code availableCredit}: what a new
	 * order may use, its limit less the net exposure the credit check counts, and, for a
	 * customer in a credit group with a group limit when read with its group
	 * ({@link #exposure(String)}, {@link #exposures}), at most
	 * {@code groupAvailableCredit}, what the group limit leaves
	 * ({@link Groups#available}); {@code groupAvailableCredit} is null otherwise.
	 */
	public record Exposure(String customerId, Money limit, Money openOrders, Money longDatedOrders,
			Money shippedNotInvoiced, Money receivables, Money overdue, int oldestOverdueDays, Money secured,
			Money gross, Money net, Money availableCredit, double utilization, Money groupLimit, Money groupExposure,
			Money groupAvailableCredit) {

		public BigDecimal utilizationPercent() {
			return Utilization.percent(this.net.amount(), this.limit.amount());
		}

		/**
		 * These figures with what the group limit leaves, {@code group} (in the credit
		 * currency): the available credit is the lesser of the customer's own and the
		 * group's. Unchanged when {@code group} is null.
		 */
		Exposure withGroupAvailable(Money group) {
			if (group == null) {
				return this;
			}
			Money available = (group.amount().compareTo(this.availableCredit.amount()) < 0) ? group
					: this.availableCredit;
			return new Exposure(this.customerId, this.limit, this.openOrders, this.longDatedOrders,
					this.shippedNotInvoiced, this.receivables, this.overdue, this.oldestOverdueDays, this.secured,
					this.gross, this.net, available, this.utilization, this.groupLimit, this.groupExposure, group);
		}

	}

	/**
	 * A customer's exposure, its available credit limited by its credit group's
	 * ({@link Exposure}).
	 */
	public Exposure exposure(String customerId) {
		AccountContexts.Context context = this.contexts.load(customerId, "customerId");
		return withGroup(exposure(context, groupExposure(context)), context);
	}

	/**
	 * {@code exposure} with what the group limit of the credit group the customer counts
	 * in leaves it, the same figures the order's group check uses.
	 */
	private Exposure withGroup(Exposure exposure, AccountContexts.Context ctx) {
		BigDecimal group = this.groups.available(ctx.account(), ctx.today());
		return exposure.withGroupAvailable((group != null) ? new Money(group, ctx.account().creditCurrency()) : null);
	}

	/**
	 * A customer's exposure and the version of the counters it was computed from (the
	 * document's {@code exposureSeq}, which every change of them moves in the same update
	 * and which the {@code ExposureChanged} snapshot of that change carries as
	 * {@code sequence}; 0 when never moved).
	 */
	record SequencedExposure(Exposure exposure, long sequence) {
	}

	/**
	 * The customer's own exposure (its available credit not limited by its credit
	 * group's, as an {@code ExposureChanged} snapshot carries it: the available-credit
	 * feed follows the customer's own events, and a change of another member of its group
	 * is none) with the version it was read at.
	 */
	SequencedExposure sequencedExposure(String customerId) {
		Ledger.Sequenced read = this.contexts.sequenced(customerId, "customerId");
		AccountContexts.Context context = this.contexts.load(read.account());
		return new SequencedExposure(exposure(context, groupExposure(context)), read.exposureSeq());
	}

	/**
	 * A customer's exposure with the effective policy and the end of the credit limit it
	 * was decided under, all from one reading of its account (the alerts decide from
	 * these), or empty when there is no such customer.
	 */
	public record Standing(Exposure exposure, EffectivePolicy policy, LocalDate limitValidUntil) {
	}

	public Optional<Standing> standing(String customerId) {
		return this.ledger.find(customerId).map(account -> {
			AccountContexts.Context context = this.contexts.load(account);
			LocalDate validUntil = (account.creditLimit() != null) ? account.creditLimit().validUntil() : null;
			return new Standing(exposure(context, groupExposure(context)), context.policy(), validUntil);
		});
	}

	/**
	 * The exposures of {@code customerIds}, in their order (a customer without an account
	 * is absent), from one read of the accounts and one of their overdue invoices, each
	 * available credit limited by the customer's credit group's ({@link Exposure}).
	 */
	public Map<String, Exposure> exposures(Collection<String> customerIds) {
		Map<String, AccountContexts.Context> contexts = this.contexts
			.loadAll(this.ledger.findAll(customerIds).values());
		Map<String, Exposure> result = new LinkedHashMap<>();
		for (String id : customerIds) {
			AccountContexts.Context context = contexts.get(id);
			if (context != null) {
				result.put(id, withGroup(exposure(context, groupExposure(context)), context));
			}
		}
		return result;
	}

	/**
	 * The group's exposure at today's rates for the parent of a group with a limit, else
	 * null (also when a member's currency has no rate).
	 */
	private BigDecimal groupExposure(AccountContexts.Context ctx) {
		return (ctx.account().groupLimit() != null) ? this.groups.exposure(ctx.account(), ctx.today()) : null;
	}

	/**
	 * The figures of one reading of an account (also what an {@code ExposureChanged}
	 * event carries), with {@code group}, the exposure of the group it heads in its
	 * currency (null when none or not asked for); the available credit is the customer's
	 * own, not limited by its group's.
	 */
	static Exposure exposure(AccountContexts.Context ctx, BigDecimal group) {
		CreditAccount a = ctx.account();
		ExposureCounters c = a.exposure();
		BigDecimal net = ExposureFormula.net(c, ctx.secured());
		BigDecimal secured = c.gross().subtract(net).max(BigDecimal.ZERO);
		BigDecimal limit = a.limitAmount();
		double utilization = (limit.signum() > 0) ? net.doubleValue() / limit.doubleValue()
				: (net.signum() > 0 ? 1.0 : 0.0);
		return new Exposure(a.id(), a.money(limit), a.money(c.openOrders()), a.money(c.longDatedOrders()),
				a.money(c.shippedNotInvoiced()), a.money(c.receivables()), a.money(ctx.overdue().amount()),
				ctx.overdue().oldestDays(), a.money(secured), a.money(c.gross()), a.money(net),
				a.money(limit.subtract(ExposureFormula.checkedNet(c, ctx.secured()))), utilization, a.groupLimit(),
				(a.groupLimit() != null && group != null) ? a.money(group) : null, null);
	}

	// ---- credit groups ----

	/**
	 * Input of {@code reconcileExposure}: with {@code fix}, the counters are corrected to
	 * the recomputed values.
	 */
	public record ReconcileExposureInput(String customerId, Boolean fix) {
	}

	public record SetGroupCreditLimitInput(String parentId, DecimalInput amount, String reason) {
	}

	/**
	 * Sets the limit of the credit group headed by {@code parentId} (in the parent's
	 * credit currency) and recomputes the group's exposure from its members.
	 */
	@PreAuthorize(Roles.SET_LIMITS)
	public Exposure setGroupLimit(SetGroupCreditLimitInput input) {
		CreditAccount parent = this.contexts.account(input.parentId(), "parentId");
		Validation v = new Validation();
		Money amount = v.money("amount", input.amount(), parent.creditCurrency());
		String reason = v.freeText("reason", input.reason(), 500);
		if (parent.parentId() != null) {
			v.reject(LedgerErrorCode.NOT_A_GROUP_PARENT, "parentId", parent.id(), parent.parentId());
		}
		v.throwIfInvalid();
		AuditRecord entry = this.audit.entry("GROUP_LIMIT_SET", "CUSTOMER", parent.id(), parent.id(), reason,
				new Changes().diff("groupLimit", parent.groupLimit(), amount));
		enterOwnExposureWithLimit(parent.id(), amount, entry, reason);
		this.audit.settle(CreditAccount.class, parent.id(), entry);
		// The group's figures recomputed from its members, in case they missed something
		// (a member that joined with exposure); conditional on nothing moving meanwhile.
		GroupDrift group = groupDrift(this.contexts.account(parent.id(), "parentId"));
		if (group != null && group.drifted()
				&& (groupInFlight(group) || !fixGroup(group, "Group exposure recomputed with the group limit"))) {
			log.info("Group exposure of {} not recomputed now: a member's change was in flight; "
					+ "the reconciliation corrects it", parent.id());
		}
		this.events.publishEvent(new ExposureChanged(parent.id(), "GROUP_LIMIT_SET", true));
		return exposure(parent.id());
	}

	/**
	 * Sets the parent's group limit and, when its own net exposure is not among its
	 * group's figures yet (the group's first limit: a parent counts in its own group only
	 * once it has one), enters it, in one update conditional on the parent's counters
	 * being as read ({@code exposureSeq}): a change of them before it is in the figure
	 * entered, one after it follows into the group as any member's does. Before, the
	 * parent's own exposure was left out until a reconciliation found it, which was put
	 * off while any member had written in the last minute: orders passed a group limit
	 * the group was already over. Tried again while the counters move.
	 */
	private void enterOwnExposureWithLimit(String parentId, Money amount, AuditRecord entry, String reason) {
		for (int attempt = 1;; attempt++) {
			Ledger.Sequenced read = this.ledger.findSequenced(parentId)
				.orElseThrow(() -> CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, "parentId",
						UserError.quoted(parentId)));
			CreditAccount parent = read.account();
			Update setLimit = Outbox.push(new Update().set("groupLimit", amount), this.ledgerEvents
				.groupLimitChanged(parent, parent.groupLimit(), amount, reason, Actor.current().name()));
			Criteria same = Criteria.where("_id").is(parentId);
			if (!parent.groupMembers().containsKey(parentId)) {
				BigDecimal own = ExposureFormula.net(parent.exposure(),
						this.contexts.secured(parent, this.contexts.today()));
				setLimit
					.set(Ledger.GROUP_MEMBERS + "." + parentId,
							new Document("currency", parent.creditCurrency()).append("net", ExposureFormula.dec(own)))
					.inc(Ledger.GROUP_SEQ, 1L);
				same = same.and(Outbox.EXPOSURE_SEQ)
					.in((read.exposureSeq() == 0) ? new Object[] { 0L, null } : new Object[] { read.exposureSeq() });
			}
			if (this.mongo
				.updateFirst(Query.query(same),
						AuditOutbox.push(Outbox.exposureMoved(setLimit, this.clock.instant()), entry),
						CreditAccount.class, CreditAccount.COLLECTION)
				.getMatchedCount() == 1) {
				return;
			}
			if (attempt >= 5) {
				throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("customer"),
						"parentId", parentId);
			}
		}
	}

	/**
	 * The group headed by {@code parent} as its figures hold it and as its members' net
	 * exposures are now (the parent's own when it has a group limit), in the parent's
	 * currency at today's rates and per member in its own currency; null when the
	 * customer heads no group.
	 */
	GroupDrift groupDrift(CreditAccount parent) {
		if (parent.parentId() != null) {
			return null;
		}
		List<CreditAccount> members = this.mongo.find(Query.query(Criteria.where("parentId").is(parent.id())),
				CreditAccount.class, CreditAccount.COLLECTION);
		if (members.isEmpty() && parent.groupLimit() == null && parent.groupExposure() == null) {
			return null;
		}
		List<CreditAccount> counted = new ArrayList<>(members);
		if (parent.groupLimit() != null) {
			counted.add(parent);
		}
		LocalDate today = this.contexts.today();
		String currency = parent.creditCurrency();
		Map<String, CreditAccount.MemberExposure> expected = new LinkedHashMap<>();
		for (CreditAccount member : counted) {
			expected.put(member.id(), new CreditAccount.MemberExposure(member.creditCurrency(),
					ExposureFormula.net(member.exposure(), this.contexts.secured(member, today))));
		}
		Map<String, CreditAccount.MemberExposure> stored = parent.groupMembers();
		List<GroupMemberDrift> drifts = new ArrayList<>();
		BigDecimal storedTotal = parent.legacyGroupNet();
		BigDecimal expectedTotal = BigDecimal.ZERO;
		Set<String> ids = new LinkedHashSet<>(expected.keySet());
		ids.addAll(stored.keySet());
		for (String id : ids) {
			CreditAccount.MemberExposure want = expected.get(id);
			CreditAccount.MemberExposure have = stored.get(id);
			String memberCurrency = (want != null) ? want.currency()
					: Objects.requireNonNullElse(have.currency(), currency);
			BigDecimal wanted = (want != null) ? want.net() : BigDecimal.ZERO;
			BigDecimal held = (have != null && have.net() != null && memberCurrency.equals(have.currency()))
					? have.net() : BigDecimal.ZERO;
			storedTotal = storedTotal.add(converted(have, currency, today));
			expectedTotal = expectedTotal.add(converted(want, currency, today));
			boolean otherCurrency = have != null && have.net() != null && have.net().signum() != 0
					&& !memberCurrency.equals(have.currency());
			if (held.compareTo(wanted) != 0 || otherCurrency) {
				drifts.add(new GroupMemberDrift(id, (have != null) ? new Money(nz(have.net()), have.currency()) : null,
						new Money(wanted, memberCurrency), new Money(held.subtract(wanted), memberCurrency)));
			}
		}
		boolean drifted = !drifts.isEmpty() || parent.legacyGroupNet().signum() != 0;
		return new GroupDrift(parent.id(), currency, parent.money(storedTotal), parent.money(expectedTotal),
				parent.money(storedTotal.subtract(expectedTotal)), drifts, drifted, expected, parent.groupSeq(),
				counted.stream().map(CreditAccount::id).toList());
	}

	private BigDecimal converted(CreditAccount.MemberExposure entry, String currency, LocalDate today) {
		if (entry == null || entry.net() == null || entry.net().signum() == 0) {
			return BigDecimal.ZERO;
		}
		return entry.net()
			.multiply(this.groups.rate(Objects.requireNonNullElse(entry.currency(), currency), currency, today));
	}

	private static BigDecimal nz(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	/**
	 * Replaces the group's figures with the members' net exposures now, with its audit
	 * record, if they did not move since {@code group} was read and no member's change is
	 * in flight; false otherwise.
	 */
	private boolean fixGroup(GroupDrift group, String why) {
		AuditRecord entry = this.audit.entry("GROUP_EXPOSURE_RECONCILED", "CUSTOMER", group.parentId(),
				group.parentId(), why, new Changes().diff("groupExposure", group.stored(), group.expected()));
		if (!this.ledger.replaceGroup(group.parentId(), group.seq(), group.recomputed(), entry)) {
			return false;
		}
		this.audit.settle(CreditAccount.class, group.parentId(), entry);
		this.events.publishEvent(new ExposureChanged(group.parentId(), "GROUP_EXPOSURE_RECONCILED", true));
		return true;
	}

	// ---- reconciliation ----

	/** One counter as stored and as recomputed from the documents. */
	public record CounterDrift(String counter, BigDecimal stored, BigDecimal expected, BigDecimal drift) {
	}

	/**
	 * The outcome of a reconciliation: {@code fixDeferred} when a correction was asked
	 * for but the customer's invoices or orders were written too recently to correct now.
	 */
	public record Reconciliation(String customerId, List<CounterDrift> counters, GroupDrift group, boolean drifted,
			boolean fixed, boolean fixDeferred) {
	}

	/**
	 * The credit group a customer heads, as its figures hold it ({@code stored}) and as
	 * its members' net exposures are now ({@code expected}), in the parent's currency at
	 * today's rates; {@code members}: each member whose entry differs, in its own
	 * currency.
	 */
	public record GroupDrift(String parentId, String currency, Money stored, Money expected, Money drift,
			List<GroupMemberDrift> members, boolean drifted, Map<String, CreditAccount.MemberExposure> recomputed,
			long seq, List<String> counted) {
	}

	/**
	 * A member's entry of its group's exposure as held and as it is now, in its currency.
	 */
	public record GroupMemberDrift(String customerId, Money stored, Money expected, Money drift) {
	}

	@PreAuthorize(Roles.FINANCE)
	public Reconciliation reconcile(String customerId, boolean fix) {
		CreditAccount account = this.contexts.account(customerId, "customerId");
		if (!account.pendingChanges().isEmpty()) {
			// Changes whose write landed (or never will) are settled (or undone) first.
			this.pending.resolveSettled(account);
			account = this.contexts.account(customerId, "customerId");
		}
		ExposureCounters expected = recompute(customerId);
		for (PendingChange change : account.pendingChanges()) {
			// Still in flight: a raise is counted before its order says so, a decrease
			// after.
			if (change.applied()) {
				expected = expected.plus(change.deltas());
			}
		}
		ExposureCounters stored = account.exposure();
		List<CounterDrift> counters = List.of(drift("openOrders", stored.openOrders(), expected.openOrders()),
				drift("longDatedOrders", stored.longDatedOrders(), expected.longDatedOrders()),
				drift("shippedNotInvoiced", stored.shippedNotInvoiced(), expected.shippedNotInvoiced()),
				drift("receivables", stored.receivables(), expected.receivables()));
		boolean drifted = counters.stream().anyMatch(c -> c.drift().signum() != 0);
		boolean fixed = false;
		boolean deferred = false;
		if (drifted) {
			log.warn("Exposure drift on customer {}: {}", customerId, counters);
			if (fix && recentlyWritten(customerId)) {
				// A payment, an invoice or an invoiced order moves the counters just
				// after its document: a correction taken in between would count that
				// write twice (the documents already show it, its own change of the
				// counters follows).
				deferred = true;
				log.info("Exposure of customer {} not corrected now: its invoices or orders changed within {}",
						customerId, this.settling);
			}
			else if (fix) {
				AuditRecord entry = this.audit.entry("EXPOSURE_RECONCILED", "CUSTOMER", customerId, customerId,
						"Counters recomputed from documents", new Changes().diff("exposure", stored, expected));
				fixed = this.ledger.replaceCounters(customerId, stored, expected, entry);
				if (fixed) {
					this.audit.settle(CreditAccount.class, customerId, entry);
					// The customer's group follows the corrected net exposure, as it
					// follows any change of it.
					if (Groups.rootOf(account) != null) {
						this.groups.follow(new Ledger.Change(account, account.withExposure(expected)),
								this.contexts.secured(account, this.contexts.today()));
					}
					this.events.publishEvent(new ExposureChanged(customerId, "EXPOSURE_RECONCILED", true));
				}
			}
		}
		boolean countersFixed = !drifted || fixed;
		GroupDrift group = groupDrift(this.contexts.account(customerId, "customerId"));
		boolean groupFixed = true;
		if (group != null && group.drifted()) {
			log.warn("Group exposure drift on parent {}: {} held, {} now ({} at today's rates); members {}", customerId,
					group.stored(), group.expected(), group.currency(), group.members());
			groupFixed = false;
			if (fix && groupInFlight(group)) {
				// A member's change moves the member first and its group just after: a
				// correction taken in between would count it twice, or not at all.
				deferred = true;
				log.info("Group exposure of {} not corrected now: a member's change may still be in flight",
						customerId);
			}
			else if (fix) {
				groupFixed = fixGroup(group, "Group exposure recomputed from its members");
				deferred |= !groupFixed;
			}
		}
		boolean anyDrift = drifted || (group != null && group.drifted());
		return new Reconciliation(customerId, counters, group, anyDrift, anyDrift && countersFixed && groupFixed,
				deferred);
	}

	/**
	 * Whether a change of a group member may be between the member's document and the
	 * group's: a member's change pending, the group's part of one pending, a member
	 * joining or leaving whose exposure has not moved yet, or an order or invoice of a
	 * member written within {@link #settling}.
	 */
	private boolean groupInFlight(GroupDrift group) {
		if (this.ledger.groupMarks(group.parentId()) > 0) {
			return true;
		}
		// A member joining or leaving whose exposure has not moved yet (GroupMoves).
		Query moving = Query
			.query(new Criteria().orOperator(Criteria.where(GroupMoves.CHANGES + ".to").is(group.parentId()),
					Criteria.where(GroupMoves.CHANGES + ".from").is(group.parentId()),
					Criteria.where(GroupMoves.MOVE + ".to").is(group.parentId()),
					Criteria.where(GroupMoves.MOVE + ".from").is(group.parentId()),
					Criteria.where("_id").in(group.counted()).and(GroupMoves.CHANGES + ".0").exists(true)));
		if (this.mongo.exists(moving, CreditAccount.class, CreditAccount.COLLECTION)) {
			return true;
		}
		Date since = Date.from(this.clock.instant().minus(this.settling));
		Query pendingMembers = Query
			.query(Criteria.where("_id").in(group.counted()).and(Ledger.PENDING + ".0").exists(true));
		Query invoices = Query.query(Criteria.where("customerId")
			.in(group.counted())
			.orOperator(Criteria.where("issuedAt").gte(since), Criteria.where("applications.at").gte(since)));
		Query orders = Query.query(Criteria.where("customerId").in(group.counted()).and("updatedAt").gte(since));
		return this.mongo.exists(pendingMembers, CreditAccount.class, CreditAccount.COLLECTION)
				|| this.mongo.exists(invoices, Invoice.class) || this.mongo.exists(orders, Order.class);
	}

	/**
	 * Whether an invoice of the customer was issued or settled, or an invoiced order
	 * changed (issuing an invoice raises its order's invoiced part first), within
	 * {@link #settling}. Orders otherwise move the counters through pending changes,
	 * which the reconciliation already accounts for.
	 */
	private boolean recentlyWritten(String customerId) {
		Date since = Date.from(this.clock.instant().minus(this.settling));
		Query invoices = Query.query(Criteria.where("customerId")
			.is(customerId)
			.orOperator(Criteria.where("issuedAt").gte(since), Criteria.where("applications.at").gte(since)));
		Query orders = Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("updatedAt")
			.gte(since)
			.and("invoicedCredit")
			.gt(BigDecimal.ZERO));
		return this.mongo.exists(invoices, Invoice.class) || this.mongo.exists(orders, Order.class);
	}

	/** The counters as the documents say they should be. */
	ExposureCounters recompute(String customerId) {
		BigDecimal open = BigDecimal.ZERO;
		BigDecimal longDated = BigDecimal.ZERO;
		BigDecimal shipped = BigDecimal.ZERO;
		// Streamed, with a deadline checkpoint per document: a customer may have many
		// thousands, and a
		// request that asked for this stops when its time is up (a job has no deadline).
		try (Stream<Order> orders = this.mongo.stream(Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("status")
			.in(OrderStatus.OPEN, OrderStatus.SHIPPED, OrderStatus.CANCELLED)), Order.class)) {
			for (Iterator<Order> each = orders.iterator(); each.hasNext();) {
				WorkDeadline.checkpoint();
				Order order = each.next();
				open = open.add(order.openCredit());
				if (order.longDated()) {
					longDated = longDated.add(order.openCredit());
				}
				shipped = shipped.add(order.shippedNotInvoicedCredit());
			}
		}
		BigDecimal receivables = BigDecimal.ZERO;
		try (Stream<Invoice> invoices = this.mongo.stream(
				Query.query(Criteria.where("customerId").is(customerId).and("status").is(InvoiceStatus.OPEN)),
				Invoice.class)) {
			for (Iterator<Invoice> each = invoices.iterator(); each.hasNext();) {
				WorkDeadline.checkpoint();
				receivables = receivables.add(each.next().openCredit());
			}
		}
		return new ExposureCounters(open, longDated, shipped, receivables);
	}

	private static CounterDrift drift(String name, BigDecimal stored, BigDecimal expected) {
		return new CounterDrift(name, stored, expected, stored.subtract(expected));
	}

	// ---- re-evaluation of held orders ----

	@EventListener
	void onExposureChanged(ExposureChanged event) {
		if (event.freedCredit()) {
			reevaluate(event.customerId());
		}
	}

	@EventListener
	void onCustomerCreditChanged(CustomerCreditChanged event) {
		reevaluate(event.customerId());
	}

	private void reevaluate(String customerId) {
		try {
			int released = this.worklist.reevaluate(customerId);
			if (released > 0) {
				log.info("Released {} held order(s) of customer {} after credit became available", released,
						customerId);
			}
		}
		catch (RuntimeException ex) {
			// The change that freed credit stands; the held orders wait for the next
			// chance or Finance.
			log.warn("Re-evaluating held orders of customer {} failed: {}", customerId, ex.getMessage());
		}
	}

}
