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
	 * @param error why it failed, in words from the message catalogue (English), or null
	 * @param durationMillis how long it took
	 * @param reason a stable code of why it failed, or null when it succeeded (attempts
	 * logged before every failure had a code, with no answer from the receiver, have
	 * none)
	 */
	record Attempt(Instant at, Integer statusCode, String error, long durationMillis, FailureReason reason) {

		/**
		 * An attempt logged before every failure had a code, answered with a status other
		 * than 2xx, reads as one logged now: {@code RECEIVER_STATUS} and the catalogue's
		 * sentence instead of the text built in code then ("HTTP 500").
		 */
		Attempt {
			if (reason == null && statusCode != null) {
				WebhookFailures.Failure failure = WebhookFailures.answered(statusCode);
				if (failure != null) {
					reason = failure.reason();
					error = failure.error();
				}
			}
		}

	}

	/**
	 * Why an attempt failed, for a reader to act on; each has the sentence
	 * {@code webhook.failure.<name>} in the message catalogue.
	 */
	enum FailureReason {

		/**
		 * The subscription's signing secret did not decrypt (its key is not configured):
		 * nothing is sent unsigned.
		 */
		SECRET_UNREADABLE,

		/** The receiver answered, with a status other than 2xx. */
		RECEIVER_STATUS,

		/**
		 * The address is no longer one webhooks may be sent to (it resolves to a private
		 * or otherwise refused address now): nothing was sent.
		 */
		TARGET_REFUSED,

		/** No connection or no answer within the configured timeouts. */
		TIMEOUT,

		/** The receiver's host could not be reached (connection refused, no route). */
		UNREACHABLE,

		/** The request failed on the way (connection reset, TLS handshake, I/O). */
		SEND_FAILED;

		/** Its sentence in the message catalogue. */
		String messageKey() {
			return "webhook.failure." + name();
		}

	}

}
