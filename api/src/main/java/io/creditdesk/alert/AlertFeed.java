package io.creditdesk.alert;

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
 * Live alerts: every {@code AlertRaised} credit event, read back from Kafka by each
 * instance that has subscribers (as {@code availableCreditChanged} is fed), so a
 * subscriber sees alerts raised on any instance.
 */
@Controller
class AlertFeed {

	private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

	/** Alerts buffered per subscriber that has not asked for them yet. */
	private static final int BUFFERED = 256;

	private final Sinks.Many<Alert> sink = Sinks.many().multicast().directBestEffort();

	private final LiveCreditEvents live;

	AlertFeed(LiveCreditEvents live) {
		this.live = live;
	}

	@SubscriptionMapping
	@PreAuthorize(Roles.ALERTS)
	Flux<Alert> alertRaised(@Argument AlertFilter filter) {
		AlertFilter wanted = (filter != null) ? filter : new AlertFilter(null, null, null, null);
		// The alerts are taken from before listening starts (held for the subscriber, as
		// many as BUFFERED, the oldest dropped first), so none raised between listening
		// and the subscription is lost. Both end when the subscriber goes.
		Sinks.Many<Alert> held = Sinks.many().replay().limit(BUFFERED);
		Disposable taking = this.sink.asFlux().filter(wanted::matches).subscribe(held::tryEmitNext);
		LiveCreditEvents.Listening listening;
		try {
			listening = this.live.listen();
		}
		catch (RuntimeException ex) {
			taking.dispose();
			throw ex;
		}
		return held.asFlux().onBackpressureBuffer(BUFFERED, dropped -> {
		}, BufferOverflowStrategy.DROP_OLDEST).doFinally(signal -> {
			taking.dispose();
			listening.close();
		});
	}

	@EventListener
	void onCreditEvent(CreditEventReceived event) {
		if (event.type() != CreditEventType.ALERT_RAISED || this.sink.currentSubscriberCount() == 0) {
			return;
		}
		try {
			this.sink.tryEmitNext(AlertEvents.fromRaised(event));
		}
		catch (RuntimeException ex) {
			log.warn("Could not publish alert event {}: {}", event.eventId(), ex.getMessage());
		}
	}

}
