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
import org.bson.types.ObjectId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Webhook subscriptions of other systems: created with a URL the SSRF guard admits and
 * the event types to deliver, listed, deleted, and their delivery logs read. Each change
 * is audited.
 */
@Service
class WebhookService {

	/** A created subscription with its signing secret, which is shown only now. */
	record Created(WebhookSubscription subscription, String secret) {
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
	Created create(CreateWebhookSubscriptionInput input) {
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
		WebhookSubscription subscription = new WebhookSubscription(id, url.trim(), types, description,
				this.secrets.seal(id, secret), true, 0, null, null, Actor.current().name(), now, null);
		AuditRecord entry = this.audit.entry("WEBHOOK_SUBSCRIBED", "WEBHOOK", subscription.id(), null, description,
				new Changes().set("url", subscription.url()).set("eventTypes", types));
		this.store.insert(subscription, entry);
		this.fanOut.refresh();
		return new Created(subscription, secret);
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	List<WebhookSubscription> list() {
		return this.store.subscriptions();
	}

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	WebhookSubscription delete(DeleteWebhookSubscriptionInput input) {
		Validation v = new Validation();
		String id = v.required("id", input.id(), 64);
		String reason = (input.reason() != null && !input.reason().isBlank())
				? v.required("reason", input.reason(), 500) : null;
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

	@PreAuthorize(NotificationRoles.MANAGE_WEBHOOKS)
	Connection<WebhookDelivery> deliveries(String subscriptionId, Integer first, String after) {
		require(subscriptionId);
		return this.store.deliveries(subscriptionId, Connection.pageSize(first), after);
	}

	private WebhookSubscription require(String id) {
		return this.store.subscription(id).orElseThrow(() -> notFound(id));
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
