package io.creditdesk.notification;

import java.util.List;

/** The GraphQL inputs of the notification mutations. */
final class NotificationInputs {

	private NotificationInputs() {
	}

	record MarkNotificationsReadInput(List<String> ids) {
	}

	record EmailPreferenceInput(NotificationType type, EmailMode mode) {
	}

	record UpdateNotificationPreferencesInput(String language, List<EmailPreferenceInput> email) {
	}

	record CreateWebhookSubscriptionInput(String url, List<String> eventTypes, String description) {
	}

	record DeleteWebhookSubscriptionInput(String id, String reason) {
	}

	record RotateWebhookSecretInput(String id, Integer previousSecretValidForHours) {
	}

	record EnableWebhookSubscriptionInput(String id) {
	}

}
