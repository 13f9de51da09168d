package io.creditdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;

import org.springframework.stereotype.Component;

/**
 * Queues one delivery per event and enabled subscription to its type. The subscriptions
 * of a type are read at most once a second (events come in bursts), so a new subscription
 * made on another instance gets events from about a second after it was made; one made on
 * this instance at once ({@link #refresh}).
 */
@Component
class WebhookFanOut {

	private static final Duration FRESH = Duration.ofSeconds(1);

	/** The subscriptions of a type as read at {@code at}, in {@code generation}. */
	private record Cached(Instant at, long generation, List<WebhookSubscription> subscriptions) {
	}

	private final WebhookStore store;

	private final Clock clock;

	private final Map<String, Cached> byType = new ConcurrentHashMap<>();

	/**
	 * Moved by every {@link #refresh}: a reading begun before a change (the event readers
	 * ask from their own threads) is not taken for one made after it.
	 */
	private final AtomicLong generation = new AtomicLong();

	WebhookFanOut(WebhookStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	void enqueue(CreditEvent event) {
		Instant now = this.clock.instant();
		String type = event.type().schemaName();
		for (WebhookSubscription subscription : subscriptions(type, now)) {
			this.store.enqueue(new WebhookDelivery(event.eventId() + ":" + subscription.id(), subscription.id(),
					event.eventId(), type, event.envelope(), WebhookDelivery.Status.PENDING, 0, now, now, null,
					List.of(), now, null));
		}
	}

	/**
	 * Whether an enabled subscription takes events of {@code type} (as read at most a
	 * second ago, like {@link #enqueue}).
	 */
	boolean subscribed(CreditEventType type) {
		return !subscriptions(type.schemaName(), this.clock.instant()).isEmpty();
	}

	private List<WebhookSubscription> subscriptions(String type, Instant now) {
		long current = this.generation.get();
		Cached cached = this.byType.get(type);
		if (cached == null || cached.generation() != current || !now.isBefore(cached.at().plus(FRESH))
				|| now.isBefore(cached.at())) {
			cached = new Cached(now, current, this.store.enabledFor(type));
			this.byType.put(type, cached);
		}
		return cached.subscriptions();
	}

	/**
	 * Forgets what it read: a subscription changed on this instance. A reading under way
	 * on another thread may still be stored, under the generation it began in, and is
	 * read again by the next caller.
	 */
	void refresh() {
		this.generation.incrementAndGet();
		this.byType.clear();
	}

}
