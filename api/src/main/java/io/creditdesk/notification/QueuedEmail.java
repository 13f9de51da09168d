package io.creditdesk.notification;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An e-mail to send: at once ({@link EmailMode#IMMEDIATE}) or in the next daily digest.
 *
 * @param id {@code <notice id>:<recipient>:EMAIL}: one per thing told, person and channel
 * @param recipient the username
 * @param address where to
 * @param language the language tag it is written in
 * @param type what it is about
 * @param mode immediate or digest
 * @param subject one line, rendered
 * @param body the sentence, rendered
 * @param link where to act
 * @param status where it stands
 * @param attempts how often sending it failed
 * @param nextAttemptAt when it may be sent (again)
 * @param claimedUntil until when an instance holds it while sending
 * @param createdAt when it was queued
 * @param sentAt when the mail server took it
 * @param lastError why the last attempt failed
 */
@Document(QueuedEmail.COLLECTION)
record QueuedEmail(@Id String id, String recipient, String address, String language, NotificationType type,
		EmailMode mode, String subject, String body, String link, Status status, int attempts, Instant nextAttemptAt,
		Instant claimedUntil, Instant createdAt, Instant sentAt, String lastError) {

	static final String COLLECTION = "notification_emails";

	enum Status {

		/** Waiting to be sent. */
		PENDING,

		/** Taken by the mail server. */
		SENT,

		/** Given up after the configured attempts. */
		FAILED

	}

}
