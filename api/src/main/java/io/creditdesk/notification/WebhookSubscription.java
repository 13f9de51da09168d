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
 * @param enabled false once disabled after repeated failures (until turned back on)
 * @param consecutiveFailures failed attempts since the last success
 * @param lastError the last failure
 * @param disabledAt when it was disabled
 * @param createdBy who created it
 * @param createdAt when
 * @param deletedAt when it was deleted (kept, with its deliveries, for the record); null
 * while it exists
 * @param previousSecret the secret before the last rotation, sealed like {@code secret};
 * it signs beside the current one until {@code previousSecretExpiresAt}, and is removed
 * (with its expiry) after that by the {@link WebhookPreviousSecretSweep}; null when there
 * was none, the rotation let it stop at once or it expired and was removed
 * @param previousSecretExpiresAt when the previous secret stops signing, or null
 * @param secretRotatedAt when the secret was last rotated, or null when never
 */
@Document(WebhookSubscription.COLLECTION)
record WebhookSubscription(@Id String id, String url, List<String> eventTypes, String description, String secret,
		boolean enabled, int consecutiveFailures, String lastError, Instant disabledAt, String createdBy,
		Instant createdAt, Instant deletedAt, String previousSecret, Instant previousSecretExpiresAt,
		Instant secretRotatedAt) {

	static final String COLLECTION = "webhook_subscriptions";

	WebhookSubscription {
		eventTypes = (eventTypes != null) ? List.copyOf(eventTypes) : List.of();
	}

	/**
	 * A new subscription: enabled, no failures, its secret (sealed) never rotated.
	 */
	static WebhookSubscription created(String id, String url, List<String> eventTypes, String description,
			String sealedSecret, String createdBy, Instant createdAt) {
		return new WebhookSubscription(id, url, eventTypes, description, sealedSecret, true, 0, null, null, createdBy,
				createdAt, null, null, null, null);
	}

	/**
	 * This subscription after its secret was rotated at {@code at} to
	 * {@code sealedSecret}, the current one kept as {@code previousSecret} until
	 * {@code previousExpiresAt} (both null: the old secret stops at once).
	 */
	WebhookSubscription rotated(String sealedSecret, String previousSecret, Instant previousExpiresAt, Instant at) {
		return new WebhookSubscription(this.id, this.url, this.eventTypes, this.description, sealedSecret, this.enabled,
				this.consecutiveFailures, this.lastError, this.disabledAt, this.createdBy, this.createdAt,
				this.deletedAt, previousSecret, previousExpiresAt, at);
	}

}
