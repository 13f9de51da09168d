package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.FourEyes;
import io.creditdesk.common.Money;
import io.creditdesk.common.PersonNames;
import io.creditdesk.common.Validation;
import io.creditdesk.events.Outbox;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.ledger.CreditDecider.Outcome;
import io.creditdesk.ledger.OrderInputs.OrderFilter;
import io.creditdesk.ledger.OrderInputs.RejectOrderInput;
import io.creditdesk.ledger.OrderInputs.ReleaseOrderInput;
import io.creditdesk.ledger.OrderService.OrderResult;
import io.creditdesk.security.Roles;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The Finance worklist: orders (or amendments) held by the credit check wait here, oldest
 * first, until an approver releases or rejects them, or until credit frees up and they
 * are released automatically ({@link #reevaluate}). A release by a person and an
 * automatic one leave the order the same way
 * ({@link #release(Order, CreditDecision, LedgerEvents.Release, String)}).
 */
@Service
public class OrderWorklist {

	private final OrderStore store;

	private final CreditDecider decider;

	private final AccountContexts contexts;

	private final AuditLog audit;

	private final LedgerEvents ledgerEvents;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderWorklist(OrderStore store, CreditDecider decider, AccountContexts contexts, AuditLog audit,
			LedgerEvents ledgerEvents, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.decider = decider;
		this.contexts = contexts;
		this.audit = audit;
		this.ledgerEvents = ledgerEvents;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The worklist, oldest first; an order whose amendment waits is shown with the
	 * amendment's decision ({@link Order#asWaiting}).
	 */
	@PreAuthorize(Roles.APPROVE_ORDERS)
	public Connection<Order> pending(OrderFilter filter, Integer first, String after) {
		Connection<Order> page = this.store.waiting(filter, Connection.pageSize(first), Connection.decode(after));
		return new Connection<>(
				page.edges().stream().map(e -> new Connection.Edge<>(e.cursor(), e.node().asWaiting())).toList(),
				page.pageInfo(), page.totalCount());
	}

	/**
	 * Finance sign-off: re-checks the current figures and reserves atomically. With
	 * {@code overrideLimit} the approver accepts exceeding the limit (never the hard
	 * cap).
	 */
	@PreAuthorize(Roles.APPROVE_ORDERS)
	public OrderResult release(ReleaseOrderInput input) {
		Order order = this.store.require(input.orderId());
		Validation v = new Validation();
		String reason = v.freeText("reason", input.reason(), 500);
		v.throwIfInvalid();
		requireWaiting(order);
		Actor actor = Actor.current();
		// Finance sign-off is the second pair of eyes on an order: a person's.
		FourEyes.requirePerson(actor, "orderId");
		if (order.waitingNeed().signum() <= 0) {
			// Nothing left to release (a shipment overtook the amendment): only a
			// rejection takes it off the worklist.
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_PENDING.variant("nothingLeft"), "orderId",
					order.id());
		}
		Order.PendingAmendment amendment = order.pendingAmendment();
		String requester = (amendment != null) ? amendment.requestedBy() : order.placedBy();
		if (PersonNames.samePerson(actor.name(), requester)) {
			throw CreditDeskException.refuse(LedgerErrorCode.SELF_APPROVAL_NOT_ALLOWED, "orderId");
		}
		boolean override = Boolean.TRUE.equals(input.overrideLimit());
		BigDecimal amount = order.waitingNeed();
		try (LedgerWrite write = this.decider.begin(order)) {
			CreditDecider.Release approved = this.decider.approveRelease(order, amount, override, actor.name(), write);
			CreditDecision decision = approved.decision();
			AuditRecord audited = audit(order, override ? "ORDER_RELEASED_WITH_OVERRIDE" : "ORDER_RELEASED", reason,
					new Changes().diff("status", order.status(), released(order).status())
						.diff("decision", order.decisionStatus(), DecisionStatus.APPROVED));
			Update update = release(order, decision,
					override ? LedgerEvents.Release.APPROVER_OVERRIDE : LedgerEvents.Release.APPROVER, reason,
					approved.longDated());
			Order updated = write.write(() -> this.store.updateAudited(order, write.carry(update), audited));
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_RELEASED", false));
			return new OrderResult(updated, decision);
		}
	}

	@PreAuthorize(Roles.APPROVE_ORDERS)
	public Order reject(RejectOrderInput input) {
		Order order = this.store.require(input.orderId());
		Validation v = new Validation();
		String reason = v.freeText("reason", input.reason(), 500);
		v.throwIfInvalid();
		requireWaiting(order);
		FourEyes.requirePerson(Actor.current(), "orderId");
		Update update = new Update().unset(OrderStore.WORKLIST_KEY);
		List<CreditReason> reasons = new ArrayList<>(List.of(CreditReason.of(CreditReasonCode.REJECTED_BY_APPROVER)));
		CreditDecision rejected;
		Order after;
		if (order.pendingAmendment() != null) {
			update.set("pendingAmendment", null);
			Order.PendingAmendment amendment = order.pendingAmendment();
			reasons.addAll(CreditReason.of(amendment.reasonCodes()));
			CreditDecision d = order.decision();
			rejected = CreditDecision.of(DecisionStatus.REJECTED, reasons,
					new Money(amendment.creditAmount().amount().subtract(order.creditAmount().amount()),
							d.amount().currency()),
					d.limit(), d.exposure(), d.available(), d.available(), this.clock.instant(),
					Actor.current().name());
			after = order.with(order.status(), order.amount(), order.creditAmount(), amendment);
		}
		else {
			// The hold's reasons with their figures: what the approver saw when
			// rejecting.
			reasons.addAll(order.decision().reasons());
			rejected = CreditDecision.of(DecisionStatus.REJECTED, reasons, order.decision().amount(),
					order.decision().limit(), order.decision().exposure(), order.decision().available(),
					order.decision().available(), this.clock.instant(), Actor.current().name());
			update.set("status", OrderStatus.REJECTED).set("decision", rejected);
			after = order.with(OrderStatus.REJECTED, order.amount(), order.creditAmount(), null);
		}
		Outbox.push(update, this.ledgerEvents.orderDecided(after, rejected, LedgerEvents.Trigger.REJECTED_BY_APPROVER));
		return this.store.updateAudited(order, update,
				audit(order, "ORDER_REJECTED", reason, new Changes().diff("status", order.status(), after.status())));
	}

	/**
	 * Re-evaluates the customer's orders held only for lack of credit, oldest first, and
	 * releases those that now fit. Runs after anything that frees credit.
	 * @return how many were released
	 */
	int reevaluate(String customerId) {
		int released = 0;
		// The account is read once, and again only after a reading that may be stale (an
		// order released, a reservation that did not go through): an order over the
		// available credit of the current reading stays held without touching the store.
		Context ctx = null;
		for (Order order : this.store.waitingOf(customerId, 100)) {
			List<CreditReasonCode> reasons = (order.pendingAmendment() != null) ? order.pendingAmendment().reasonCodes()
					: order.decision().reasonCodes();
			if (!CreditCheck.CREDIT_HOLDS.containsAll(reasons)) {
				continue;
			}
			if (ctx == null) {
				ctx = this.contexts.load(customerId, "customerId");
			}
			Order.PendingAmendment amendment = order.pendingAmendment();
			BigDecimal amount = order.waitingNeed();
			if (amount.signum() <= 0) {
				// Nothing left to release (a shipment overtook it): Finance rejects it.
				continue;
			}
			BigDecimal total = (amendment != null) ? amendment.creditAmount().amount() : order.creditAmount().amount();
			boolean longDated = CreditDecider.longDated(order, ctx);
			boolean fitsReading = longDated || amount.compareTo(ctx.available()) <= 0;
			try (LedgerWrite write = this.decider.begin(order)) {
				Outcome outcome = this.decider.decide(ctx, amount, total, longDated, Deltas.NONE, write);
				if (!outcome.approved()) {
					if (fitsReading) {
						ctx = null;
					}
					continue;
				}
				ctx = null;
				CreditDecision decision = CreditDecision.of(DecisionStatus.APPROVED,
						List.of(CreditReason.of(CreditReasonCode.AUTO_RELEASED)), outcome.decision().amount(),
						outcome.decision().limit(), outcome.decision().exposure(), outcome.decision().available(),
						outcome.decision().availableAfter(), this.clock.instant(), "system");
				Update update = release(order, decision, LedgerEvents.Release.AUTOMATIC, "Credit became available",
						longDated);
				// The service's decision, whoever's request freed the credit (a
				// salesperson's
				// cancellation must not read as that person releasing a held order).
				AuditRecord audited = this.audit.entry(Actor.SYSTEM, "ORDER_AUTO_RELEASED", "ORDER", order.id(),
						customerId, "Credit became available",
						new Changes().diff("status", order.status(), OrderStatus.OPEN));
				AuditOutbox.push(update, audited);
				Update carried = write.carry(update);
				if (write.write(() -> this.store.updateIfVersion(order, carried)).isEmpty()) {
					// Changed meanwhile (released by Finance, amended, cancelled): the
					// reservation is undone on closing.
					continue;
				}
				this.audit.settle(Order.class, order.id(), audited);
			}
			this.events.publishEvent(new ExposureChanged(customerId, "ORDER_AUTO_RELEASED", false));
			released++;
		}
		return released;
	}

	/**
	 * How a release leaves the order, whoever released it: approved with
	 * {@code decision}, off the worklist, open (or with its held amendment applied), and
	 * the release published; long-dated as it was reserved ({@code longDated}).
	 */
	private Update release(Order order, CreditDecision decision, LedgerEvents.Release how, String reason,
			boolean longDated) {
		Update update = new Update().set("decision", decision).unset(OrderStore.WORKLIST_KEY);
		if (longDated != order.longDated()) {
			update.set(OrderStore.LONG_DATED, longDated);
		}
		Order.PendingAmendment amendment = order.pendingAmendment();
		if (amendment != null) {
			update.set("amount", amendment.amount())
				.set("creditAmount", amendment.creditAmount())
				.set("pendingAmendment", null);
		}
		else {
			update.set("status", OrderStatus.OPEN);
		}
		return Outbox.push(update, this.ledgerEvents.orderReleased(released(order), decision, how, reason));
	}

	/** The order as a release leaves it: open, or with its held amendment applied. */
	private static Order released(Order order) {
		Order.PendingAmendment amendment = order.pendingAmendment();
		return (amendment != null) ? order.with(order.status(), amendment.amount(), amendment.creditAmount(), null)
				: order.with(OrderStatus.OPEN, order.amount(), order.creditAmount(), null);
	}

	private static void requireWaiting(Order order) {
		if (order.worklistKey() == null) {
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_PENDING, "orderId", order.id());
		}
	}

	private AuditRecord audit(Order order, String action, String reason, Changes changes) {
		return this.audit.entry(action, "ORDER", order.id(), order.customerId(), reason, changes);
	}

}
