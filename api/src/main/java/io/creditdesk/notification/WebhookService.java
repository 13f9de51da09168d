package io.creditdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.notification.NotificationInputs.CreateWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.DeleteWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.EnableWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.RotateWebhookSecretInput;
import org.bson.types.ObjectId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Webhook subscriptions of other systems: created with a URL the SSRF guard admits and
 * the event types to deliver, listed, their signing secret rotated
 * ({@link WebhookSecretRotation}), turned back on after they were disabled, deleted, and
 * their delivery logs read. Each change is audited.
 */
@Service
class WebhookService {

	/**
	 * A created subscription, or one whose secret was rotated, with its (new) signing
	 * secret, which is shown only now.
	 */
	record WithSecret(WebhookSubscription subscription, String secret) {
	}

	private final WebhookStore store;

	private final WebhookSecrets secrets;

	private final WebhookTargets targets;

	private final WebhookFanOut fanOut;

	private final AuditLog audit;

	private final Clock clock;

	WebhookService(WebhookStore store, WebhookSecrets secrets, WebhookTargets targets, WebhookFanOut fanOut,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.secrets = secrets;
		this.targets = targets;
		this.fanOut = fanOut;
		this.audit = audit;
		this.clock = clock;
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	WithSecret create(CreateWebhookSubscriptionInput input) {
		Validation v = new Validation();
		String url = v.required("url", input.url(), 2000);
		List<String> types = eventTypes(v, input.eventTypes());
		String description = (input.description() != null && !input.description().isBlank())
				? v.required("description", input.description(), 200) : null;
		if (url != null) {
			try {
				this.targets.admit("url", url);
			}
			catch (CreditDeskException refused) {
				refused.errors().forEach(v::reject);
			}
		}
		v.throwIfInvalid();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String id = new ObjectId().toHexString();
		String secret = WebhookSignature.newSecret();
		// Only the sealed secret is stored; the plain one is in this answer alone.
		WebhookSubscription subscription = WebhookSubscription.created(id, url.trim(), types, description,
				this.secrets.seal(id, secret), Actor.current().name(), now);
		AuditRecord entry = this.audit.entry("WEBHOOK_SUBSCRIBED", "WEBHOOK", subscription.id(), null, description,
				new Changes().set("url", subscription.url()).set("eventTypes", types));
		this.store.insert(subscription, entry);
		this.fanOut.refresh();
		return new WithSecret(subscription, secret);
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	List<WebhookSubscription> list() {
		return this.store.subscriptions();
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	WebhookSubscription delete(DeleteWebhookSubscriptionInput input) {
		Validation v = new Validation();
		String id = v.id("id", input.id(), 64);
		String reason = (input.reason() != null && !input.reason().isBlank())
				? v.freeText("reason", input.reason(), 500) : null;
		v.throwIfInvalid();
		WebhookSubscription subscription = require(id);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		AuditRecord entry = this.audit.entry("WEBHOOK_DELETED", "WEBHOOK", id, null, reason,
				new Changes().diff("url", subscription.url(), null));
		if (!this.store.delete(id, now, entry)) {
			throw notFound(id);
		}
		this.fanOut.refresh();
		return subscription;
	}

	/**
	 * Gives the subscription a new signing secret; the one it had keeps signing beside it
	 * for the hours asked ({@link WebhookSecretRotation}). Of two rotations at the same
	 * moment one wins, the other is refused ({@code WEBHOOK_SECRET_CHANGED}) rather than
	 * retried, since retrying would quietly turn the secret the winner was just shown
	 * into the previous one: one that reads a secret rotated within
	 * {@link WebhookSecretRotation#SAME_MOMENT} is refused, and the write is one
	 * conditional update on the secret as read, so of two that read the same secret only
	 * one writes. A current secret that no longer decrypts is no obstacle: it is moved,
	 * not opened, so rotating is also how such a subscription gets a working secret
	 * again.
	 */
	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	WithSecret rotateSecret(RotateWebhookSecretInput input) {
		Validation v = new Validation();
		String id = v.id("id", input.id(), 64);
		int hours = WebhookSecretRotation.validHours(v, "previousSecretValidForHours",
				input.previousSecretValidForHours());
		v.throwIfInvalid();
		WebhookSubscription subscription = require(id);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (WebhookSecretRotation.rotatedAtTheSameMoment(subscription, now)) {
			throw secretChanged(id);
		}
		Instant previousExpiresAt = WebhookSecretRotation.previousExpiresAt(now, hours);
		String secret = WebhookSignature.newSecret();
		WebhookSubscription rotated = subscription.rotated(this.secrets.seal(id, secret),
				(previousExpiresAt != null) ? this.secrets.sealedAsKept(id, subscription.secret()) : null,
				previousExpiresAt, now);
		// Names the expiry, never a secret (nor its sealed value).
		AuditRecord entry = this.audit.entry("WEBHOOK_SECRET_ROTATED", "WEBHOOK", id, null, null,
				new Changes().set("secretRotatedAt", now)
					.set("previousSecretValidForHours", hours)
					.diff("previousSecretExpiresAt", subscription.previousSecretExpiresAt(), previousExpiresAt));
		if (!this.store.rotateSecret(rotated, subscription.secret(), entry)) {
			if (this.store.subscription(id).isEmpty()) {
				throw notFound(id);
			}
			throw secretChanged(id);
		}
		return new WithSecret(rotated, secret);
	}

	/**
	 * Turns a disabled subscription back on: its URL admitted by the SSRF guard again
	 * (refused: it stays disabled), its failures in a row from zero, audited. Deliveries
	 * cancelled when it was disabled stay cancelled; events from now on are delivered.
	 * One that is on already is answered as it is.
	 */
	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	WebhookSubscription enable(EnableWebhookSubscriptionInput input) {
		Validation v = new Validation();
		String id = v.id("id", input.id(), 64);
		v.throwIfInvalid();
		WebhookSubscription subscription = require(id);
		if (subscription.enabled()) {
			return subscription;
		}
		// The input names the subscription, not its URL: a refusal points at the id.
		this.targets.admit("id", subscription.url());
		AuditRecord entry = this.audit.entry("WEBHOOK_SUBSCRIPTION_ENABLED", "WEBHOOK", id, null, null,
				new Changes().diff("enabled", false, true)
					.diff("consecutiveFailures", subscription.consecutiveFailures(), 0));
		// Not changed: another request turned it on (or deleted it) in between.
		this.store.enable(id, entry);
		this.fanOut.refresh();
		return require(id);
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	Connection<WebhookDelivery> deliveries(String subscriptionId, Integer first, String after) {
		require(subscriptionId);
		return this.store.deliveries(subscriptionId, Connection.pageSize(first), after);
	}

	private WebhookSubscription require(String id) {
		return this.store.subscription(id).orElseThrow(() -> notFound(id));
	}

	private static CreditDeskException secretChanged(String id) {
		return CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_SECRET_CHANGED, "id", UserError.quoted(id),
				WebhookSecretRotation.SAME_MOMENT.toSeconds());
	}

	private static CreditDeskException notFound(String id) {
		return CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_NOT_FOUND, "id", UserError.quoted(id));
	}

	private static List<String> eventTypes(Validation v, List<String> given) {
		if (given == null || given.isEmpty()) {
			v.reject(CommonErrorCode.REQUIRED, "eventTypes");
			return List.of();
		}
		Set<String> types = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String name = (given.get(i) != null) ? given.get(i).trim() : "";
			if (CreditEventType.ofSchemaName(name) == null) {
				v.reject(NotificationErrorCode.UNKNOWN_CREDIT_EVENT_TYPE, "eventTypes[" + i + "]",
						UserError.quoted(name));
			}
			else {
				types.add(name);
			}
		}
		return new ArrayList<>(types);
	}

}
