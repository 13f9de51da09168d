package io.creditdesk.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * The failed-intake worklist for other capabilities' Kafka consumers that dead-letter
 * what they cannot take (the external risk events): one record per failure, idempotent on
 * its id, shown with the orders' failures in {@code intakeFailures} (without a channel:
 * such a record is discarded there, or fixed at its source and sent again).
 */
@Component
public class IntakeWorklist {

	private final IntakeFailureStore store;

	private final Clock clock;

	IntakeWorklist(IntakeFailureStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * A record another consumer gave up on.
	 *
	 * @param id the worklist id, e.g. {@code risk-event:<event id>}: a redelivery of the
	 * same record counts as another occurrence of the same entry
	 * @param payload the record's value exactly as received
	 * @param reasonCode the stable code of why it was not taken
	 * @param reasonField the field the reason concerns, or null
	 * @param reasonMessage the reason in words
	 * @param customerId the customer, when it was found
	 */
	public record Failure(String id, String topic, int partition, long offset, String key, byte[] payload,
			String reasonCode, String reasonField, String reasonMessage, String exceptionClass, String customerId) {

		public Failure {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(topic, "topic");
			Objects.requireNonNull(reasonCode, "reasonCode");
			payload = (payload != null) ? payload : new byte[0];
		}

	}

	/**
	 * Keeps the failure as an OPEN record.
	 * @throws RuntimeException when the store is unavailable
	 */
	public void keep(Failure failure) {
		Instant now = this.clock.instant();
		this.store.record(new IntakeFailure(failure.id(), null, failure.topic(), failure.partition(), failure.offset(),
				failure.key(), failure.payload(), null, failure.reasonCode(), failure.reasonField(),
				failure.reasonMessage(), failure.exceptionClass(), null, null, IntakeFailure.UNKNOWN_VALUE,
				failure.customerId(), IntakeFailureStatus.OPEN, 1, 1, now, now, null, null, null, null, null));
	}

}
