package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;

/**
 * One thing to tell people, before it is addressed: made from a credit event (or by the
 * webhook deliveries), rendered per recipient in their language.
 *
 * @param id unique per thing told (the credit event's id): with the recipient and the
 * channel it keys each delivery, so a re-read event notifies nobody twice
 * @param type what it is about
 * @param customerId the customer, or null
 * @param occurredAt when it happened
 * @param figures the figures of the type's sentences, in order (the customer's name first
 * where there is a customer)
 * @param path the front end's page to act on, relative to the base URL
 * @param subject what the recipient rules read
 */
record Notice(String id, NotificationType type, String customerId, Instant occurredAt, List<Object> figures,
		String path, RecipientRules.Subject subject) {

	Notice {
		figures = List.copyOf(figures);
	}

}
