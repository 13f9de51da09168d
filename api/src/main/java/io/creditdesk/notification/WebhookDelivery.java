package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One event to deliver to one subscription, with its log of attempts.
 *
 * @param id {@code <event id>:<subscription id>}: one delivery per event and receiver
 * @param subscriptionId the subscription
 * @param eventId the event, also the {@code webhook-id} of every attempt (the same on
 * retries, so a receiver drops duplicates)
 * @param eventType its type
 * @param payload the event's JSON envelope, exactly as published
 * @param status where it stands
 * @param attemptCount attempts made
 * @param nextAttemptAt when it is tried (again)
 * @param claimedUntil until when an instance holds it while sending
 * @param claimedBy which instance
 * @param attempts the latest attempts (at most 20)
 * @param createdAt when it was queued
 * @param deliveredAt when the receiver accepted it
 */
@Document(WebhookDelivery.COLLECTION)
record WebhookDelivery(@Id String id, String subscriptionId, String eventId, String eventType, String payload,
		Status status, int attemptCount, Instant nextAttemptAt, Instant claimedUntil, String claimedBy,
		List<Attempt> attempts, Instant createdAt, Instant deliveredAt) {

	static final String COLLECTION = "webhook_deliveries";

	WebhookDelivery {
		attempts = (attempts != null) ? List.copyOf(attempts) : List.of();
	}

	enum Status {

		/** Waiting for its (next) attempt. */
		PENDING,

		/** The receiver answered 2xx. */
		DELIVERED,

		/** Given up after the configured attempts. */
		FAILED,

		/** Not sent: its subscription was disabled or deleted. */
		CANCELLED

	}

	/**
	 * One attempt.
	 *
	 * @param at when
	 * @param statusCode the receiver's HTTP status, or null when there was no answer
	 * @param error why it failed, or null
	 * @param durationMillis how long it took
	 * @param reason a stable code of why it failed when it was not the receiver's doing,
	 * else null
	 */
	record Attempt(Instant at, Integer statusCode, String error, long durationMillis, FailureReason reason) {
	}

	/** Why an attempt failed without reaching the receiver, for a reader to act on. */
	enum FailureReason {

		/**
		 * The subscription's signing secret did not decrypt (its key is not configured):
		 * nothing is sent unsigned.
		 */
		SECRET_UNREADABLE

	}

}
