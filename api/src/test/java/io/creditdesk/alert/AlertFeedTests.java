package io.creditdesk.alert;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.events.CreditEventReceived;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.LiveCreditEvents;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live alerts: a subscriber gets every alert of its filter raised once listening has
 * begun, also one that arrives before it has subscribed, and stops listening when it
 * goes.
 */
class AlertFeedTests {

	private final AtomicInteger listeners = new AtomicInteger();

	private final LiveCreditEvents live = () -> {
		this.listeners.incrementAndGet();
		return this.listeners::decrementAndGet;
	};

	private final AlertFeed feed = new AlertFeed(this.live);

	private static CreditEventReceived raised(String customerId, String alertId) {
		return new CreditEventReceived(CreditEventType.ALERT_RAISED, customerId, "e-" + alertId,
				Map.of("alertId", alertId, "type", "UTILIZATION_THRESHOLD", "key", "0.8", "severity", "WARNING",
						"threshold", "0.8", "actual", "0.85", "source", "test", "raisedAt", "2026-11-23T12:00:00Z"));
	}

	@Test
	void anAlertRaisedOnceListeningHasBegunButBeforeTheSubscriptionArrives() {
		var alerts = this.feed.alertRaised(new AlertFilter("c-1", null, null, null));
		assertThat(this.listeners.get()).isOne();
		// Listening has begun; the client has not subscribed yet.
		this.feed.onCreditEvent(raised("c-1", "a-1"));
		this.feed.onCreditEvent(raised("c-2", "a-2"));
		StepVerifier.create(alerts.map(Alert::id))
			.expectNext("a-1")
			.then(() -> this.feed.onCreditEvent(raised("c-1", "a-3")))
			.expectNext("a-3")
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(this.listeners.get()).isZero();
	}

}
