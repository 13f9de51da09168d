package io.creditdesk.notification;

import java.time.Clock;
import java.time.ZoneId;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventGroup;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.limitrequest.LimitRequestProperties;
import io.creditdesk.notification.CreditEventNotices.CustomerView;

import org.springframework.stereotype.Component;

/**
 * Handles the credit events read with the notifications' own consumer group
 * ({@code creditdesk.notifications.group-id}, a {@link CreditEventGroup} declared by
 * {@link NotificationConfiguration}): across instances each event is handled once, and
 * after a restart the group goes on where it committed. Each event becomes the notices of
 * {@link CreditEventNotices} and the webhook deliveries of its type; both are keyed by
 * the event id, so an event read again (a crash before the commit, a relay that re-sent
 * it) notifies and delivers nothing twice. An event that cannot be read is skipped; one
 * that fails for a passing reason (the store away) is tried again a few times, then
 * skipped, never retried forever.
 */
@Component
class NotificationConsumer {

	private final NotificationProperties properties;

	private final Notifier notifier;

	private final WebhookFanOut webhooks;

	private final CustomerService customers;

	private final RequestLookup requests;

	private final Clock clock;

	/** The zone due times are told in: the business calendar's. */
	private final ZoneId zone;

	NotificationConsumer(NotificationProperties properties, Notifier notifier, WebhookFanOut webhooks,
			CustomerService customers, RequestLookup requests, Clock clock, LimitRequestProperties calendar) {
		this.properties = properties;
		this.notifier = notifier;
		this.webhooks = webhooks;
		this.customers = customers;
		this.requests = requests;
		this.clock = clock;
		this.zone = calendar.zone();
	}

	/**
	 * Whether events of {@code type} concern anyone here: a notice is made of them, or an
	 * enabled webhook subscription takes them. The others are passed over unparsed.
	 */
	boolean wants(CreditEventType type) {
		return CreditEventNotices.concerns(type) || this.webhooks.subscribed(type);
	}

	/** Notifies and queues the webhook deliveries of one event. */
	void handle(CreditEvent event) {
		if (event.occurredAt() != null
				&& event.occurredAt().isBefore(this.clock.instant().minus(this.properties.maxEventAge()))) {
			return;
		}
		this.webhooks.enqueue(event);
		if (!CreditEventNotices.concerns(event.type())) {
			return;
		}
		CustomerView customer = this.customers.findForNotification(event.customerId())
			.map(NotificationConsumer::view)
			.orElse(null);
		CreditEventNotices.of(event, customer, this.requests::find, this.zone).ifPresent(this.notifier::notify);
	}

	private static CustomerView view(Customer customer) {
		return new CustomerView(customer.name(), customer.creditAnalyst(), customer.salesOwner());
	}

}
