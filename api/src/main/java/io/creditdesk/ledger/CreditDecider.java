package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.Actor;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.fx.Conversion;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.policy.EffectivePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The concurrency-critical core of the order path: the credit check ({@link CreditCheck})
 * on one reading of the account, then the atomic reservation on the customer and its
 * group ({@link LedgerWrite}), undone when the group does not take it. Every path that
 * raises exposure (a new order, an increase, a reopened order, a shipment beyond the
 * order, a release by Finance or by the worklist) reserves through here, so the rules and
 * the reservation cannot drift apart. A new order of a customer this instance has read
 * before is reserved first and the rules verified on the account as the reservation found
 * it ({@link #checkNew}).
 */
@Component
class CreditDecider {

	/**
	 * Orders placed, by how their check began: {@code reading} (the account read, then
	 * reserved if the rules allow) or {@code reservation} (reserved first on this
	 * instance's last reading, then verified).
	 */
	static final String CHECKS_METRIC = "creditdesk.orders.checks";

	private static final String CHECKS_DESCRIPTION = "Orders placed, by how their credit check began";

	private final PendingChanges pending;

	private final OrderStore orders;

	private final AccountContexts contexts;

	private final FxRateService fx;

	private final Clock clock;

	private final Counter byReading;

	private final Counter byReservation;

	CreditDecider(PendingChanges pending, OrderStore orders, AccountContexts contexts, FxRateService fx, Clock clock,
			ObjectProvider<MeterRegistry> meters) {
		this.pending = pending;
		this.orders = orders;
		this.contexts = contexts;
		this.fx = fx;
		this.clock = clock;
		MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
		this.byReading = Counter.builder(CHECKS_METRIC)
			.tag("path", "reading")
			.description(CHECKS_DESCRIPTION)
			.register(registry);
		this.byReservation = Counter.builder(CHECKS_METRIC)
			.tag("path", "reservation")
			.description(CHECKS_DESCRIPTION)
			.register(registry);
	}

	/**
	 * What {@link #decide} did: the decision, and the reservation it made (null when
	 * none).
	 */
	record Outcome(CreditDecision decision, Ledger.Change change) {
		boolean approved() {
			return this.decision.status() == DecisionStatus.APPROVED;
		}
	}

	/**
	 * A new order's credit check: the account it was decided on, the conversion and the
	 * outcome.
	 */
	record Checked(CreditAccount account, Conversion conversion, boolean longDated, Outcome outcome) {
	}

	/**
	 * The ledger side of a new order's insert: its reservation is marked pending for the
	 * order id.
	 */
	LedgerWrite begin(String orderId) {
		return this.pending.begin(Order.COLLECTION, orderId, null);
	}

	/** The ledger side of a conditional update of {@code order} (at its version). */
	LedgerWrite begin(Order order) {
		return this.pending.begin(Order.COLLECTION, order.id(), order.version());
	}

	/**
	 * The credit check of a new order: reserved first when this instance's last reading
	 * of the customer leaves room for it ({@link #checkAhead}), otherwise decided on a
	 * fresh reading.
	 */
	Checked checkNew(String customerId, Money amount, LocalDate deliveryDate, LedgerWrite write) {
		Checked checked = checkAhead(customerId, amount, deliveryDate, write);
		if (checked != null) {
			this.byReservation.increment();
			return checked;
		}
		Context ctx = this.contexts.load(customerId, "customerId");
		this.contexts.remember(ctx);
		Conversion conversion = this.fx.convert(amount, ctx.account().creditCurrency(), ctx.today(), "currency");
		BigDecimal credit = conversion.converted().amount();
		boolean longDated = ctx.isLongDated(deliveryDate);
		checked = new Checked(ctx.account(), conversion, longDated,
				decide(ctx, credit, credit, longDated, Deltas.NONE, write));
		this.byReading.increment();
		return checked;
	}

	/**
	 * The credit check with the reservation first, for a customer whose last reading on
	 * this instance left room for the order: one store round trip instead of a reading
	 * followed by the reservation. The reservation pins what was taken from that reading
	 * (currency, policy subject, group, no receivables) and checks the available credit
	 * against the account's own limit; the rules are then applied to the account exactly
	 * as the reservation found it, and a reservation they would not have made is undone.
	 * Returns null when this does not apply or did not approve: the order is then decided
	 * on a fresh reading, as any other.
	 */
	private Checked checkAhead(String customerId, Money amount, LocalDate deliveryDate, LedgerWrite write) {
		AccountContexts.Hint hint = this.contexts.hint(customerId);
		if (hint == null || !hint.clean()) {
			return null;
		}
		LocalDate today = this.contexts.today();
		Conversion conversion = this.fx.convert(amount, hint.creditCurrency(), today, "currency");
		BigDecimal credit = conversion.converted().amount();
		EffectivePolicy policy = this.contexts.policy(hint.subject());
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
		CreditCheck.Verdict verdict = CreditCheck.evaluate(ctx.account(), policy, secured, ctx.overdue(), credit,
				credit, ctx.hardCap(), today);
		if (!verdict.tryReserve() || (!longDated && credit.compareTo(ctx.available()) > 0)) {
			// A rule the hint could not show (an expired limit, the hard cap): not
			// approved on this
			// reading of the account, so the order is decided on a fresh one.
			write.undo();
			return null;
		}
		Outcome outcome = approved(ctx, change.get(), credit, longDated, Actor.current().name(), write);
		return (outcome != null) ? new Checked(ctx.account(), conversion, longDated, outcome) : null;
	}

	/**
	 * The credit check: the rules on one reading of the account, then the atomic
	 * reservation on the customer (and its group) when the rules allow it.
	 * @param amount the credit to reserve (an order, or the increase of an amendment)
	 * @param orderTotal the order's total after the change, for the maximum order value
	 * @param with a change of the counters made in the same reservation (a shipment's)
	 */
	Outcome decide(Context ctx, BigDecimal amount, BigDecimal orderTotal, boolean longDated, Deltas with,
			LedgerWrite write) {
		String actor = Actor.current().name();
		for (int attempt = 1;; attempt++) {
			CreditAccount account = ctx.account();
			CreditCheck.Verdict verdict = CreditCheck.evaluate(account, ctx.policy(), ctx.secured(), ctx.overdue(),
					amount, orderTotal, ctx.hardCap(), ctx.today());
			if (!verdict.tryReserve()) {
				return new Outcome(decision(verdict.status(), verdict.details().stream().map(CreditReason::of).toList(),
						ctx, amount, ctx.available(), actor), null);
			}
			if (!longDated && amount.compareTo(ctx.available()) > 0) {
				// Already over on the reading just taken: hold without attempting the
				// reservation. A hold reserves nothing, so it needs no atomicity; credit
				// freed after that reading re-evaluates held orders
				// (CreditAccountService#onExposureChanged), as after a failed
				// reservation.
				return new Outcome(decision(DecisionStatus.PENDING_APPROVAL, List.of(overAvailable(ctx, amount)), ctx,
						amount, ctx.available(), actor), null);
			}
			Optional<Ledger.Change> change = write.reserve(account.id(), Deltas.reserve(amount, longDated).plus(with),
					longDated ? BigDecimal.ZERO : amount, ctx.secured(), longDated ? null : account.limitAmount());
			if (change.isPresent()) {
				Outcome outcome = approved(ctx, change.get(), amount, longDated, actor, write);
				if (outcome != null) {
					return outcome;
				}
				if (attempt >= 3) {
					return groupHold(ctx, amount, actor,
							CreditReason.of(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT));
				}
				// The member's group change was followed meanwhile: decided again on the
				// group it is counted in now.
				ctx = this.contexts.load(account.id(), "customerId");
				continue;
			}
			Context now = this.contexts.load(account.id(), "customerId");
			if (attempt < 3 && this.pending.clear(now.account(), write.key())) {
				// Another request's change of the same order was in the way (or too many
				// of the customer's
				// at once): decided again on a fresh reading.
				ctx = this.contexts.load(account.id(), "customerId");
				continue;
			}
			List<CreditRule.Reason> rejections = CreditCheck.ineligible(now.account());
			if (!rejections.isEmpty()) {
				return new Outcome(decision(DecisionStatus.REJECTED, rejections.stream().map(CreditReason::of).toList(),
						now, amount, now.available(), actor), null);
			}
			return new Outcome(decision(DecisionStatus.PENDING_APPROVAL, List.of(overAvailable(now, amount)), now,
					amount, now.available(), actor), null);
		}
	}

	/**
	 * After the customer's reservation: the group's, then the approval with the figures
	 * before and after it ({@code ctx}: the reading the check was made on). Null when the
	 * customer's group changed and its figures had not followed yet: the reservation is
	 * undone, the change followed, and the order is to be decided again.
	 */
	private Outcome approved(Context ctx, Ledger.Change change, BigDecimal amount, boolean longDated, String actor,
			LedgerWrite write) {
		CreditAccount account = ctx.account();
		boolean moving = GroupMoves.moving(change.before());
		if (!write.reserveGroup(change, ctx.secured(), true)) {
			write.undo();
			return moving ? null : groupHold(ctx, amount, actor, write.overGroupAvailable(change, ctx.secured()));
		}
		Context before = new Context(change.before(), ctx.policy(), ctx.secured(), ctx.overdue(), ctx.hardCap(),
				ctx.today());
		BigDecimal after = account.limitAmount()
			.subtract(ExposureFormula.checkedNet(change.after().exposure(), ctx.secured()));
		this.contexts.remember(
				new Context(change.after(), ctx.policy(), ctx.secured(), ctx.overdue(), ctx.hardCap(), ctx.today()));
		List<CreditReason> reasons = longDated ? List.of(CreditReason.of(CreditReasonCode.BEYOND_CHECK_HORIZON))
				: List.of(new CreditReason(CreditReasonCode.WITHIN_AVAILABLE_CREDIT,
						CreditCheck.figure(ctx.account(), ctx.available()), CreditCheck.figure(ctx.account(), amount)));
		return new Outcome(decision(DecisionStatus.APPROVED, reasons, before, amount, after, actor), change);
	}

	/**
	 * A hold for lack of the group's credit: {@code reason} with the group's figures, or
	 * without them where the member's group changes meanwhile kept the order from being
	 * checked on settled figures.
	 */
	private Outcome groupHold(Context ctx, BigDecimal amount, String actor, CreditReason reason) {
		return new Outcome(
				decision(DecisionStatus.PENDING_APPROVAL, List.of(reason), ctx, amount, ctx.available(), actor), null);
	}

	/**
	 * Finance's sign-off of a waiting order: re-checks that the customer may buy on
	 * credit and reserves {@code amount} atomically, against the limit or, with
	 * {@code override}, against the hard cap only; then the group's. A held order is
	 * long-dated as its delivery date is now ({@link #longDated}), not as it was when it
	 * was placed or cancelled. A reservation kept out by another request's change of the
	 * same order is tried again while the order is as it was read; a release that did not
	 * reserve is refused for the reason that holds ({@link #notReserved}).
	 * @return the approval, with the figures of the reading it was reserved on, and
	 * whether the order was reserved as long-dated
	 * @throws CreditDeskException when the order changed meanwhile, the customer is not
	 * eligible or the reservation does not fit
	 */
	Release approveRelease(Order order, BigDecimal amount, boolean override, String actor, LedgerWrite write) {
		Context ctx;
		Optional<Ledger.Change> change;
		boolean longDated;
		int attempts = 0;
		do {
			ctx = this.contexts.load(order.customerId(), "orderId");
			List<CreditReasonCode> rejections = CreditCheck.rejections(ctx.account());
			if (!rejections.isEmpty()) {
				throw CreditDeskException.refuse(LedgerErrorCode.CUSTOMER_NOT_ELIGIBLE, "orderId", rejections);
			}
			longDated = longDated(order, ctx);
			change = write.reserve(order.customerId(), Deltas.reserve(amount, longDated),
					longDated ? BigDecimal.ZERO : amount, ctx.secured(), longDated ? null : ceiling(ctx, override));
		}
		while (change.isEmpty() && ++attempts < 3
				&& this.pending.clear(this.contexts.account(order.customerId(), "orderId"), write.key())
				&& changedSince(order) == null);
		if (change.isEmpty()) {
			throw notReserved(order, amount, override);
		}
		if (!write.reserveGroup(change.get(), ctx.secured(), !override)) {
			Object[] group = CreditReason.groupFigures(write.overGroupAvailable(change.get(), ctx.secured()));
			throw CreditDeskException.refuse(LedgerErrorCode.EXCEEDS_GROUP_AVAILABLE_CREDIT
				.variant((group.length > 0) ? "orderFigures" : "order"), "orderId", group);
		}
		List<CreditReason> reasons = new ArrayList<>(List.of(CreditReason.of(CreditReasonCode.RELEASED_BY_APPROVER)));
		if (override) {
			reasons.add(CreditReason.of(CreditReasonCode.LIMIT_OVERRIDDEN));
		}
		return new Release(decision(DecisionStatus.APPROVED, reasons, ctx, amount,
				ctx.account()
					.limitAmount()
					.subtract(ExposureFormula.checkedNet(change.get().after().exposure(), ctx.secured())),
				actor), longDated);
	}

	/**
	 * What a release reserves under: the hard cap with an override (null when there is
	 * none), otherwise the limit.
	 */
	private static BigDecimal ceiling(Context ctx, boolean override) {
		if (!override) {
			return ctx.account().limitAmount();
		}
		// Without a hard cap an override still stops below the bound of every amount:
		// before, it took a customer's exposure past 10^15.
		return (ctx.hardCap() != null) ? ctx.hardCap().amount() : LARGEST_EXPOSURE;
	}

	/** The largest net exposure an override may reach without a hard cap: below 10^15. */
	static final BigDecimal LARGEST_EXPOSURE = MoneyBounds.beyond()
		.subtract(BigDecimal.ONE.movePointLeft(MoneyBounds.MAX_LINE_DECIMALS));

	/**
	 * Why a release's reservation did not go through, as it is now: an empty answer of
	 * the reservation means only that one of its conditions failed, so the order and the
	 * account are read again. The order no longer waiting ({@code ORDER_NOT_PENDING}) or
	 * changed meanwhile ({@code CONCURRENT_MODIFICATION}: another approver's release
	 * landed, or is landing); the customer no longer eligible; the amount over the
	 * ceiling on the figures now ({@code OVER_HARD_CAP} with an override, otherwise
	 * {@code EXCEEDS_AVAILABLE_CREDIT}); otherwise other requests' changes were still in
	 * the way ({@code ORDER_IN_PROGRESS}). Before, every empty answer was taken for the
	 * ceiling: a release that lost the race to another approver's was told the order
	 * exceeded the hard cap.
	 */
	private CreditDeskException notReserved(Order order, BigDecimal amount, boolean override) {
		CreditDeskException changed = changedSince(order);
		if (changed != null) {
			return changed;
		}
		Context now = this.contexts.load(order.customerId(), "orderId");
		List<CreditReasonCode> rejections = CreditCheck.rejections(now.account());
		if (!rejections.isEmpty()) {
			return CreditDeskException.refuse(LedgerErrorCode.CUSTOMER_NOT_ELIGIBLE, "orderId", rejections);
		}
		BigDecimal ceiling = ceiling(now, override);
		if (!longDated(order, now) && ceiling != null && now.checkedNet().add(amount).compareTo(ceiling) > 0) {
			if (override && now.hardCap() == null) {
				return CreditDeskException.refuse(LedgerErrorCode.EXPOSURE_OUT_OF_RANGE, "overrideLimit",
						new Money(now.checkedNet().add(amount), now.account().creditCurrency()));
			}
			return override
					? CreditDeskException.refuse(LedgerErrorCode.OVER_HARD_CAP.variant("override"), "overrideLimit",
							now.hardCap())
					: CreditDeskException.refuse(LedgerErrorCode.EXCEEDS_AVAILABLE_CREDIT.variant("release"), "orderId",
							new Money(amount, now.account().creditCurrency()),
							new Money(now.available(), now.account().creditCurrency()));
		}
		return CreditDeskException.refuse(LedgerErrorCode.ORDER_IN_PROGRESS.variant("customerBusy"), "orderId");
	}

	/**
	 * The refusal a release of {@code order} gets when the order is no longer as it was
	 * read: no longer waiting for approval, or changed meanwhile; null when it is as it
	 * was.
	 */
	private CreditDeskException changedSince(Order order) {
		Order current = this.orders.find(order.id()).orElse(null);
		if (current == null || current.worklistKey() == null) {
			return CreditDeskException.refuse(LedgerErrorCode.ORDER_NOT_PENDING, "orderId", order.id());
		}
		return (current.version() != order.version()) ? OrderStore.concurrent(order.id()) : null;
	}

	/** A release by Finance: the approval, and whether it was reserved as long-dated. */
	record Release(CreditDecision decision, boolean longDated) {
	}

	/**
	 * Whether {@code order} is checked as long-dated on the reading {@code ctx}: an open
	 * order (an amendment's increase) as its reservation is counted, which the horizon
	 * sweep keeps current; any other (held, cancelled) reserves nothing yet, so its
	 * delivery date is measured against today's horizon. An order that was beyond the
	 * horizon when it was placed is credit checked once it no longer is.
	 */
	static boolean longDated(Order order, Context ctx) {
		return (order.status() == OrderStatus.OPEN) ? order.longDated()
				: ctx.isLongDated(order.requestedDeliveryDate());
	}

	/** A decision with the figures of the reading {@code ctx}, in the credit currency. */
	CreditDecision decision(DecisionStatus status, List<CreditReason> reasons, Context ctx, BigDecimal amount,
			BigDecimal availableAfter, String actor) {
		CreditAccount a = ctx.account();
		return CreditDecision.of(status, reasons, a.money(amount), a.money(a.limitAmount()), a.money(ctx.checkedNet()),
				a.money(ctx.available()), a.money(availableAfter), this.clock.instant(), actor);
	}

	/**
	 * A hold for lack of credit, with the available credit of the reading and the amount
	 * asked for.
	 */
	private static CreditReason overAvailable(Context ctx, BigDecimal amount) {
		return new CreditReason(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT,
				CreditCheck.figure(ctx.account(), ctx.available()), CreditCheck.figure(ctx.account(), amount));
	}

}
