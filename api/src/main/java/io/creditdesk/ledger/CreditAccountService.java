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
import java.util.List;
import java.util.Map;
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
import io.creditdesk.common.MoneyInput;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.common.WorkDeadline;
import io.creditdesk.customer.CustomerCreditChanged;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Exposure as a customer-facing figure (with overdue, secured, available, utilization),
 * securities, group limits, the reconciliation of counters against documents, and the
 * re-evaluation of held orders whenever credit frees up.
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

	/**
	 * How long after a write of a customer's invoices or orders a reconciliation does not
	 * correct the counters ({@link #reconcile}): twice the pending-change lease.
	 */
	private final Duration settling;

	CreditAccountService(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, OrderWorklist worklist,
			AuditLog audit, ApplicationEventPublisher events, Clock clock, MongoIndexes indexes,
			LedgerEvents ledgerEvents, PendingChanges pending, LedgerProperties properties) {
		this.ledgerEvents = ledgerEvents;
		this.pending = pending;
		this.settling = properties.pendingLease().multipliedBy(2);
		this.mongo = mongo;
		this.ledger = ledger;
		this.contexts = contexts;
		this.worklist = worklist;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		indexes.declare(CreditSecurity.class, new Index().on("customerId", Sort.Direction.ASC).named("customer"));
		audit.register(CreditSecurity.class);
	}

	/** A customer's exposure, in its credit currency. */
	public record Exposure(String customerId, Money limit, Money openOrders, Money longDatedOrders,
			Money shippedNotInvoiced, Money receivables, Money overdue, int oldestOverdueDays, Money secured,
			Money gross, Money net, Money availableCredit, double utilization, Money groupLimit, Money groupExposure) {

		public BigDecimal utilizationPercent() {
			return Utilization.percent(this.net.amount(), this.limit.amount());
		}

	}

	public Exposure exposure(String customerId) {
		return exposure(this.contexts.load(customerId, "customerId"));
	}

	/**
	 * The exposures of {@code customerIds}, in their order (a customer without an account
	 * is absent), from one read of the accounts and one of their overdue invoices.
	 */
	public Map<String, Exposure> exposures(Collection<String> customerIds) {
		Map<String, AccountContexts.Context> contexts = this.contexts
			.loadAll(this.ledger.findAll(customerIds).values());
		Map<String, Exposure> result = new LinkedHashMap<>();
		for (String id : customerIds) {
			AccountContexts.Context context = contexts.get(id);
			if (context != null) {
				result.put(id, exposure(context));
			}
		}
		return result;
	}

	/**
	 * The figures of one reading of an account (also what an {@code ExposureChanged}
	 * event carries).
	 */
	static Exposure exposure(AccountContexts.Context ctx) {
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
				(a.groupLimit() != null) ? new Money(a.groupNet(), a.groupLimit().currency()) : null);
	}

	// ---- securities ----

	/** Input of {@code addCreditSecurity}. */
	public record AddCreditSecurityInput(String customerId, CreditSecurity.SecurityType type, String reference,
			MoneyInput amount, DecimalInput coverPercent, LocalDate validFrom, LocalDate expiresOn, String reason) {
	}

	@PreAuthorize(Roles.FINANCE)
	public CreditSecurity addSecurity(AddCreditSecurityInput input) {
		CreditAccount account = this.contexts.account(input.customerId(), "customerId");
		Validation v = new Validation();
		if (input.type() == null) {
			v.reject(CommonErrorCode.REQUIRED, "type");
		}
		String reference = v.required("reference", input.reference(), 100);
		Money amount = (input.amount() != null) ? input.amount().validate(v, "amount") : null;
		if (input.amount() == null) {
			v.reject(CommonErrorCode.REQUIRED.variant("coverAmount"), "amount");
		}
		BigDecimal percent = null;
		if (input.type() == CreditSecurity.SecurityType.CREDIT_INSURANCE) {
			percent = v.percent("coverPercent", input.coverPercent());
			if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
				v.reject(CommonErrorCode.OUT_OF_RANGE.variant("coverPercent"), "coverPercent", percent);
			}
		}
		if (input.expiresOn() != null && input.validFrom() != null && input.expiresOn().isBefore(input.validFrom())) {
			v.reject(CommonErrorCode.INVALID_DATE.variant("expiresBeforeValid"), "expiresOn", input.expiresOn(),
					input.validFrom());
		}
		v.throwIfInvalid();
		CreditSecurity security = new CreditSecurity(new ObjectId().toHexString(), account.id(), input.type(),
				reference, amount, percent, input.validFrom(), input.expiresOn(), Actor.current().name(),
				this.clock.instant(), false);
		AuditRecord added = this.audit.entry("CREDIT_SECURITY_ADDED", "CUSTOMER", account.id(), account.id(),
				input.reason(),
				new Changes().set("security",
						security.type() + " " + reference + " " + amount
								+ ((percent != null) ? " at " + percent.toPlainString() + " %" : "") + " until "
								+ security.expiresOn()));
		Document document = new Document();
		this.mongo.getConverter().write(security, document);
		this.mongo.insert(AuditOutbox.attach(document, added), this.mongo.getCollectionName(CreditSecurity.class));
		this.audit.settle(CreditSecurity.class, security.id(), added);
		this.contexts.forgetSecurities(account.id());
		this.ledger.positionChanged(account.id());
		this.events.publishEvent(new ExposureChanged(account.id(), "SECURITY_ADDED", true));
		return security;
	}

	@PreAuthorize(Roles.FINANCE)
	public CreditSecurity releaseSecurity(String securityId, String reason) {
		CreditSecurity active = (securityId != null) ? this.mongo.findById(securityId, CreditSecurity.class) : null;
		if (active == null || active.released()) {
			throw CreditDeskException.refuse(LedgerErrorCode.SECURITY_NOT_FOUND, "securityId",
					UserError.quoted(securityId));
		}
		AuditRecord released = this.audit.entry("CREDIT_SECURITY_RELEASED", "CUSTOMER", active.customerId(),
				active.customerId(), reason,
				new Changes().diff("security", active.type() + " " + active.reference(), null));
		CreditSecurity security = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(securityId).and("released").is(false)),
				AuditOutbox.push(new Update().set("released", true), released),
				FindAndModifyOptions.options().returnNew(true), CreditSecurity.class);
		if (security == null) {
			throw CreditDeskException.refuse(LedgerErrorCode.SECURITY_NOT_FOUND, "securityId",
					UserError.quoted(securityId));
		}
		this.audit.settle(CreditSecurity.class, security.id(), released);
		this.contexts.forgetSecurities(security.customerId());
		this.ledger.positionChanged(security.customerId());
		this.events.publishEvent(new ExposureChanged(security.customerId(), "SECURITY_RELEASED", false));
		return security;
	}

	public List<CreditSecurity> securities(String customerId) {
		return this.mongo.find(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by("addedAt")),
				CreditSecurity.class);
	}

	// ---- credit groups ----

	/** Input of {@code setGroupCreditLimit}. */
	/** Input of {@code releaseCreditSecurity}. */
	public record ReleaseCreditSecurityInput(String securityId, String reason) {
	}

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
		String reason = v.required("reason", input.reason(), 500);
		if (parent.parentId() != null) {
			v.reject(LedgerErrorCode.NOT_A_GROUP_PARENT, "parentId", parent.id(), parent.parentId());
		}
		v.throwIfInvalid();
		AuditRecord entry = this.audit.entry("GROUP_LIMIT_SET", "CUSTOMER", parent.id(), parent.id(), reason,
				new Changes().diff("groupLimit", parent.groupLimit(), amount));
		Update setLimit = Outbox.push(new Update().set("groupLimit", amount), this.ledgerEvents
			.groupLimitChanged(parent, parent.groupLimit(), amount, reason, Actor.current().name()));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(parent.id())),
				AuditOutbox.push(Outbox.exposureMoved(setLimit, this.clock.instant()), entry), CreditAccount.class,
				CreditAccount.COLLECTION);
		this.audit.settle(CreditAccount.class, parent.id(), entry);
		this.ledger.setGroupNet(parent.id(), groupNet(parent.id()));
		this.events.publishEvent(new ExposureChanged(parent.id(), "GROUP_LIMIT_SET", true));
		return exposure(parent.id());
	}

	/**
	 * The group's net exposure: the parent's own and every member's, in the parent's
	 * currency.
	 */
	BigDecimal groupNet(String parentId) {
		List<CreditAccount> members = new ArrayList<>(
				this.mongo.find(
						Query.query(new Criteria().orOperator(Criteria.where("_id").is(parentId),
								Criteria.where("parentId").is(parentId))),
						CreditAccount.class, CreditAccount.COLLECTION));
		LocalDate today = this.contexts.today();
		BigDecimal total = BigDecimal.ZERO;
		for (CreditAccount member : members) {
			total = total.add(ExposureFormula.net(member.exposure(), this.contexts.secured(member, today)));
		}
		return total;
	}

	// ---- reconciliation ----

	/** One counter as stored and as recomputed from the documents. */
	public record CounterDrift(String counter, BigDecimal stored, BigDecimal expected, BigDecimal drift) {
	}

	/**
	 * The outcome of a reconciliation: {@code fixDeferred} when a correction was asked
	 * for but the customer's invoices or orders were written too recently to correct now.
	 */
	public record Reconciliation(String customerId, List<CounterDrift> counters, boolean drifted, boolean fixed,
			boolean fixDeferred) {
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
				// after
				// its document: a correction taken in between would count that write
				// twice
				// (the documents already show it, its own change of the counters
				// follows).
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
					this.events.publishEvent(new ExposureChanged(customerId, "EXPOSURE_RECONCILED", true));
				}
			}
		}
		return new Reconciliation(customerId, counters, drifted, fixed, deferred);
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
