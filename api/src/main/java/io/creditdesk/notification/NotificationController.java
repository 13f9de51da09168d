package io.creditdesk.notification;

import java.util.List;

import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.notification.NotificationInputs.CreateWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.DeleteWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.EnableWebhookSubscriptionInput;
import io.creditdesk.notification.NotificationInputs.MarkNotificationsReadInput;
import io.creditdesk.notification.NotificationInputs.RotateWebhookSecretInput;
import io.creditdesk.notification.NotificationInputs.UpdateNotificationPreferencesInput;
import io.creditdesk.notification.NotificationService.PreferencesView;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class NotificationController {

	private final NotificationService notifications;

	private final WebhookService webhooks;

	NotificationController(NotificationService notifications, WebhookService webhooks) {
		this.notifications = notifications;
		this.webhooks = webhooks;
	}

	@QueryMapping
	Connection<InboxEntry> myNotifications(@Argument Boolean unreadOnly, @Argument Integer first,
			@Argument String after) {
		return this.notifications.mine(unreadOnly, first, after);
	}

	@QueryMapping
	PreferencesView myNotificationPreferences() {
		return this.notifications.myPreferences();
	}

	@SchemaMapping(typeName = "Notification", field = "read")
	boolean read(InboxEntry entry) {
		return entry.readAt() != null;
	}

	@MutationMapping
	MarkNotificationsReadPayload markNotificationsRead(@Argument MarkNotificationsReadInput input) {
		return Payloads.run(() -> this.notifications.markRead(input), MarkNotificationsReadPayload::new);
	}

	@MutationMapping
	UpdateNotificationPreferencesPayload updateNotificationPreferences(
			@Argument UpdateNotificationPreferencesInput input) {
		return Payloads.run(() -> this.notifications.update(input), UpdateNotificationPreferencesPayload::new);
	}

	@QueryMapping
	List<WebhookSubscription> webhookSubscriptions() {
		return this.webhooks.list();
	}

	@QueryMapping
	Connection<WebhookDelivery> webhookDeliveries(@Argument String subscriptionId, @Argument Integer first,
			@Argument String after) {
		return this.webhooks.deliveries(subscriptionId, first, after);
	}

	@MutationMapping
	CreateWebhookSubscriptionPayload createWebhookSubscription(@Argument CreateWebhookSubscriptionInput input) {
		return Payloads.run(() -> this.webhooks.create(input),
				(created, errors) -> new CreateWebhookSubscriptionPayload(
						(created != null) ? created.subscription() : null, (created != null) ? created.secret() : null,
						errors));
	}

	@MutationMapping
	DeleteWebhookSubscriptionPayload deleteWebhookSubscription(@Argument DeleteWebhookSubscriptionInput input) {
		return Payloads.run(() -> this.webhooks.delete(input), DeleteWebhookSubscriptionPayload::new);
	}

	@MutationMapping
	RotateWebhookSecretPayload rotateWebhookSecret(@Argument RotateWebhookSecretInput input) {
		return Payloads.run(() -> this.webhooks.rotateSecret(input),
				(rotated, errors) -> new RotateWebhookSecretPayload((rotated != null) ? rotated.subscription() : null,
						(rotated != null) ? rotated.secret() : null, errors));
	}

	@MutationMapping
	EnableWebhookSubscriptionPayload enableWebhookSubscription(@Argument EnableWebhookSubscriptionInput input) {
		return Payloads.run(() -> this.webhooks.enable(input), EnableWebhookSubscriptionPayload::new);
	}

	@SchemaMapping(typeName = "WebhookDelivery", field = "lastStatusCode")
	Integer lastStatusCode(WebhookDelivery delivery) {
		return delivery.attempts().isEmpty() ? null
				: delivery.attempts().get(delivery.attempts().size() - 1).statusCode();
	}

	record MarkNotificationsReadPayload(List<InboxEntry> notifications, List<UserError> userErrors) {
	}

	record UpdateNotificationPreferencesPayload(PreferencesView preferences, List<UserError> userErrors) {
	}

	record CreateWebhookSubscriptionPayload(WebhookSubscription subscription, String secret,
			List<UserError> userErrors) {
	}

	record DeleteWebhookSubscriptionPayload(WebhookSubscription subscription, List<UserError> userErrors) {
	}

	record RotateWebhookSecretPayload(WebhookSubscription subscription, String secret, List<UserError> userErrors) {
	}

	record EnableWebhookSubscriptionPayload(WebhookSubscription subscription, List<UserError> userErrors) {
	}

}
