package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.events.CreditEventReceived;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.LiveCreditEvents;
import io.creditdesk.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Live available credit for sales portals, fed from the credit events on Kafka (read back
 * by every instance that has subscribers, while it has them), so a subscriber sees
 * changes made on any instance. A new subscriber first gets the current figures from the
 * store; then each {@code ExposureChanged} snapshot is pushed as it is, and after a
 * limit, status or flag event the current figures are read again.
 */
@Controller
class AvailableCreditFeed {

	private static final Logger log = LoggerFactory.getLogger(AvailableCreditFeed.class);

	/** Updates buffered per subscriber that has not asked for them yet. */
	private static final int BUFFERED = 256;

	private final CreditAccountService accounts;

	private final Clock clock;

	/**
	 * Every change, to every subscriber with demand at that moment. Each subscription
	 * buffers what its subscriber has not asked for yet ({@link #BUFFERED}), so a change
	 * is not dropped for a subscriber whose WebSocket is momentarily behind; beyond that
	 * the oldest go first (each update carries the whole position, so the latest is what
	 * counts).
	 */
	private final Sinks.Many<AvailableCredit> sink = Sinks.many().multicast().directBestEffort();

	private final LiveCreditEvents live;

	AvailableCreditFeed(CreditAccountService accounts, Clock clock, LiveCreditEvents live) {
		this.accounts = accounts;
		this.clock = clock;
		this.live = live;
	}

	/** The figures pushed to subscribers. */
	record AvailableCredit(String customerId, Money availableCredit, Money limit, Money netExposure, double utilization,
			String cause, Instant at) {

		public BigDecimal utilizationPercent() {
			return Utilization.percent(this.netExposure.amount(), this.limit.amount());
		}

	}

	@SubscriptionMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Flux<AvailableCredit> availableCreditChanged(@Argument String customerId) {
		// The changes are taken from before listening starts (held for the subscriber,
		// as many as BUFFERED, the oldest dropped first), and listening starts before
		// the current figures are read: no change falls between listening, the read and
		// the subscription. Both end when the subscriber goes (cancelled, completed or
		// failed).
		Sinks.Many<AvailableCredit> held = Sinks.many().replay().limit(BUFFERED);
		Disposable taking = this.sink.asFlux()
			.filter(update -> update.customerId().equals(customerId))
			.subscribe(held::tryEmitNext);
		LiveCreditEvents.Listening listening = null;
		try {
			listening = this.live.listen();
			AvailableCredit current = read(customerId, "SUBSCRIBED");
			Flux<AvailableCredit> changes = held.asFlux().onBackpressureBuffer(BUFFERED, dropped -> {
			}, BufferOverflowStrategy.DROP_OLDEST);
			LiveCreditEvents.Listening open = listening;
			return Flux.concat(Flux.just(current), changes).doFinally(signal -> {
				taking.dispose();
				open.close();
			});
		}
		catch (RuntimeException ex) {
			taking.dispose();
			if (listening != null) {
				listening.close();
			}
			throw ex;
		}
	}

	@EventListener
	void onCreditEvent(CreditEventReceived event) {
		if (this.sink.currentSubscriberCount() == 0 || event.type() == CreditEventType.ORDER_CREDIT_DECIDED
				|| event.type() == CreditEventType.ORDER_RELEASED) {
			// Orders move exposure; their effect arrives as the ExposureChanged that
			// follows.
			return;
		}
		try {
			this.sink.tryEmitNext((event.type() == CreditEventType.EXPOSURE_CHANGED) ? fromSnapshot(event)
					: read(event.customerId(), event.type().schemaName()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not publish available credit of customer {}: {}", event.customerId(), ex.getMessage());
		}
	}

	private AvailableCredit fromSnapshot(CreditEventReceived event) {
		Map<String, Object> data = event.data();
		@SuppressWarnings("unchecked")
		Map<String, Object> exposure = (Map<String, Object>) data.get("exposure");
		return new AvailableCredit(event.customerId(), money(data.get("availableCredit")), money(data.get("limit")),
				money(exposure.get("net")), ((Number) data.get("utilization")).doubleValue(), event.type().schemaName(),
				this.clock.instant());
	}

	@SuppressWarnings("unchecked")
	private static Money money(Object value) {
		Map<String, Object> money = (Map<String, Object>) value;
		return new Money(new BigDecimal(String.valueOf(money.get("amount"))), String.valueOf(money.get("currency")));
	}

	private AvailableCredit read(String customerId, String cause) {
		CreditAccountService.Exposure exposure = this.accounts.exposure(customerId);
		return new AvailableCredit(customerId, exposure.availableCredit(), exposure.limit(), exposure.net(),
				exposure.utilization(), cause, this.clock.instant());
	}

}
