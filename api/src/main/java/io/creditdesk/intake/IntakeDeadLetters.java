package io.creditdesk.intake;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * What happens to a record the intake gives up on: it is kept in {@code intake_failures} (idempotent
 * on the order id) and then published to the dead-letter topic of its raw topic with headers naming
 * the reason. If either write fails the recoverer throws, so the error handler delivers the record
 * again: nothing is dropped silently.
 */
class IntakeDeadLetters implements ConsumerAwareRecordRecoverer {

	static final String REASON_CODE = "intake-reason-code";

	static final String REASON_FIELD = "intake-reason-field";

	static final String REASON_MESSAGE = "intake-reason-message";

	static final String CHANNEL = "intake-channel";

	static final String ORDER_ID = "intake-order-id";

	static final String ORIGINAL_TOPIC = "intake-original-topic";

	static final String ORIGINAL_PARTITION = "intake-original-partition";

	static final String ORIGINAL_OFFSET = "intake-original-offset";

	static final String EXCEPTION_CLASS = "intake-exception-class";

	static final String ATTEMPTS = "intake-attempts";

	/** The reason code of a record that failed transiently on every attempt. */
	static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

	private static final Logger log = LoggerFactory.getLogger(IntakeDeadLetters.class);

	private final IntakeProperties properties;

	private final IntakeProcessor processor;

	private final IntakeFailureStore failures;

	private final Clock clock;

	private final DeadLetterPublishingRecoverer publisher;

	IntakeDeadLetters(IntakeProperties properties, IntakeProcessor processor, IntakeFailureStore failures, Clock clock,
			KafkaOperations<String, String> template) {
		this.properties = properties;
		this.processor = processor;
		this.failures = failures;
		this.clock = clock;
		// Partition -1: the producer picks the partition from the key, so a customer's dead letters stay together.
		this.publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + properties.deadLetterSuffix(), -1));
		this.publisher.setHeadersFunction(this::headers);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		IntakeFailure failure = failure(record, exception);
		IntakeFailure stored = this.failures.record(failure);
		log.warn("Intake record {}-{}@{} dead-lettered as {}: {} {}", record.topic(), record.partition(), record.offset(),
				stored.id(), failure.reasonCode(), failure.reasonMessage());
		this.publisher.accept(record, consumer, exception);
	}

	IntakeFailure failure(ConsumerRecord<?, ?> record, Exception exception) {
		IntakeChannel channel = this.properties.channelOf(record.topic());
		String payload = (record.value() != null) ? record.value().toString() : "";
		Reason reason = reason(exception, this.properties.maxAttempts());
		IntakeProcessor.Described described = (channel != null) ? this.processor.describe(channel, payload)
				: new IntakeProcessor.Described(null, null, null);
		String id = (described.orderId() != null) ? described.orderId()
				: ((channel != null) ? channel.code() : record.topic()) + ":unread:" + sha256(payload);
		Instant now = this.clock.instant();
		BigDecimal sortAmount = (described.value() != null) ? described.value().amount() : BigDecimal.ONE.negate();
		return new IntakeFailure(id, channel, record.topic(), record.partition(), record.offset(),
				(record.key() != null) ? record.key().toString() : null, payload, reason.code(), reason.field(),
				reason.message(), reason.exceptionClass(), described.orderId(), described.value(), sortAmount,
				described.customerId(), IntakeFailureStatus.OPEN, reason.attempts(), 1, now, now, null, null, null, null,
				null);
	}

	private Headers headers(ConsumerRecord<?, ?> record, Exception exception) {
		IntakeChannel channel = this.properties.channelOf(record.topic());
		Reason reason = reason(exception, this.properties.maxAttempts());
		String payload = (record.value() != null) ? record.value().toString() : "";
		String orderId = (channel != null) ? this.processor.describe(channel, payload).orderId() : null;
		RecordHeaders headers = new RecordHeaders();
		add(headers, REASON_CODE, reason.code());
		add(headers, REASON_FIELD, reason.field());
		add(headers, REASON_MESSAGE, reason.message());
		add(headers, CHANNEL, (channel != null) ? channel.code() : null);
		add(headers, ORDER_ID, orderId);
		add(headers, ORIGINAL_TOPIC, record.topic());
		add(headers, ORIGINAL_PARTITION, String.valueOf(record.partition()));
		add(headers, ORIGINAL_OFFSET, String.valueOf(record.offset()));
		add(headers, EXCEPTION_CLASS, reason.exceptionClass());
		add(headers, ATTEMPTS, String.valueOf(reason.attempts()));
		return headers;
	}

	private static void add(Headers headers, String name, String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Why a record failed: the domain refusal it carries, or the transient failure that exhausted the retries. */
	record Reason(String code, String field, String message, String exceptionClass, int attempts) {
	}

	static Reason reason(Throwable exception, int maxAttempts) {
		Throwable root = exception;
		for (Throwable t = exception; t != null; t = t.getCause()) {
			root = t;
			if (t instanceof CreditDeskException refused) {
				UserError first = refused.errors().get(0);
				String message = refused.errors()
					.stream()
					.map(e -> ((e.field() != null) ? e.field() + ": " : "") + e.message() + " [" + e.code() + "]")
					.reduce((a, b) -> a + "; " + b)
					.orElse(first.message());
				return new Reason(first.code(), first.field(), (refused.errors().size() == 1) ? first.message() : message,
						t.getClass().getName(), 1);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return new Reason(RETRIES_EXHAUSTED, null, "Failed on all " + maxAttempts + " attempts; last error: "
				+ root.getClass().getSimpleName() + ": " + root.getMessage(), root.getClass().getName(), maxAttempts);
	}

	private static String sha256(String payload) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
