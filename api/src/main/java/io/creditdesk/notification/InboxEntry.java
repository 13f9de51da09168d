package io.creditdesk.notification;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A notification in one person's in-app inbox, rendered in their language when it was
 * made.
 *
 * @param id {@code <notice id>:<recipient>}: one per thing told and person, so an event
 * read twice is in the inbox once
 * @param recipient the username
 * @param type what it is about
 * @param customerId the customer, or null
 * @param subject one line
 * @param body the sentence with the figures
 * @param link where to act
 * @param createdAt when it was made
 * @param readAt when the recipient marked it read; null while unread
 */
@Document(Inbox.COLLECTION)
record InboxEntry(@Id String id, String recipient, NotificationType type, String customerId, String subject,
		String body, String link, Instant createdAt, Instant readAt) {
}
