package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.events.Outbox;
import io.creditdesk.fx.Conversion;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.ledger.OrderInputs.AmendOrderInput;
import io.creditdesk.ledger.OrderInputs.CancelOrderInput;
import io.creditdesk.ledger.OrderInputs.OrderFilter;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderInputs.RejectOrderInput;
import io.creditdesk.ledger.OrderInputs.ReleaseOrderInput;
import io.creditdesk.ledger.OrderInputs.ReopenOrderInput;
import io.creditdesk.ledger.OrderInputs.ShipOrderInput;
import io.creditdesk.security.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
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
 * Orders and their credit decisions: place, amend, cancel, reopen, ship, and the Finance
 * worklist (release, reject). Every path that raises exposure (a new order, an increase, a
 * reopened order, a shipment beyond the order) goes through {@link #decide}, which ends in the
 * atomic reservation of {@link Ledger#reserve}.
 */
@Service
public class OrderService {

	static final String ORDERS = "orders";

	/** Set while an order (or an amendment of it) waits for Finance: time-ordered, removed when it stops waiting. */
	static final String WORKLIST_KEY = "worklistKey";

	private final MongoTemplate mongo;

	private final PendingChanges pending;

	private final AccountContexts contexts;

	private final FxRateService fx;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LedgerEvents ledgerEvents;

	/**
	 * Orders placed, by how their check began: {@code reading} (the account read, then reserved
	 * if the rules allow) or {@code reservation} (reserved first on this instance's last reading,
	 * then verified).
	 */
	static final String CHECKS_METRIC = "creditdesk.orders.checks";

	private static final String CHECKS_DESCRIPTION = "Orders placed, by how their credit check began";

	private final Counter[] checks;

	OrderService(MongoTemplate mongo, PendingChanges pending, AccountContexts contexts, FxRateService fx,
			AuditLog audit, ApplicationEventPublisher events, Clock clock, io.creditdesk.infrastructure.MongoIndexes indexes,
			Outbox outbox, LedgerEvents ledgerEvents, ObjectProvider<MeterRegistry> meters) {
		this.mongo = mongo;
		MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
		this.checks = new Counter[] {
				Counter.builder(CHECKS_METRIC).tag("path", "reading").description(CHECKS_DESCRIPTION).register(registry),
				Counter.builder(CHECKS_METRIC).tag("path", "reservation").description(CHECKS_DESCRIPTION).register(registry) };
		this.ledgerEvents = ledgerEvents;
		outbox.register(Order.class, ORDERS);
		audit.register(Order.class);
		this.pending = pending;
		this.contexts = contexts;
		this.fx = fx;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		indexes.declare(Order.class,
				new Index().on("customerId", Sort.Direction.ASC).on("status", Sort.Direction.ASC).named("customer_status"),
				new Index().on(WORKLIST_KEY, Sort.Direction.ASC).sparse().named("worklist"),
				new Index().on("placedAt", Sort.Direction.ASC).named("placedAt"));
	}

	/** An order and the decision just taken on it (which may concern an amendment only). */
	public record OrderResult(Order order, CreditDecision decision) {
	}

	/** What {@link #decide} did: the decision, and the reservation it made (null when none). */
	record Outcome(CreditDecision decision, Ledger.Change change) {
		boolean approved() {
			return this.decision.status() == DecisionStatus.APPROVED;
		}
	}

	public Optional<Order> find(String orderId) {
		return Optional.ofNullable(this.mongo.findById(orderId, Order.class));
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult place(PlaceOrderInput input) {
		Validation v = new Validation();
		String orderId = v.required("orderId", input.orderId(), 128);
		v.required("customerId", input.customerId(), 64);
		String currency = v.currency("currency", input.currency());
		Money amount = positive(v, "amount", v.money("amount", input.amount(), currency));
		String channel = (input.channel() == null || input.channel().isBlank()) ? "API" : v.code("channel", input.channel());
		v.throwIfInvalid();
		String fingerprint = input.customerId().trim() + "|" + amount.amount().stripTrailingZeros().toPlainString() + "|"
				+ currency + "|" + channel + "|" + input.requestedDeliveryDate();
		// No read-before-insert: the order id is the document id, so a replay is caught by the
		// unique insert below and its (conservative, momentary) reservation undone. The reservation
		// is marked pending for this order id in the customer's document until the order is stored:
		// a retry of an order whose first attempt died after reserving finds it there, and never
		// reserves twice (see PendingChange).
		try (LedgerWrite write = this.pending.begin(ORDERS, orderId, null)) {
			Checked checked = checkAhead(input.customerId().trim(), amount, input.requestedDeliveryDate(), write);
			if (checked == null) {
				Context ctx = this.contexts.load(input.customerId(), "customerId");
				this.contexts.remember(ctx);
				Conversion conversion = this.fx.convert(amount, ctx.account().creditCurrency(), ctx.today(), "currency");
				BigDecimal credit = conversion.converted().amount();
				boolean longDated = ctx.isLongDated(input.requestedDeliveryDate());
				checked = new Checked(ctx.account(), conversion, longDated,
						decide(ctx, credit, credit, longDated, Deltas.NONE, write));
				this.checks[0].increment();
			}
			else {
				this.checks[1].increment();
			}
			Outcome outcome = checked.outcome();
			Conversion conversion = checked.conversion();
			boolean longDated = checked.longDated();
			DecisionStatus status = outcome.decision().status();
			Order order = new Order(orderId, checked.account().id(), checked.account().segment(), channel, amount,
					conversion.converted(), conversion.rate(), conversion.rateDate(), input.requestedDeliveryDate(), longDated,
					switch (status) {
						case APPROVED -> OrderStatus.OPEN;
						case PENDING_APPROVAL -> OrderStatus.HELD;
						case REJECTED -> OrderStatus.REJECTED;
					}, outcome.decision(), BigDecimal.ZERO, BigDecimal.ZERO, List.of(), null, Actor.current().name(),
					this.clock.instant(), this.clock.instant(), fingerprint,
					(status == DecisionStatus.PENDING_APPROVAL) ? worklistKey() : null, 1);
			// The decision and its OrderCreditDecided event are one document: neither exists without the other.
			Document document = new Document();
			this.mongo.getConverter().write(order, document);
			Outbox.attach(write.carry(document),
					List.of(this.ledgerEvents.orderDecided(order, order.decision(), LedgerEvents.Trigger.PLACED)));
			try {
				write.write(() -> this.mongo.insert(document, ORDERS));
			}
			catch (DuplicateKeyException ex) {
				// A concurrent request with the same order id won: undo ours, answer with theirs.
				write.undo();
				return replay(this.mongo.findById(orderId, Order.class), fingerprint);
			}
			if (outcome.change() != null) {
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_PLACED", false));
			}
			return new OrderResult(order, order.decision());
		}
	}

	/** An order's credit check: the account it was decided on, the conversion and the outcome. */
	private record Checked(CreditAccount account, Conversion conversion, boolean longDated, Outcome outcome) {
	}

	/**
	 * The credit check with the reservation first, for a customer whose last reading on this
	 * instance left room for the order: one store round trip instead of a reading followed by
	 * the reservation. The reservation pins what was taken from that reading (currency, policy
	 * subject, group, no receivables) and checks the available credit against the account's own
	 * limit; the rules are then applied to the account exactly as the reservation found it, and a
	 * reservation they would not have made is undone. Returns null when this does not apply or
	 * did not approve: the order is then decided on a fresh reading, as any other.
	 */
	private Checked checkAhead(String customerId, Money amount, java.time.LocalDate deliveryDate, LedgerWrite write) {
		AccountContexts.Hint hint = this.contexts.hint(customerId);
		if (hint == null || !hint.clean()) {
			return null;
		}
		java.time.LocalDate today = this.contexts.today();
		Conversion conversion = this.fx.convert(amount, hint.creditCurrency(), today, "currency");
		BigDecimal credit = conversion.converted().amount();
		io.creditdesk.policy.EffectivePolicy policy = this.contexts.policy(hint.subject());
		Integer horizon = policy.checkHorizonDays();
		boolean longDated = horizon != null && deliveryDate != null && deliveryDate.isAfter(today.plusDays(horizon));
		if (!longDated && credit.compareTo(hint.available()) > 0) {
			return null;
		}
		SecuredTerms secured = this.contexts.secured(customerId, hint.creditCurrency(), today);
		Optional<Ledger.Change> change = write.reserveAhead(customerId, hint, Deltas.reserve(credit, longDated),
				longDated ? BigDecimal.ZERO : credit, secured, !longDated);
		if (change.isEmpty()) {
			return null;
		}
		Context ctx = new Context(change.get().before(), policy, secured, CreditCheck.Overdue.NONE,
				this.contexts.hardCap(policy, hint.creditCurrency(), today), today);
		CreditCheck.Verdict verdict = CreditCheck.evaluate(ctx.account(), policy, secured, ctx.overdue(), credit, credit,
				ctx.hardCap(), today);
		if (!verdict.tryReserve() || (!longDated && credit.compareTo(ctx.available()) > 0)) {
			// A rule the hint could not show (an expired limit, the hard cap): not approved on this
			// reading of the account, so the order is decided on a fresh one.
			write.undo();
			return null;
		}
		return new Checked(ctx.account(), conversion, longDated,
				approved(ctx, change.get(), credit, longDated, Actor.current().name(), write));
	}

	private static OrderResult replay(Order existing, String fingerprint) {
		if (!existing.fingerprint().equals(fingerprint)) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_ID_CONFLICT, "orderId", "Order " + existing.id()
					+ " was already placed with different content (customer, amount, currency, channel or delivery date)."
					+ " An order id identifies one order: use a new id for a new order, or amendOrder to change it.");
		}
		return new OrderResult(existing, existing.decision());
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult amend(AmendOrderInput input) {
		Order order = require(input.orderId());
		Validation v = new Validation();
		Money amount = positive(v, "amount", v.money("amount", input.amount(), order.amount().currency()));
		v.throwIfInvalid();
		BigDecimal newCredit = atOrderRate(order, amount);
		Money newCreditMoney = new Money(newCredit, order.creditAmount().currency());
		if (order.status() == OrderStatus.HELD) {
			try (LedgerWrite write = write(order)) {
				Context ctx = this.contexts.load(order.customerId(), "orderId");
				Outcome outcome = decide(ctx, newCredit, newCredit, order.longDated(), Deltas.NONE, write);
				OrderStatus status = switch (outcome.decision().status()) {
					case APPROVED -> OrderStatus.OPEN;
					case PENDING_APPROVAL -> OrderStatus.HELD;
					case REJECTED -> OrderStatus.REJECTED;
				};
				Update update = new Update().set("amount", amount)
					.set("creditAmount", newCreditMoney)
					.set("status", status)
					.set("decision", outcome.decision());
				worklist(update, (status == OrderStatus.HELD) ? order.worklistKey() : null);
				Outbox.push(update, this.ledgerEvents.orderDecided(order.with(status, amount, newCreditMoney, null),
						outcome.decision(), LedgerEvents.Trigger.AMENDED));
				AuditRecord audited = auditOrder(order, "ORDER_AMENDED", input.reason(),
						new Changes().diff("amount", order.amount(), amount));
				Order updated = write.write(() -> cas(order, write.carry(update), audited));
				publishIfReserved(outcome, updated.customerId(), "ORDER_AMENDED");
				return new OrderResult(updated, outcome.decision());
			}
		}
		if (order.status() != OrderStatus.OPEN) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_AMENDABLE, "orderId",
					"Order " + order.id() + " is " + order.status() + "; only open or held orders can be amended.");
		}
		if (newCredit.compareTo(order.shippedCredit()) < 0) {
			throw new CreditDeskException(LedgerErrorCode.AMEND_BELOW_SHIPPED, "amount",
					"Order " + order.id() + " has already shipped more than " + amount + ".");
		}
		BigDecimal delta = newCredit.subtract(order.creditAmount().amount());
		if (delta.signum() <= 0) {
			Order updated;
			try (LedgerWrite write = write(order)) {
				if (delta.signum() < 0) {
					// Released once the order says so: the counters never fall below what the orders imply.
					write.mark(order.customerId(), Deltas.release(delta.negate(), order.longDated()), false);
				}
				Update update = new Update().set("amount", amount).set("creditAmount", newCreditMoney);
				AuditRecord audited = auditOrder(order, "ORDER_AMENDED", input.reason(),
						new Changes().diff("amount", order.amount(), amount));
				updated = write.write(() -> cas(order, write.carry(update), audited));
			}
			if (delta.signum() < 0) {
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_DECREASED", true));
			}
			return new OrderResult(updated, updated.decision());
		}
		try (LedgerWrite write = write(order)) {
			Context ctx = this.contexts.load(order.customerId(), "orderId");
			Outcome outcome = decide(ctx, delta, newCredit, order.longDated(), Deltas.NONE, write);
			Order updated;
			Order.PendingAmendment requested = new Order.PendingAmendment(amount, newCreditMoney,
					outcome.decision().reasonCodes(), Actor.current().name(), this.clock.instant());
			AuditRecord audited = auditOrder(order, "ORDER_AMENDMENT_" + outcome.decision().status(), input.reason(),
					new Changes().diff("amount", order.amount(), amount));
			if (outcome.approved()) {
				Update update = Outbox.push(new Update().set("amount", amount).set("creditAmount", newCreditMoney),
						this.ledgerEvents.orderDecided(order.with(OrderStatus.OPEN, amount, newCreditMoney, null),
								outcome.decision(), LedgerEvents.Trigger.AMENDED));
				updated = write.write(() -> cas(order, write.carry(update), audited));
				this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_INCREASED", false));
			}
			else if (outcome.decision().status() == DecisionStatus.PENDING_APPROVAL) {
				updated = cas(order, Outbox.push(new Update().set("pendingAmendment", requested).set(WORKLIST_KEY, worklistKey()),
						this.ledgerEvents.orderDecided(order.with(order.status(), order.amount(), order.creditAmount(), requested),
								outcome.decision(), LedgerEvents.Trigger.AMENDED)), audited);
			}
			else {
				// Refused: nothing changes on the order but the decision is published.
				updated = cas(order, Outbox.push(new Update(), this.ledgerEvents.orderDecided(
						order.with(order.status(), order.amount(), order.creditAmount(), requested), outcome.decision(),
						LedgerEvents.Trigger.AMENDED)), audited);
			}
			return new OrderResult(updated, outcome.decision());
		}
	}

	@PreAuthorize(Roles.PLACE_ORDERS)
	public Order cancel(CancelOrderInput input) {
		Order order = require(input.orderId());
		if (order.status() != OrderStatus.OPEN && order.status() != OrderStatus.HELD) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_CANCELLABLE, "orderId",
					"Order " + order.id() + " is " + order.status() + "; only open or held orders can be cancelled.");
		}
		BigDecimal open = order.openCredit();
		Order updated;
		try (LedgerWrite write = write(order)) {
			if (open.signum() > 0) {
				// Released once the order says so: the counters never fall below what the orders imply.
				write.mark(order.customerId(), Deltas.release(open, order.longDated()), false);
			}
			Update update = new Update().set("status", OrderStatus.CANCELLED).unset(WORKLIST_KEY).set("pendingAmendment", null);
			AuditRecord audited = auditOrder(order, "ORDER_CANCELLED", input.reason(),
					new Changes().diff("status", order.status(), OrderStatus.CANCELLED));
			updated = write.write(() -> cas(order, write.carry(update), audited));
		}
		if (open.signum() > 0) {
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_CANCELLED", true));
		}
		return updated;
	}

	/** Re-opening a cancelled order raises exposure again, so it goes through the full check. */
	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult reopen(ReopenOrderInput input) {
		Order order = require(input.orderId());
		BigDecimal remaining = order.creditAmount().amount().subtract(order.shippedCredit());
		if (order.status() != OrderStatus.CANCELLED || remaining.signum() <= 0) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_REOPENABLE, "orderId",
					"Order " + order.id() + " is " + order.status() + "; only a cancelled order with an unshipped part can be reopened.");
		}
		try (LedgerWrite write = write(order)) {
			Context ctx = this.contexts.load(order.customerId(), "orderId");
			Outcome outcome = decide(ctx, remaining, order.creditAmount().amount(), order.longDated(), Deltas.NONE, write);
			OrderStatus status = switch (outcome.decision().status()) {
				case APPROVED -> OrderStatus.OPEN;
				case PENDING_APPROVAL -> OrderStatus.HELD;
				case REJECTED -> OrderStatus.CANCELLED;
			};
			Update reopened = worklist(new Update().set("status", status).set("decision", outcome.decision()),
					(status == OrderStatus.HELD) ? worklistKey() : null);
			Outbox.push(reopened, this.ledgerEvents.orderDecided(order.with(status, order.amount(), order.creditAmount(), null),
					outcome.decision(), LedgerEvents.Trigger.REOPENED));
			AuditRecord audited = auditOrder(order, "ORDER_REOPENED", input.reason(),
					new Changes().diff("status", order.status(), status));
			Order updated = write.write(() -> cas(order, write.carry(reopened), audited));
			publishIfReserved(outcome, order.customerId(), "ORDER_REOPENED");
			return new OrderResult(updated, outcome.decision());
		}
	}

	/**
	 * Moves shipped value from open orders to shipped-not-invoiced. Shipping more than is open
	 * raises exposure: the excess goes through the credit check first.
	 */
	@PreAuthorize(Roles.PLACE_ORDERS)
	public OrderResult ship(ShipOrderInput input) {
		Order order = require(input.orderId());
		Validation v = new Validation();
		String shipmentId = v.required("shipmentId", input.shipmentId(), 128);
		Money amount = (input.amount() != null)
				? positive(v, "amount", v.money("amount", input.amount(), order.amount().currency())) : null;
		v.throwIfInvalid();
		if (order.shipmentIds().contains(shipmentId)) {
			return new OrderResult(order, order.decision());
		}
		if (order.status() != OrderStatus.OPEN) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_SHIPPABLE, "orderId", "Order " + order.id() + " is " + order.status()
					+ (order.status() == OrderStatus.HELD ? ": a held order must be released by Finance before it ships." : "."));
		}
		BigDecimal open = order.openCredit();
		BigDecimal credit = (amount == null) ? open : atOrderRate(order, amount);
		if (credit.subtract(open).abs().compareTo(minorUnit(order)) <= 0) {
			credit = open;
		}
		BigDecimal excess = credit.subtract(open);
		Deltas shipped = Deltas.ship(credit, open, order.longDated());
		Outcome outcome = null;
		Money amountAfter = order.amount();
		Update update = new Update().inc("shippedCredit", credit).push("shipmentIds", shipmentId);
		try (LedgerWrite write = write(order)) {
			if (excess.signum() > 0) {
				// The excess is reserved through the credit check, in the same change as the shipment.
				Context ctx = this.contexts.load(order.customerId(), "orderId");
				BigDecimal total = order.creditAmount().amount().add(excess);
				outcome = decide(ctx, excess, total, false, shipped, write);
				if (!outcome.approved()) {
					throw new CreditDeskException(LedgerErrorCode.OVER_SHIPMENT_NOT_APPROVED, "amount", "Shipping " + amount + " exceeds order "
							+ order.id() + " by " + excess.toPlainString() + " " + order.creditAmount().currency()
							+ " and the credit check did not approve the excess (" + CreditReasonCode.join(outcome.decision().reasonCodes())
							+ "). Amend the order first; the increase then goes through the credit check and, if needed, Finance.");
				}
				amountAfter = new Money(order.amount().amount()
					.add(excess.divide(order.fxRate(), order.amount().amount().scale(), RoundingMode.HALF_EVEN)), order.amount().currency());
				update.set("creditAmount", new Money(total, order.creditAmount().currency())).set("amount", amountAfter);
			}
			else {
				// Moved from open orders to shipped with the shipment's mark: a long-dated order's shipped part counts from now on.
				write.mark(order.customerId(), shipped, true);
			}
			BigDecimal shippedAfter = order.shippedCredit().add(credit);
			BigDecimal totalAfter = order.creditAmount().amount().add(excess.max(BigDecimal.ZERO));
			OrderStatus statusAfter = (shippedAfter.compareTo(totalAfter) >= 0) ? OrderStatus.SHIPPED : order.status();
			if (statusAfter == OrderStatus.SHIPPED) {
				update.set("status", OrderStatus.SHIPPED);
			}
			if (outcome != null) {
				Outbox.push(update, this.ledgerEvents.orderDecided(
						order.with(statusAfter, amountAfter, new Money(totalAfter, order.creditAmount().currency()), null),
						outcome.decision(), LedgerEvents.Trigger.SHIPPED_BEYOND_ORDER));
			}
			Query query = Query.query(Criteria.where("_id").is(order.id()).and("version").is(order.version()).and("shipmentIds").ne(shipmentId));
			Update shipment = write.carry(update.inc("version", 1).set("updatedAt", this.clock.instant()));
			Order updated = write.write(() -> this.mongo.findAndModify(query, shipment,
					FindAndModifyOptions.options().returnNew(true), Order.class));
			if (updated == null) {
				write.undo();
				Order now = require(order.id());
				if (now.shipmentIds().contains(shipmentId)) {
					return new OrderResult(now, now.decision());
				}
				throw concurrent(order.id());
			}
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_SHIPPED", false));
			return new OrderResult(updated, (outcome != null) ? outcome.decision() : updated.decision());
		}
	}

	@PreAuthorize(Roles.APPROVE_ORDERS)
	public Connection<Order> pending(OrderFilter filter, Integer first, String after) {
		int size = Connection.pageSize(first);
		String afterKey = Connection.decode(after);
		long total = this.mongo.count(Query.query(worklist(filter, Criteria.where(WORKLIST_KEY).ne(null))), Order.class);
		// After a cursor: the keys past it (a key greater than another is not null either).
		Criteria criteria = worklist(filter,
				(afterKey != null) ? Criteria.where(WORKLIST_KEY).gt(afterKey) : Criteria.where(WORKLIST_KEY).ne(null));
		List<Order> orders = this.mongo.find(Query.query(criteria).with(Sort.by(WORKLIST_KEY)).limit(size + 1), Order.class);
		return Connection.of(orders, size, Order::worklistKey, (int) total);
	}

	/** The worklist's filter: {@code key} (the condition on the worklist key) and the optional filters. */
	private static Criteria worklist(OrderFilter filter, Criteria key) {
		Criteria criteria = key;
		if (filter != null && filter.customerId() != null) {
			criteria = criteria.and("customerId").is(filter.customerId());
		}
		if (filter != null && filter.segment() != null) {
			criteria = criteria.and("segment").is(filter.segment().trim().toUpperCase());
		}
		if (filter != null && filter.channel() != null) {
			criteria = criteria.and("channel").is(filter.channel().trim().toUpperCase());
		}
		return criteria;
	}

	/**
	 * Finance sign-off: re-checks the current figures and reserves atomically. With
	 * {@code overrideLimit} the approver accepts exceeding the limit (never the hard cap).
	 */
	@PreAuthorize(Roles.APPROVE_ORDERS)
	public OrderResult release(ReleaseOrderInput input) {
		Order order = require(input.orderId());
		Validation v = new Validation();
		String reason = v.required("reason", input.reason(), 500);
		v.throwIfInvalid();
		if (order.worklistKey() == null) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_PENDING, "orderId", "Order " + order.id() + " is not waiting for approval.");
		}
		Order.PendingAmendment amendment = order.pendingAmendment();
		String requester = (amendment != null) ? amendment.requestedBy() : order.placedBy();
		Actor actor = Actor.current();
		if (actor.name().equals(requester)) {
			throw new CreditDeskException(LedgerErrorCode.SELF_APPROVAL_NOT_ALLOWED, "orderId",
					"You placed this order (or its amendment) yourself; another approver must release it.");
		}
		boolean override = Boolean.TRUE.equals(input.overrideLimit());
		BigDecimal amount = (amendment != null) ? amendment.creditAmount().amount().subtract(order.creditAmount().amount())
				: order.creditAmount().amount().subtract(order.shippedCredit());
		try (LedgerWrite write = write(order)) {
			Context ctx;
			Optional<Ledger.Change> change;
			int attempts = 0;
			do {
				ctx = this.contexts.load(order.customerId(), "orderId");
				List<CreditReasonCode> rejections = CreditCheck.rejections(ctx.account());
				if (!rejections.isEmpty()) {
					throw new CreditDeskException(LedgerErrorCode.CUSTOMER_NOT_ELIGIBLE, "orderId", "The customer cannot buy on credit now ("
							+ CreditReasonCode.join(rejections) + "); reject the order instead.");
				}
				BigDecimal ceiling = override ? ((ctx.hardCap() != null) ? ctx.hardCap().amount() : null)
						: ctx.account().limitAmount();
				change = write.reserve(order.customerId(), Deltas.reserve(amount, order.longDated()),
						order.longDated() ? BigDecimal.ZERO : amount, ctx.secured(), order.longDated() ? null : ceiling);
			}
			while (change.isEmpty() && ++attempts < 3 && this.pending.clear(this.contexts.account(order.customerId(), "orderId"),
					write.key()));
			if (change.isEmpty()) {
				throw override ? new CreditDeskException(LedgerErrorCode.OVER_HARD_CAP, "overrideLimit", "Even with an override the order would exceed the hard cap " + ctx.hardCap() + ".")
						: new CreditDeskException(LedgerErrorCode.EXCEEDS_AVAILABLE_CREDIT, "orderId", "The order needs " + amount.toPlainString()
								+ " " + ctx.account().creditCurrency() + " but only " + ctx.available().toPlainString()
								+ " is available. Set overrideLimit to approve above the limit (up to the hard cap), or reject it.");
			}
			if (!write.reserveGroup(change.get(), ctx.secured(), !override)) {
				throw new CreditDeskException(LedgerErrorCode.EXCEEDS_GROUP_AVAILABLE_CREDIT, "orderId",
						"The order does not fit the credit group's available credit.");
			}
			List<CreditReasonCode> reasons = new ArrayList<>(List.of(CreditReasonCode.RELEASED_BY_APPROVER));
			if (override) {
				reasons.add(CreditReasonCode.LIMIT_OVERRIDDEN);
			}
			CreditDecision decision = decision(DecisionStatus.APPROVED, reasons, ctx, amount,
					ctx.account().limitAmount().subtract(ExposureFormula.checkedNet(change.get().after().exposure(), ctx.secured())),
					actor.name());
			Update update = new Update().set("decision", decision).unset(WORKLIST_KEY);
			if (amendment != null) {
				update.set("amount", amendment.amount()).set("creditAmount", amendment.creditAmount()).set("pendingAmendment", null);
			}
			else {
				update.set("status", OrderStatus.OPEN);
			}
			Outbox.push(update, this.ledgerEvents.orderReleased(released(order), decision,
					override ? LedgerEvents.Release.APPROVER_OVERRIDE : LedgerEvents.Release.APPROVER, reason));
			AuditRecord audited = auditOrder(order, override ? "ORDER_RELEASED_WITH_OVERRIDE" : "ORDER_RELEASED", reason,
					new Changes().diff("status", order.status(), released(order).status())
						.diff("decision", order.decisionStatus(), DecisionStatus.APPROVED));
			Order updated = write.write(() -> cas(order, write.carry(update), audited));
			this.events.publishEvent(new ExposureChanged(order.customerId(), "ORDER_RELEASED", false));
			return new OrderResult(updated, decision);
		}
	}

	@PreAuthorize(Roles.APPROVE_ORDERS)
	public Order reject(RejectOrderInput input) {
		Order order = require(input.orderId());
		Validation v = new Validation();
		String reason = v.required("reason", input.reason(), 500);
		v.throwIfInvalid();
		if (order.worklistKey() == null) {
			throw new CreditDeskException(LedgerErrorCode.ORDER_NOT_PENDING, "orderId", "Order " + order.id() + " is not waiting for approval.");
		}
		Update update = new Update().unset(WORKLIST_KEY);
		List<CreditReasonCode> reasons = new ArrayList<>(List.of(CreditReasonCode.REJECTED_BY_APPROVER));
		CreditDecision rejected;
		Order after;
		if (order.pendingAmendment() != null) {
			update.set("pendingAmendment", null);
			Order.PendingAmendment amendment = order.pendingAmendment();
			reasons.addAll(amendment.reasonCodes());
			CreditDecision d = order.decision();
			rejected = new CreditDecision(DecisionStatus.REJECTED, reasons,
					new Money(amendment.creditAmount().amount().subtract(order.creditAmount().amount()), d.amount().currency()),
					d.limit(), d.exposure(), d.available(), d.available(), this.clock.instant(), Actor.current().name());
			after = order.with(order.status(), order.amount(), order.creditAmount(), amendment);
		}
		else {
			reasons.addAll(order.decision().reasonCodes());
			rejected = new CreditDecision(DecisionStatus.REJECTED, reasons, order.decision().amount(),
					order.decision().limit(), order.decision().exposure(), order.decision().available(),
					order.decision().available(), this.clock.instant(), Actor.current().name());
			update.set("status", OrderStatus.REJECTED).set("decision", rejected);
			after = order.with(OrderStatus.REJECTED, order.amount(), order.creditAmount(), null);
		}
		Outbox.push(update, this.ledgerEvents.orderDecided(after, rejected, LedgerEvents.Trigger.REJECTED_BY_APPROVER));
		return cas(order, update,
				auditOrder(order, "ORDER_REJECTED", reason, new Changes().diff("status", order.status(), after.status())));
	}

	/**
	 * Re-evaluates the customer's orders held only for lack of credit, oldest first, and
	 * releases those that now fit. Runs after anything that frees credit.
	 * @return how many were released
	 */
	int reevaluate(String customerId) {
		Query held = Query.query(Criteria.where("customerId").is(customerId).and(WORKLIST_KEY).ne(null))
			.with(Sort.by(WORKLIST_KEY))
			.limit(100);
		int released = 0;
		// The account is read once, and again only after a reading that may be stale (an order
		// released, a reservation that did not go through): an order over the available credit of
		// the current reading stays held without touching the store.
		Context ctx = null;
		for (Order order : this.mongo.find(held, Order.class)) {
			List<CreditReasonCode> reasons = (order.pendingAmendment() != null) ? order.pendingAmendment().reasonCodes()
					: order.decision().reasonCodes();
			if (!CreditCheck.CREDIT_HOLDS.containsAll(reasons)) {
				continue;
			}
			if (ctx == null) {
				ctx = this.contexts.load(customerId, "customerId");
			}
			Order.PendingAmendment amendment = order.pendingAmendment();
			BigDecimal amount = (amendment != null) ? amendment.creditAmount().amount().subtract(order.creditAmount().amount())
					: order.creditAmount().amount();
			BigDecimal total = (amendment != null) ? amendment.creditAmount().amount() : amount;
			boolean fitsReading = order.longDated() || amount.compareTo(ctx.available()) <= 0;
			try (LedgerWrite write = write(order)) {
				Outcome outcome = decide(ctx, amount, total, order.longDated(), Deltas.NONE, write);
				if (!outcome.approved()) {
					if (fitsReading) {
						ctx = null;
					}
					continue;
				}
				ctx = null;
				CreditDecision decision = new CreditDecision(DecisionStatus.APPROVED, List.of(CreditReasonCode.AUTO_RELEASED),
						outcome.decision().amount(), outcome.decision().limit(), outcome.decision().exposure(),
						outcome.decision().available(), outcome.decision().availableAfter(), this.clock.instant(), "system");
				Update update = new Update().set("decision", decision).unset(WORKLIST_KEY);
				if (amendment != null) {
					update.set("amount", amendment.amount()).set("creditAmount", amendment.creditAmount()).set("pendingAmendment", null);
				}
				else {
					update.set("status", OrderStatus.OPEN);
				}
				Outbox.push(update, this.ledgerEvents.orderReleased(released(order), decision, LedgerEvents.Release.AUTOMATIC,
						"Credit became available"));
				AuditRecord audited = this.audit.entry("ORDER_AUTO_RELEASED", "ORDER", order.id(), customerId,
						"Credit became available", new Changes().diff("status", order.status(), OrderStatus.OPEN));
				AuditOutbox.push(update, audited);
				Query same = Query.query(Criteria.where("_id").is(order.id()).and("version").is(order.version()));
				Update release = write.carry(update.inc("version", 1));
				if (write.write(() -> this.mongo.findAndModify(same, release, Order.class)) == null) {
					// Changed meanwhile (released by Finance, amended, cancelled): the reservation is undone on closing.
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
	 * The credit check: the rules on one reading of the account, then the atomic reservation
	 * on the customer (and its group) when the rules allow it.
	 */
	Outcome decide(Context ctx, BigDecimal amount, BigDecimal orderTotal, boolean longDated, Deltas with, LedgerWrite write) {
		String actor = Actor.current().name();
		for (int attempt = 1;; attempt++) {
			CreditAccount account = ctx.account();
			CreditCheck.Verdict verdict = CreditCheck.evaluate(account, ctx.policy(), ctx.secured(), ctx.overdue(), amount,
					orderTotal, ctx.hardCap(), ctx.today());
			if (!verdict.tryReserve()) {
				return new Outcome(decision(verdict.status(), verdict.reasons(), ctx, amount, ctx.available(), actor), null);
			}
			if (!longDated && amount.compareTo(ctx.available()) > 0) {
				// Already over on the reading just taken: hold without attempting the reservation. A hold
				// reserves nothing, so it needs no atomicity; credit freed after that reading re-evaluates
				// held orders (CreditAccountService#onExposureChanged), as after a failed reservation.
				return new Outcome(decision(DecisionStatus.PENDING_APPROVAL, List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT), ctx,
						amount, ctx.available(), actor), null);
			}
			Optional<Ledger.Change> change = write.reserve(account.id(), Deltas.reserve(amount, longDated).plus(with),
					longDated ? BigDecimal.ZERO : amount, ctx.secured(), longDated ? null : account.limitAmount());
			if (change.isPresent()) {
				return approved(ctx, change.get(), amount, longDated, actor, write);
			}
			Context now = this.contexts.load(account.id(), "customerId");
			if (attempt < 3 && this.pending.clear(now.account(), write.key())) {
				// Another request's change of the same order was in the way (or too many of the customer's
				// at once): decided again on a fresh reading.
				ctx = this.contexts.load(account.id(), "customerId");
				continue;
			}
			List<CreditReasonCode> rejections = CreditCheck.rejections(now.account());
			if (!rejections.isEmpty()) {
				return new Outcome(decision(DecisionStatus.REJECTED, rejections, now, amount, now.available(), actor), null);
			}
			return new Outcome(decision(DecisionStatus.PENDING_APPROVAL, List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT), now,
					amount, now.available(), actor), null);
		}
	}

	/**
	 * After the customer's reservation: the group's, then the approval with the figures before
	 * and after it ({@code ctx}: the reading the check was made on).
	 */
	private Outcome approved(Context ctx, Ledger.Change change, BigDecimal amount, boolean longDated, String actor,
			LedgerWrite write) {
		CreditAccount account = ctx.account();
		if (!write.reserveGroup(change, ctx.secured(), true)) {
			write.undo();
			return new Outcome(decision(DecisionStatus.PENDING_APPROVAL, List.of(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT),
					ctx, amount, ctx.available(), actor), null);
		}
		Context before = new Context(change.before(), ctx.policy(), ctx.secured(), ctx.overdue(), ctx.hardCap(), ctx.today());
		BigDecimal after = account.limitAmount().subtract(ExposureFormula.checkedNet(change.after().exposure(), ctx.secured()));
		this.contexts.remember(new Context(change.after(), ctx.policy(), ctx.secured(), ctx.overdue(), ctx.hardCap(), ctx.today()));
		List<CreditReasonCode> reasons = longDated ? List.of(CreditReasonCode.BEYOND_CHECK_HORIZON) : List.of(CreditReasonCode.WITHIN_AVAILABLE_CREDIT);
		return new Outcome(decision(DecisionStatus.APPROVED, reasons, before, amount, after, actor), change);
	}

	/** The order as a release leaves it: open, or with its held amendment applied. */
	private static Order released(Order order) {
		Order.PendingAmendment amendment = order.pendingAmendment();
		return (amendment != null) ? order.with(order.status(), amendment.amount(), amendment.creditAmount(), null)
				: order.with(OrderStatus.OPEN, order.amount(), order.creditAmount(), null);
	}

	private CreditDecision decision(DecisionStatus status, List<CreditReasonCode> reasons, Context ctx, BigDecimal amount,
			BigDecimal availableAfter, String actor) {
		CreditAccount a = ctx.account();
		return new CreditDecision(status, List.copyOf(reasons), a.money(amount), a.money(a.limitAmount()),
				a.money(ctx.checkedNet()), a.money(ctx.available()), a.money(availableAfter), this.clock.instant(), actor);
	}

	/** The ledger side of a conditional update of {@code order} (at its version). */
	private LedgerWrite write(Order order) {
		return this.pending.begin(ORDERS, order.id(), order.version());
	}

	private void publishIfReserved(Outcome outcome, String customerId, String cause) {
		if (outcome.change() != null) {
			this.events.publishEvent(new ExposureChanged(customerId, cause, false));
		}
	}

	/** Applies {@code update} with its audit record if the order is unchanged, then moves the record to the trail. */
	private Order cas(Order order, Update update, AuditRecord audited) {
		Query query = Query.query(Criteria.where("_id").is(order.id()).and("version").is(order.version()));
		Order updated = this.mongo.findAndModify(query,
				AuditOutbox.push(update, audited).inc("version", 1).set("updatedAt", this.clock.instant()),
				FindAndModifyOptions.options().returnNew(true), Order.class);
		if (updated == null) {
			throw concurrent(order.id());
		}
		this.audit.settle(Order.class, order.id(), audited);
		return updated;
	}

	private static CreditDeskException concurrent(String orderId) {
		return new CreditDeskException(CommonErrorCode.CONCURRENT_MODIFICATION, "orderId",
				"Order " + orderId + " was changed by someone else meanwhile; reload it and try again.");
	}

	Order require(String orderId) {
		if (orderId == null || orderId.isBlank()) {
			throw new CreditDeskException(CommonErrorCode.REQUIRED, "orderId", "orderId is required.");
		}
		return find(orderId.trim()).orElseThrow(
				() -> new CreditDeskException(LedgerErrorCode.ORDER_NOT_FOUND, "orderId", "There is no order with id '" + orderId + "'."));
	}

	/** The audit record of a change of {@code order}, to be written with it by {@link #cas}. */
	private AuditRecord auditOrder(Order order, String action, String reason, Changes changes) {
		return this.audit.entry(action, "ORDER", order.id(), order.customerId(), reason, changes);
	}

	private static BigDecimal atOrderRate(Order order, Money amount) {
		int digits = order.creditAmount().amount().scale();
		return amount.amount().multiply(order.fxRate()).setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN);
	}

	private static BigDecimal minorUnit(Order order) {
		return BigDecimal.ONE.movePointLeft(Math.max(order.creditAmount().amount().scale(), 0));
	}

	private static Money positive(Validation v, String field, Money money) {
		if (money != null && money.amount().signum() == 0) {
			v.reject(field, CommonErrorCode.AMOUNT_NOT_POSITIVE, field + " must be more than zero.");
			return null;
		}
		return money;
	}

	/**
	 * Puts the order on the worklist under {@code key}, or takes it off ({@code null}): the field is
	 * removed rather than set to null, so the worklist's sparse index holds only waiting orders.
	 */
	private static Update worklist(Update update, String key) {
		return (key != null) ? update.set(WORKLIST_KEY, key) : update.unset(WORKLIST_KEY);
	}

	private static String worklistKey() {
		return new ObjectId().toHexString();
	}

}
