package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.events.Outbox;
import io.creditdesk.fx.Conversion;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.ledger.CreditDecider.Checked;
import io.creditdesk.ledger.CreditDecider.Outcome;
import io.creditdesk.ledger.OrderInputs.AmendOrderInput;
import io.creditdesk.ledger.OrderInputs.CancelOrderInput;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderInputs.ReopenOrderInput;
import io.creditdesk.ledger.OrderInputs.ShipOrderInput;
import io.creditdesk.security.Roles;
import org.bson.Document;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Order entry: place, amend, cancel, reopen and ship an order. Every path that raises
 * exposure (a new order, an increase, a reopened order, a shipment beyond the order) is
 * decided and reserved by {@link CreditDecider}; a held order waits in the
 * {@link OrderWorklist}; the order documents are read and written through
 * {@link OrderStore}.
 */
@Service
public class OrderService {

	/** The longest reason an order change keeps, as for every other reason. */
	private static final int REASON_LENGTH = 500;

	private final OrderStore store;

	private final CreditDecider decider;

	private final AccountContexts contexts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LedgerEvents ledgerEvents;

	OrderService(OrderStore store, CreditDecider decider, AccountContexts contexts, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, LedgerEvents ledgerEvents) {
		this.store = store;
		this.decider = decider;
		this.contexts = contexts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.ledgerEvents = ledgerEvents;
	}

	/**
	 * An order and the decision just taken on it (which may concern an amendment only).
	 */
	public record OrderResult(Order order, CreditDecision decision) {
	}

	public Optional<Order> find(String orderId) {
		return this.store.find(orderId);
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult place(PlaceOrderInput input) {
		Validation v = new Validation();
		String orderId = v.id("orderId", input.orderId(), 128);
		v.id("customerId", input.customerId(), 64);
		String currency = v.currency("currency", input.currency());
		Money amount = positive(v, "amount", v.money("amount", input.amount(), currency));
		String channel = (input.channel() == null || input.channel().isBlank()) ? "API"
				: v.code("channel", input.channel());
		if (input.requestedDeliveryDate() != null) {
			DocumentDates
				.delivery("requestedDeliveryDate", input.requestedDeliveryDate(),
						LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC))
				.ifPresent(v::reject);
		}
		v.throwIfInvalid();
		String fingerprint = input.customerId().trim() + "|" + amount.amount().stripTrailingZeros().toPlainString()
				+ "|" + currency + "|" + channel + "|" + input.requestedDeliveryDate();
		// No read-before-insert: the order id is the document id, so a replay is caught
		// by the unique insert below and its (conservative, momentary) reservation
		// undone. The reservation is marked pending for this order id in the customer's
		// document until the order is stored: a retry of an order whose first attempt
		// died after reserving finds it there, and never reserves twice (see
		// PendingChange).
		try (LedgerWrite write = this.decider.begin(orderId)) {
			Checked checked = this.decider.checkNew(input.customerId().trim(), amount, input.requestedDeliveryDate(),
					write);
			Outcome outcome = checked.outcome();
			Conversion conversion = checked.conversion();
			boolean longDated = checked.longDated();
			DecisionStatus status = outcome.decision().status();
			Order order = new Order(orderId, checked.account().id(), checked.account().segment(), channel, amount,
					conversion.converted(), conversion.rate(), conversion.rateDate(), input.requestedDeliveryDate(),
					longDated, OrderStatus.decided(status), outcome.decision(), BigDecimal.ZERO, BigDecimal.ZERO,
					BigDecimal.ZERO, BigDecimal.ZERO, List.of(), List.of(), null, Actor.current().name(),
					this.clock.instant(), this.clock.instant(), fingerprint,
					(status == DecisionStatus.PENDING_APPROVAL) ? OrderStore.newWorklistKey() : null, 1);
			// The decision and its OrderCreditDecided event are one document: neither
			// exists without the other.
			Document document = this.store.toDocument(order);
			Outbox.attach(write.carry(document),
					List.of(this.ledgerEvents.orderDecided(order, order.decision(), LedgerEvents.Trigger.PLACED)));
			try {
				write.write(() -> this.store.insert(document));
			}
			catch (DuplicateKeyException ex) {
				// A concurrent request with the same order id won: undo ours, answer with
				// theirs.
				write.undo();
				return replay(this.store.require(orderId), fingerprint);
			}
			if (outcome.change() != null) {
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_PLACED", false));
			}
			return new OrderResult(order, order.decision());
		}
	}

	private static OrderResult replay(Order existing, String fingerprint) {
		if (!existing.fingerprint().equals(fingerprint)) {
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_ID_CONFLICT, "orderId", existing.id());
		}
		return new OrderResult(existing, existing.decision());
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult amend(AmendOrderInput input) {
		Order order = this.store.require(input.orderId());
		Validation v = new Validation();
		Money amount = positive(v, "amount", v.money("amount", input.amount(), order.amount().currency()));
		String reason = reason(v, input.reason());
		v.throwIfInvalid();
		BigDecimal newCredit = atOrderRate(order, amount);
		Money newCreditMoney = new Money(newCredit, order.creditAmount().currency());
		if (order.status() == OrderStatus.HELD) {
			// A reopened held order may have shipped part of it: that part stays shipped,
			// only the rest is reserved.
			if (newCredit.compareTo(order.shippedCredit()) < 0) {
				throw CreditDeskException.refuse(LedgerErrorCode.AMEND_BELOW_SHIPPED, "amount", order.id(), amount);
			}
			BigDecimal unshipped = newCredit.subtract(order.shippedCredit());
			try (LedgerWrite write = this.decider.begin(order)) {
				Context ctx = this.contexts.load(order.customerId(), "orderId");
				boolean longDated = CreditDecider.longDated(order, ctx);
				Outcome outcome = this.decider.decide(ctx, unshipped, newCredit, longDated, Deltas.NONE, write);
				OrderStatus status = OrderStatus.decided(outcome.decision().status());
				Update update = new Update().set("amount", amount)
					.set("creditAmount", newCreditMoney)
					.set("status", status)
					.set("decision", outcome.decision());
				if (longDated != order.longDated()) {
					update.set(OrderStore.LONG_DATED, longDated);
				}
				OrderStore.worklist(update, (status == OrderStatus.HELD) ? order.worklistKey() : null);
				Outbox.push(update, this.ledgerEvents.orderDecided(order.with(status, amount, newCreditMoney, null),
						outcome.decision(), LedgerEvents.Trigger.AMENDED));
				AuditRecord audited = auditOrder(order, "ORDER_AMENDED", reason,
						new Changes().diff("amount", order.amount(), amount));
				Order updated = write.write(() -> this.store.updateAudited(order, write.carry(update), audited));
				publishIfReserved(outcome, updated.customerId(), "ORDER_AMENDED");
				return new OrderResult(updated, outcome.decision());
			}
		}
		if (!order.status().amendable()) {
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_AMENDABLE, "orderId", order.id(),
					order.status());
		}
		if (newCredit.compareTo(order.shippedCredit()) < 0) {
			throw CreditDeskException.refuse(LedgerErrorCode.AMEND_BELOW_SHIPPED, "amount", order.id(), amount);
		}
		BigDecimal delta = newCredit.subtract(order.creditAmount().amount());
		if (delta.signum() <= 0) {
			Order updated;
			try (LedgerWrite write = this.decider.begin(order)) {
				if (delta.signum() < 0) {
					// Released once the order says so: the counters never fall below what
					// the orders imply.
					write.mark(order.customerId(), Deltas.release(delta.negate(), order.longDated()), false);
				}
				Update update = supersede(order,
						new Update().set("amount", amount).set("creditAmount", newCreditMoney));
				AuditRecord audited = auditOrder(order, "ORDER_AMENDED", reason,
						new Changes().diff("amount", order.amount(), amount));
				updated = write.write(() -> this.store.updateAudited(order, write.carry(update), audited));
			}
			if (delta.signum() < 0) {
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_DECREASED", true));
			}
			return new OrderResult(updated, updated.decision());
		}
		try (LedgerWrite write = this.decider.begin(order)) {
			Context ctx = this.contexts.load(order.customerId(), "orderId");
			Outcome outcome = this.decider.decide(ctx, delta, newCredit, order.longDated(), Deltas.NONE, write);
			// The amount checked is the increase: its reasons say so, and to what total.
			CreditDecision decided = outcome.decision().onIncreaseTo(CreditCheck.figure(ctx.account(), newCredit));
			Order updated;
			Order.PendingAmendment requested = new Order.PendingAmendment(amount, newCreditMoney, decided.reasonCodes(),
					Actor.current().name(), this.clock.instant(), decided);
			AuditRecord audited = auditOrder(order, "ORDER_AMENDMENT_" + decided.status(), reason,
					new Changes().diff("amount", order.amount(), amount));
			if (outcome.approved()) {
				Update update = Outbox.push(
						supersede(order, new Update().set("amount", amount).set("creditAmount", newCreditMoney)),
						this.ledgerEvents.orderDecided(order.with(OrderStatus.OPEN, amount, newCreditMoney, null),
								decided, LedgerEvents.Trigger.AMENDED));
				updated = write.write(() -> this.store.updateAudited(order, write.carry(update), audited));
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_INCREASED", false));
			}
			else if (decided.status() == DecisionStatus.PENDING_APPROVAL) {
				updated = this.store.updateAudited(order,
						Outbox.push(
								new Update().set("pendingAmendment", requested)
									.set(OrderStore.WORKLIST_KEY, OrderStore.newWorklistKey()),
								this.ledgerEvents.orderDecided(
										order.with(order.status(), order.amount(), order.creditAmount(), requested),
										decided, LedgerEvents.Trigger.AMENDED)),
						audited);
			}
			else {
				// Refused: nothing changes on the order (but an earlier amendment waiting
				// for approval, which this one replaced) and the decision is published.
				updated = this.store.updateAudited(order,
						Outbox.push(supersede(order, new Update()),
								this.ledgerEvents.orderDecided(
										order.with(order.status(), order.amount(), order.creditAmount(), requested),
										decided, LedgerEvents.Trigger.AMENDED)),
						audited);
			}
			return new OrderResult(updated, decided);
		}
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public Order cancel(CancelOrderInput input) {
		String reason = reason(input.reason());
		Order order = this.store.require(input.orderId());
		if (order.status() == OrderStatus.CANCELLED) {
			// A retry after a cancellation that went through (a front end that timed
			// out): answered with the order as it is, as a placeOrder retry is; nothing
			// is released or audited a second time.
			return order;
		}
		if (!order.status().cancellable()) {
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_CANCELLABLE, "orderId", order.id(),
					order.status());
		}
		BigDecimal open = order.openCredit();
		Order updated;
		try (LedgerWrite write = this.decider.begin(order)) {
			if (open.signum() > 0) {
				// Released once the order says so: the counters never fall below what the
				// orders imply.
				write.mark(order.customerId(), Deltas.release(open, order.longDated()), false);
			}
			Update update = new Update().set("status", OrderStatus.CANCELLED)
				.unset(OrderStore.WORKLIST_KEY)
				.set("pendingAmendment", null);
			AuditRecord audited = auditOrder(order, "ORDER_CANCELLED", reason,
					new Changes().diff("status", order.status(), OrderStatus.CANCELLED));
			updated = write.write(() -> this.store.updateAudited(order, write.carry(update), audited));
		}
		if (open.signum() > 0) {
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_CANCELLED", true));
		}
		return updated;
	}

	/**
	 * Re-opening a cancelled order raises exposure again, so it goes through the full
	 * check.
	 */
	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult reopen(ReopenOrderInput input) {
		String reason = reason(input.reason());
		Order order = this.store.require(input.orderId());
		BigDecimal remaining = order.creditAmount().amount().subtract(order.shippedCredit());
		if (!order.status().reopenable() || remaining.signum() <= 0) {
			throw CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_REOPENABLE, "orderId", order.id(),
					order.status());
		}
		try (LedgerWrite write = this.decider.begin(order)) {
			Context ctx = this.contexts.load(order.customerId(), "orderId");
			// Long-dated as its delivery date is today, not as it was when it was placed.
			boolean longDated = CreditDecider.longDated(order, ctx);
			Outcome outcome = this.decider.decide(ctx, remaining, order.creditAmount().amount(), longDated, Deltas.NONE,
					write);
			OrderStatus status = OrderStatus.reopened(outcome.decision().status());
			Update reopened = OrderStore.worklist(
					new Update().set("status", status).set("decision", outcome.decision()),
					(status == OrderStatus.HELD) ? OrderStore.newWorklistKey() : null);
			if (longDated != order.longDated()) {
				reopened.set(OrderStore.LONG_DATED, longDated);
			}
			Outbox.push(reopened,
					this.ledgerEvents.orderDecided(order.with(status, order.amount(), order.creditAmount(), null),
							outcome.decision(), LedgerEvents.Trigger.REOPENED));
			AuditRecord audited = auditOrder(order, "ORDER_REOPENED", reason,
					new Changes().diff("status", order.status(), status));
			Order updated = write.write(() -> this.store.updateAudited(order, write.carry(reopened), audited));
			publishIfReserved(outcome, order.customerId(), "ORDER_REOPENED");
			return new OrderResult(updated, outcome.decision());
		}
	}

	/**
	 * Moves shipped value from open orders to shipped-not-invoiced. Shipping more than is
	 * open raises exposure: the excess goes through the credit check first.
	 */
	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult ship(ShipOrderInput input) {
		Order order = this.store.require(input.orderId());
		Validation v = new Validation();
		String shipmentId = v.id("shipmentId", input.shipmentId(), 128);
		Money amount = (input.amount() != null)
				? positive(v, "amount", v.money("amount", input.amount(), order.amount().currency())) : null;
		v.throwIfInvalid();
		if (order.shipmentIds().contains(shipmentId)) {
			return replayShipment(order, shipmentId, amount);
		}
		if (!order.status().shippable()) {
			throw CreditDeskException.refuse(
					LedgerErrorCode.ORDER_NOT_SHIPPABLE
						.variant((order.status() == OrderStatus.HELD) ? "held" : "status"),
					"orderId", order.id(), order.status());
		}
		BigDecimal open = order.openCredit();
		// The part converted, the shipment that completes the order in its currency
		// taking the exact open rest (OrderRests).
		OrderRests.Shipment taken = OrderRests.shipment(order, amount);
		BigDecimal credit = taken.credit();
		BigDecimal excess = credit.subtract(open);
		Deltas shipped = Deltas.ship(credit, open, order.longDated());
		Outcome outcome = null;
		Money amountAfter = order.amount();
		Update update = new Update().inc("shippedCredit", credit)
			.push("shipmentIds", shipmentId)
			.push("shipments",
					OrderDocuments.shipment(new Order.Shipment(shipmentId, taken.shipped(), amount == null)));
		if (taken.shippedAfter() != null) {
			update.set("shippedAmount", taken.shippedAfter());
		}
		try (LedgerWrite write = this.decider.begin(order)) {
			if (excess.signum() > 0) {
				// The excess is reserved through the credit check, in the same change as
				// the shipment.
				Context ctx = this.contexts.load(order.customerId(), "orderId");
				refuseIfBlocked(order, ctx.account());
				BigDecimal total = order.creditAmount().amount().add(excess);
				outcome = this.decider.decide(ctx, excess, total, false, shipped, write);
				if (!outcome.approved()) {
					throw CreditDeskException.refuse(LedgerErrorCode.OVER_SHIPMENT_NOT_APPROVED, "amount", amount,
							order.id(), new Money(excess, order.creditAmount().currency()),
							outcome.decision().reasonCodes());
				}
				amountAfter = taken.amountAfter();
				update.set("creditAmount", new Money(total, order.creditAmount().currency()))
					.set("amount", amountAfter);
			}
			else {
				// Moved from open orders to shipped with the shipment's mark: a
				// long-dated order's shipped part counts from now on.
				// The account as the mark found it: a hold or flag that landed before
				// stops the shipment (the mark is undone as the block closes).
				refuseIfBlocked(order, write.mark(order.customerId(), shipped, true).before());
			}
			BigDecimal totalAfter = order.creditAmount().amount().add(excess.max(BigDecimal.ZERO));
			OrderStatus statusAfter = taken.complete() ? OrderStatus.SHIPPED : order.status();
			if (statusAfter == OrderStatus.SHIPPED) {
				update.set("status", OrderStatus.SHIPPED);
			}
			if (statusAfter == OrderStatus.SHIPPED || excess.signum() > 0) {
				// An amendment waiting for approval was asked against the order as it
				// was: shipped in full, or raised by what was shipped, it no longer
				// applies.
				supersede(order, update);
			}
			if (outcome != null) {
				Outbox.push(update,
						this.ledgerEvents.orderDecided(
								order.with(statusAfter, amountAfter,
										new Money(totalAfter, order.creditAmount().currency()), null),
								outcome.decision(), LedgerEvents.Trigger.SHIPPED_BEYOND_ORDER));
			}
			Update shipment = write.carry(update);
			Order updated = write
				.write(() -> this.store.updateIfVersion(order, Criteria.where("shipmentIds").ne(shipmentId), shipment))
				.orElse(null);
			if (updated == null) {
				write.undo();
				Order now = this.store.require(order.id());
				if (now.shipmentIds().contains(shipmentId)) {
					return replayShipment(now, shipmentId, amount);
				}
				throw OrderStore.concurrent(order.id());
			}
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_SHIPPED", false));
			return new OrderResult(updated, (outcome != null) ? outcome.decision() : updated.decision());
		}
	}

	/**
	 * Refuses a shipment of a customer who may not receive goods on credit now
	 * ({@link CreditCheck#deliveryBlocks}): an order approved before an insolvency
	 * filing, a hold or a fraud flag waits until Finance lifts it. Before, such orders
	 * shipped.
	 */
	private static void refuseIfBlocked(Order order, CreditAccount account) {
		List<CreditReasonCode> blocks = CreditCheck.deliveryBlocks(account);
		if (!blocks.isEmpty()) {
			throw CreditDeskException.refuse(LedgerErrorCode.SHIPMENT_BLOCKED, "orderId", order.id(),
					blocks.stream().map(code -> Phrase.of("shipment.blocked." + code.name())).toList());
		}
	}

	/**
	 * The answer to a shipment sent again: the order and its decision, as the first time,
	 * when it is the same shipment (no amount again after one without, or the amount it
	 * shipped); the same id with another amount is another shipment under a used id,
	 * refused. The rest shipped without an amount is recorded as the order's amount less
	 * what it shipped before, exactly. In a converted order stored before it kept what it
	 * shipped in its currency, that rest was recorded at the order's rate, rounded; an
	 * amount within one minor unit of it once converted (the rest as the client worked it
	 * out in its own currency, which the first attempt would have taken as the rest) is
	 * that shipment too. An order stored before shipments kept their amounts knows only
	 * the id: its retry answers as the first time whatever the amount, as it did before.
	 */
	private static OrderResult replayShipment(Order order, String shipmentId, Money amount) {
		Order.Shipment first = order.shipment(shipmentId).orElse(null);
		boolean same = first == null || ((amount == null) ? first.rest()
				: first.amount().amount().compareTo(amount.amount()) == 0 || sameRest(order, first, amount));
		if (!same) {
			if (first.rest()) {
				throw CreditDeskException.refuse(LedgerErrorCode.SHIPMENT_ID_CONFLICT.variant("rest"), "shipmentId",
						shipmentId, order.id(), first.amount());
			}
			throw CreditDeskException.refuse(LedgerErrorCode.SHIPMENT_ID_CONFLICT, "shipmentId", shipmentId, order.id(),
					first.amount());
		}
		return new OrderResult(order, order.decision());
	}

	/**
	 * Whether {@code amount} sent again for {@code first}, a converted order's rest
	 * shipped without an amount, is that rest: within one minor unit of the order's
	 * currency of the amount recorded for it (which the order's rate rounded).
	 */
	private static boolean sameRest(Order order, Order.Shipment first, Money amount) {
		BigDecimal recorded = first.amount().amount();
		BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(recorded.scale(), 0));
		// An order that tracks what it shipped in its currency recorded the rest exactly.
		return first.rest() && order.converted() && order.shippedAmount() == null
				&& amount.amount().subtract(recorded).abs().compareTo(unit) <= 0;
	}

	/**
	 * Drops the amendment of {@code order} waiting for approval, if any, and takes the
	 * order off the worklist with it: a later change of the order's amount supersedes it,
	 * and released later it would apply an amount the customer no longer asked for.
	 */
	private static Update supersede(Order order, Update update) {
		if (order.pendingAmendment() != null) {
			update.set("pendingAmendment", null).unset(OrderStore.WORKLIST_KEY);
		}
		return update;
	}

	private void publishIfReserved(Outcome outcome, String customerId, String cause) {
		if (outcome.change() != null) {
			this.events.publishEvent(new ExposureChanged(customerId, cause, false));
		}
	}

	/**
	 * The audit record of a change of {@code order}, to be written with it by
	 * {@link OrderStore#updateAudited}.
	 */
	/**
	 * An order change's optional reason, checked as every reason the audit trail keeps:
	 * at most 500 characters, line breaks and tabs but no other control or format
	 * characters.
	 */
	private static String reason(String reason) {
		Validation v = new Validation();
		String checked = reason(v, reason);
		v.throwIfInvalid();
		return checked;
	}

	private static String reason(Validation v, String reason) {
		return v.optionalFreeText("reason", reason, REASON_LENGTH);
	}

	private AuditRecord auditOrder(Order order, String action, String reason, Changes changes) {
		return this.audit.entry(action, "ORDER", order.id(), order.customerId(), reason, changes);
	}

	private static BigDecimal atOrderRate(Order order, Money amount) {
		int digits = order.creditAmount().amount().scale();
		return amount.amount().multiply(order.fxRate()).setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN);
	}

	private static Money positive(Validation v, String field, Money money) {
		if (money != null && money.amount().signum() == 0) {
			v.reject(CommonErrorCode.AMOUNT_NOT_POSITIVE, field);
			return null;
		}
		return money;
	}

}
