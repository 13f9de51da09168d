package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.common.Money;
import io.creditdesk.events.CreditEventReceived;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.LiveCreditEvents;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The subscription's updates: each subscriber gets every change of its customer, also
 * those that arrive while it has not asked for more (its WebSocket momentarily behind) or
 * before it subscribed (while its current figures are read), never one older than an
 * update it already got, and stops listening when it goes.
 */
class AvailableCreditFeedTests {

	private final CreditAccountService accounts = mock(CreditAccountService.class);

	private final AtomicInteger listeners = new AtomicInteger();

	private final LiveCreditEvents live = () -> {
		this.listeners.incrementAndGet();
		return this.listeners::decrementAndGet;
	};

	private final AvailableCreditFeed feed = new AvailableCreditFeed(this.accounts,
			Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC), this.live);

	private static Money eur(String amount) {
		return new Money(new BigDecimal(amount), "EUR");
	}

	private static CreditEventReceived snapshot(String customerId, String available, long sequence) {
		return new CreditEventReceived(CreditEventType.EXPOSURE_CHANGED, customerId, "e-" + sequence,
				Map.of("customerId", customerId, "availableCredit", Map.of("amount", available, "currency", "EUR"),
						"limit", Map.of("amount", "10000.00", "currency", "EUR"), "exposure",
						Map.of("net", Map.of("amount", "0.00", "currency", "EUR")), "utilization", 0.5, "sequence",
						sequence));
	}

	/** Figures read from the store at version {@code sequence}, with a limit of 10000. */
	private static CreditAccountService.SequencedExposure read(String available, long sequence) {
		return new CreditAccountService.SequencedExposure(new CreditAccountService.Exposure("c-1", eur("10000.00"),
				eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), 0, eur("0.00"), eur("0.00"),
				eur("0.00"), eur(available), 0.0, null, null, null), sequence);
	}

	private static CreditEventReceived limitChanged(String customerId) {
		return new CreditEventReceived(CreditEventType.CREDIT_LIMIT_CHANGED, customerId, "l-" + customerId, Map.of());
	}

	@Test
	void changesThatArriveWithoutDemandWaitForTheSubscriberInOrder() {
		when(this.accounts.sequencedExposure("c-1")).thenReturn(read("10000.00", 0));
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()), 1)
			.expectNext("10000.00 SUBSCRIBED")
			.then(() -> {
				// No demand now: these must not be lost.
				this.feed.onCreditEvent(snapshot("c-1", "9000.00", 1));
				this.feed.onCreditEvent(snapshot("c-2", "1.00", 1));
				this.feed.onCreditEvent(snapshot("c-1", "8000.00", 2));
			})
			.thenRequest(2)
			.expectNext("9000.00 ExposureChanged", "8000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
		assertThat(this.listeners.get()).isZero();
	}

	/**
	 * A change that arrives once listening has begun, while the current figures are read
	 * (before the subscriber has subscribed), is not lost: it follows them.
	 */
	@Test
	void aChangeThatArrivesWhileTheCurrentFiguresAreReadFollowsThem() {
		when(this.accounts.sequencedExposure("c-1")).thenAnswer(invocation -> {
			assertThat(this.listeners.get()).isOne();
			this.feed.onCreditEvent(snapshot("c-1", "9000.00", 1));
			// Read before the change the snapshot carries.
			return read("10000.00", 0);
		});
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()))
			.expectNext("10000.00 SUBSCRIBED", "9000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
		assertThat(this.listeners.get()).isZero();
	}

	/**
	 * Updates taken while the current figures are read (a limit event's read of the
	 * store, a snapshot) but older than them are not sent after them; neither is a
	 * snapshot sent again after a newer one.
	 */
	@Test
	void noUpdateOlderThanOneSentFollowsIt() {
		AtomicInteger reads = new AtomicInteger();
		when(this.accounts.sequencedExposure("c-1")).thenAnswer(invocation -> {
			if (reads.incrementAndGet() > 1) {
				// The limit event's read, taken before the order's change below.
				return read("10000.00", 1);
			}
			this.feed.onCreditEvent(limitChanged("c-1"));
			this.feed.onCreditEvent(snapshot("c-1", "9000.00", 1));
			this.feed.onCreditEvent(snapshot("c-1", "8000.00", 2));
			return read("8000.00", 2);
		});
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()))
			.expectNext("8000.00 SUBSCRIBED")
			.then(() -> {
				this.feed.onCreditEvent(snapshot("c-1", "7000.00", 3));
				// Sent again (at least once), and one of an earlier change arriving late.
				this.feed.onCreditEvent(snapshot("c-1", "8000.00", 2));
				this.feed.onCreditEvent(snapshot("c-1", "9000.00", 1));
				this.feed.onCreditEvent(snapshot("c-1", "6000.00", 4));
			})
			.expectNext("7000.00 ExposureChanged", "6000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
		assertThat(this.listeners.get()).isZero();
	}

	/**
	 * At the same version only the limit, status or flags can differ: figures read after
	 * a limit change are sent, a snapshot of that version arriving after them (the relay
	 * read it before the change) is not; the next version's is.
	 */
	@Test
	void aSnapshotOfTheVersionAlreadyReadDoesNotUndoALimitChange() {
		when(this.accounts.sequencedExposure("c-1")).thenReturn(read("10000.00", 5), read("12000.00", 5));
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()))
			.expectNext("10000.00 SUBSCRIBED")
			.then(() -> {
				this.feed.onCreditEvent(limitChanged("c-1"));
				this.feed.onCreditEvent(snapshot("c-1", "10000.00", 5));
				this.feed.onCreditEvent(snapshot("c-1", "11000.00", 6));
			})
			.expectNext("12000.00 CreditLimitChanged", "11000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
	}

	/** A snapshot without a {@code sequence} is replaced by the figures read now. */
	@Test
	void aSnapshotWithoutSequenceIsReplacedByAFreshRead() {
		when(this.accounts.sequencedExposure("c-1")).thenReturn(read("10000.00", 1), read("7000.00", 2));
		CreditEventReceived unnumbered = new CreditEventReceived(CreditEventType.EXPOSURE_CHANGED, "c-1", "e-x",
				Map.of("customerId", "c-1", "availableCredit", Map.of("amount", "9999.00", "currency", "EUR"), "limit",
						Map.of("amount", "10000.00", "currency", "EUR"), "exposure",
						Map.of("net", Map.of("amount", "0.00", "currency", "EUR")), "utilization", 0.5));
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()))
			.expectNext("10000.00 SUBSCRIBED")
			.then(() -> this.feed.onCreditEvent(unnumbered))
			.expectNext("7000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
	}

}
