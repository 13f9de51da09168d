package io.creditdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.events.CreditEventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The fan-out's reading of the subscriptions of a type, shared by the event readers'
 * threads and the deliveries: a reading begun before a subscription changed on this
 * instance is never taken for one made after it, however little time has passed.
 */
class WebhookFanOutTests {

	@Test
	void aReadingBegunBeforeARefreshIsNotKeptForCallersAfterIt() throws Exception {
		WebhookStore store = mock(WebhookStore.class);
		WebhookSubscription made = mock(WebhookSubscription.class);
		AtomicReference<List<WebhookSubscription>> stored = new AtomicReference<>(List.of());
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		when(store.enabledFor(anyString())).thenAnswer(call -> {
			List<WebhookSubscription> read = stored.get();
			if (Thread.currentThread().getName().equals("reader")) {
				// An event reader's reading, before the subscription is made and kept
				// after it.
				reading.countDown();
				assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
			}
			return read;
		});
		// One instant throughout: within the second a reading is kept for.
		WebhookFanOut fanOut = new WebhookFanOut(store,
				Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
		CompletableFuture<Boolean> reader = new CompletableFuture<>();
		Thread thread = new Thread(() -> reader.complete(fanOut.subscribed(CreditEventType.RISK_FLAG_RAISED)),
				"reader");
		thread.start();
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
		stored.set(List.of(made));
		fanOut.refresh();
		changed.countDown();
		assertThat(reader.get(10, TimeUnit.SECONDS)).isFalse();
		assertThat(fanOut.subscribed(CreditEventType.RISK_FLAG_RAISED)).isTrue();
	}

}
