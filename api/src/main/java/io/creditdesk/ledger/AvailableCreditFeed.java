package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>
 * A subscriber never gets figures older than some it already got ({@link Newest}): every
 * update carries the version of the exposure counters it shows (the document's
 * {@code exposureSeq}, moved in the same update as every change of them, which a snapshot
 * carries as {@code sequence} and a store read reads with the figures), and one of a
 * lower version than the last sent is dropped. The figures a subscriber gets first, and
 * those read again after an event, are read from the store, so a snapshot of an earlier
 * change that arrives after them (appended before the subscriber listened, or read by the
 * relay before a re-read but delivered after it) would take it back in time; so would a
 * read taken before a snapshot but delivered after it.
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
	private final Sinks.Many<Update> sink = Sinks.many().multicast().directBestEffort();

	/**
	 * Store reads of a customer are taken one at a time (by stripe of customers), each
	 * numbered ({@link #reads}) when its figures are in: a read numbered later has read
	 * the document later.
	 */
	private final Object[] reading = new Object[64];

	/**
	 * Numbers the store reads in the order they were taken, so that of two reads at the
	 * same version the later is known.
	 */
	private final AtomicLong reads = new AtomicLong();

	private final LiveCreditEvents live;

	AvailableCreditFeed(CreditAccountService accounts, Clock clock, LiveCreditEvents live) {
		this.accounts = accounts;
		this.clock = clock;
		this.live = live;
		for (int i = 0; i < this.reading.length; i++) {
			this.reading[i] = new Object();
		}
	}

	/** The figures pushed to subscribers. */
	record AvailableCredit(String customerId, Money availableCredit, Money limit, Money netExposure, double utilization,
			String cause, Instant at) {

		public BigDecimal utilizationPercent() {
			return Utilization.percent(this.netExposure.amount(), this.limit.amount());
		}

	}

	/**
	 * An update with its place in the customer's history: {@code sequence}, the version
	 * of the counters it shows; {@code read}, for figures read from the store, the number
	 * of the read ({@link #reads}), else -1 (a snapshot).
	 */
	record Update(AvailableCredit credit, long sequence, long read) {

		String customerId() {
			return this.credit.customerId();
		}

	}

	/**
	 * What one subscriber was sent last, and whether an update is newer. An update of a
	 * higher version is; of a lower one is not. At the same version the counters are the
	 * same, and only the limit, status or flags (which do not move the version) can
	 * differ: a store read taken after the last update sent is newer (it was read after
	 * that read, or after the event that carried that snapshot reached this instance, so
	 * after the relay read it); a snapshot is not (it may have been read by the relay
	 * before a limit change a read sent already shows; a change it would show is followed
	 * by its own event, and the read after that).
	 */
	static final class Newest {

		private long sequence = Long.MIN_VALUE;

		private long read = -1;

		boolean admits(Update update) {
			boolean newer = update.sequence() > this.sequence
					|| (update.sequence() == this.sequence && update.read() > this.read);
			if (newer) {
				this.sequence = update.sequence();
				this.read = update.read();
			}
			return newer;
		}

	}

	@SubscriptionMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Flux<AvailableCredit> availableCreditChanged(@Argument String customerId) {
		// The changes are taken from before listening starts (held for the subscriber,
		// as many as BUFFERED, the oldest dropped first), and listening starts before
		// the current figures are read: no change falls between listening, the read and
		// the subscription. Both end when the subscriber goes (cancelled, completed or
		// failed). Updates older than one already sent are dropped (Newest), each
		// subscriber's stream delivering one at a time.
		Sinks.Many<Update> held = Sinks.many().replay().limit(BUFFERED);
		Disposable taking = this.sink.asFlux()
			.filter(update -> update.customerId().equals(customerId))
			.subscribe(held::tryEmitNext);
		LiveCreditEvents.Listening listening = null;
		try {
			listening = this.live.listen();
			Update current = read(customerId, "SUBSCRIBED");
			Flux<Update> changes = held.asFlux().onBackpressureBuffer(BUFFERED, dropped -> {
			}, BufferOverflowStrategy.DROP_OLDEST);
			LiveCreditEvents.Listening open = listening;
			Newest newest = new Newest();
			return Flux.concat(Flux.just(current), changes)
				.filter(newest::admits)
				.map(Update::credit)
				.doFinally(signal -> {
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

	/**
	 * The figures of a snapshot, at its {@code sequence}; figures read from the store
	 * instead if it carries none (its place in the customer's history unknown).
	 */
	private Update fromSnapshot(CreditEventReceived event) {
		Map<String, Object> data = event.data();
		if (!(data.get("sequence") instanceof Number sequence)) {
			return read(event.customerId(), event.type().schemaName());
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> exposure = (Map<String, Object>) data.get("exposure");
		return new Update(new AvailableCredit(event.customerId(), money(data.get("availableCredit")),
				money(data.get("limit")), money(exposure.get("net")), ((Number) data.get("utilization")).doubleValue(),
				event.type().schemaName(), this.clock.instant()), sequence.longValue(), -1);
	}

	@SuppressWarnings("unchecked")
	private static Money money(Object value) {
		Map<String, Object> money = (Map<String, Object>) value;
		return new Money(new BigDecimal(String.valueOf(money.get("amount"))), String.valueOf(money.get("currency")));
	}

	private Update read(String customerId, String cause) {
		CreditAccountService.SequencedExposure read;
		long number;
		synchronized (this.reading[Math.floorMod(customerId.hashCode(), this.reading.length)]) {
			read = this.accounts.sequencedExposure(customerId);
			number = this.reads.incrementAndGet();
		}
		CreditAccountService.Exposure exposure = read.exposure();
		return new Update(new AvailableCredit(customerId, exposure.availableCredit(), exposure.limit(), exposure.net(),
				exposure.utilization(), cause, this.clock.instant()), read.sequence(), number);
	}

}
