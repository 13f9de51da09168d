package io.creditdesk.notification;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one person chose: per notification type, whether and when by e-mail (the in-app
 * inbox always gets everything), and the language notifications are written in.
 *
 * @param username whose
 * @param email the chosen mode per type name; a type not in it has its default
 * @param language {@code en} or {@code de}, or null for the configured user's language
 * @param updatedAt when last changed
 */
@Document(NotificationPreferences.COLLECTION)
record NotificationPreferences(@Id String username, Map<String, EmailMode> email, String language, Instant updatedAt) {

	static final String COLLECTION = "notification_preferences";

	NotificationPreferences {
		email = (email != null) ? Map.copyOf(email) : Map.of();
	}

	static NotificationPreferences defaults(String username) {
		return new NotificationPreferences(username, Map.of(), null, null);
	}

	EmailMode mode(NotificationType type) {
		return this.email.getOrDefault(type.name(), type.defaultEmail());
	}

}
