package io.creditdesk.intake;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.creditdesk.common.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One dead-lettered intake record, kept for people to fix and replay or discard. The id
 * is the order id when the payload names an order (so redeliveries and resends of the
 * same order share one record), else the channel and a hash of the payload.
 *
 * @param offset the offset of the latest failed delivery on
 * {@code topic}/{@code partition}
 * @param rawPayload the record's value exactly as received (bytes, never parsed), so that
 * keeping the record cannot fail on what the payload holds
 * @param payload the payload as text in records written before {@code rawPayload}
 * existed; null since
 * @param reasonMessage why it failed, as text
 * @param orderValue the order value when the payload could be read far enough and the
 * store can hold the amount exactly, else null (an aid for ranking the worklist, never
 * needed to keep the record)
 * @param sortAmount the order value in the worklist currency
 * ({@code creditdesk.intake.worklist-currency}, converted at the latest known rate; the
 * nominal amount without a rate), or -1 when unknown: the worklist's sort key
 * @param attempts deliveries of the latest failure before it was dead-lettered
 * @param occurrences how many times this record was dead-lettered (redeliveries and
 * resends count)
 * @param decision the gateway's decision after a successful replay
 */
@Document("intake_failures")
public record IntakeFailure(@Id String id, IntakeChannel channel, String topic, int partition, long offset, String key,
		byte[] rawPayload, String payload, String reasonCode, String reasonField, String reasonMessage,
		String exceptionClass, String orderId, Money orderValue, BigDecimal sortAmount, String customerId,
		IntakeFailureStatus status, int attempts, int occurrences, Instant firstFailedAt, Instant lastFailedAt,
		Instant resolvedAt, String resolvedBy, String resolutionReason, String correctedPayload, Decision decision) {

	/** The sort key of a record whose order value is unknown: after every known value. */
	static final BigDecimal UNKNOWN_VALUE = BigDecimal.ONE.negate();

	/**
	 * The payload as UTF-8 text (bytes that are not UTF-8 show as replacement
	 * characters).
	 */
	public String payloadText() {
		return (this.rawPayload != null) ? new String(this.rawPayload, StandardCharsets.UTF_8)
				: ((this.payload != null) ? this.payload : "");
	}

	IntakeFailure withSortAmount(BigDecimal amount) {
		return new IntakeFailure(this.id, this.channel, this.topic, this.partition, this.offset, this.key,
				this.rawPayload, this.payload, this.reasonCode, this.reasonField, this.reasonMessage,
				this.exceptionClass, this.orderId, this.orderValue, amount, this.customerId, this.status, this.attempts,
				this.occurrences, this.firstFailedAt, this.lastFailedAt, this.resolvedAt, this.resolvedBy,
				this.resolutionReason, this.correctedPayload, this.decision);
	}

	/**
	 * The same record without anything parsed from the payload's amounts: what is kept
	 * when more cannot be.
	 */
	IntakeFailure withoutOrderValue() {
		return new IntakeFailure(this.id, this.channel, this.topic, this.partition, this.offset, this.key,
				this.rawPayload, this.payload, this.reasonCode, this.reasonField, this.reasonMessage,
				this.exceptionClass, this.orderId, null, UNKNOWN_VALUE, this.customerId, this.status, this.attempts,
				this.occurrences, this.firstFailedAt, this.lastFailedAt, this.resolvedAt, this.resolvedBy,
				this.resolutionReason, this.correctedPayload, this.decision);
	}

	/** The gateway's decision on a replayed order. */
	public record Decision(String orderId, String status, List<String> reasonCodes) {

		static Decision of(GatewayDecision decision) {
			return new Decision(decision.orderId(), decision.status(), decision.reasonCodes());
		}

	}

}
