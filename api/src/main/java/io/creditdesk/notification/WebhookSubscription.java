package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Another system's subscription to credit events: each event of the types it names is
 * posted to its URL, signed with its secret.
 *
 * @param id the subscription's id
 * @param url where to post (admitted by {@link WebhookTargets} when saved and again
 * before each delivery)
 * @param eventTypes the credit event types delivered (schema names, e.g.
 * {@code CreditLimitChanged})
 * @param description what it is for
 * @param secret the signing secret ({@code whsec_...}, shown once when created) as
 * stored: sealed by {@link WebhookSecrets} ({@code v1:<key id>:...}), or in plain text
 * when stored before encryption and not yet sealed again
 * @param enabled false once disabled after repeated failures
 * @param consecutiveFailures failed attempts since the last success
 * @param lastError the last failure
 * @param disabledAt when it was disabled
 * @param createdBy who created it
 * @param createdAt when
 * @param deletedAt when it was deleted (kept, with its deliveries, for the record); null
 * while it exists
 */
@Document(WebhookSubscription.COLLECTION)
record WebhookSubscription(@Id String id, String url, List<String> eventTypes, String description, String secret,
		boolean enabled, int consecutiveFailures, String lastError, Instant disabledAt, String createdBy,
		Instant createdAt, Instant deletedAt) {

	static final String COLLECTION = "webhook_subscriptions";

	WebhookSubscription {
		eventTypes = (eventTypes != null) ? List.copyOf(eventTypes) : List.of();
	}

}
