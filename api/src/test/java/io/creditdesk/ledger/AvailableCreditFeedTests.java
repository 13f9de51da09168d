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
 * before it subscribed (while its current figures are read), and stops listening when it
 * goes.
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

	@Test
	void changesThatArriveWithoutDemandWaitForTheSubscriberInOrder() {
		when(this.accounts.exposure("c-1")).thenReturn(new CreditAccountService.Exposure("c-1", eur("10000.00"),
				eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), 0, eur("0.00"), eur("0.00"),
				eur("0.00"), eur("10000.00"), 0.0, null, null));
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
		when(this.accounts.exposure("c-1")).thenAnswer(invocation -> {
			assertThat(this.listeners.get()).isOne();
			this.feed.onCreditEvent(snapshot("c-1", "9000.00", 1));
			return new CreditAccountService.Exposure("c-1", eur("10000.00"), eur("0.00"), eur("0.00"), eur("0.00"),
					eur("0.00"), eur("0.00"), 0, eur("0.00"), eur("0.00"), eur("0.00"), eur("10000.00"), 0.0, null,
					null);
		});
		StepVerifier
			.create(this.feed.availableCreditChanged("c-1")
				.map(update -> update.availableCredit().amount().toPlainString() + " " + update.cause()))
			.expectNext("10000.00 SUBSCRIBED", "9000.00 ExposureChanged")
			.thenCancel()
			.verify(java.time.Duration.ofSeconds(5));
		assertThat(this.listeners.get()).isZero();
	}

}
