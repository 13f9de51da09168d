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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * What happens to a record the intake gives up on. It is kept in {@code intake_failures}
 * (idempotent on the order id; the raw payload as bytes and the reason as text, so
 * nothing in the payload can make keeping it fail) and published, byte for byte and with
 * headers naming the reason, to the dead-letter topic of its raw topic. Dead-lettering
 * does not fail the partition: when one of the two cannot take the record the other has
 * it (an error is logged and {@code creditdesk.intake.dead.letters{outcome}} counts it)
 * and the offset is committed. Only when neither can take it and one of them is merely
 * unavailable is the record delivered again after the back-off; when both refuse it for
 * good it is logged with its topic, partition and offset and skipped, so one record never
 * stalls its partition.
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

	/**
	 * The reason code of a record that failed with an exception not known to be transient
	 * (not a refusal).
	 */
	static final String PROCESSING_FAILED = "PROCESSING_FAILED";

	/**
	 * The counter of dead letters, tagged by channel and where they went
	 * ({@link Outcome}).
	 */
	static final String METRIC = "creditdesk.intake.dead.letters";

	/** The most of an exception's message a reason repeats (it may echo the payload). */
	static final int MAX_MESSAGE = 300;

	/** Where a dead letter went. */
	enum Outcome {

		/** The worklist and the dead-letter topic: the normal case. */
		RECORDED("worklist-and-topic"),

		/** The worklist could not keep it: only the dead-letter topic has it. */
		TOPIC_ONLY("topic-only"),

		/** The dead-letter topic could not take it: only the worklist has it. */
		WORKLIST_ONLY("worklist-only"),

		/**
		 * Both refused it for good: only the log has it (and the raw topic, until its
		 * retention ends).
		 */
		UNRECORDED("log-only");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

	private static final Logger log = LoggerFactory.getLogger(IntakeDeadLetters.class);

	private static final IntakeProcessor.Described UNDESCRIBED = new IntakeProcessor.Described(null, null, null);

	private final IntakeProperties properties;

	private final IntakeProcessor processor;

	private final IntakeFailureStore failures;

	private final Clock clock;

	private final PartitionProgress progress;

	private final TransientFailurePolicy policy;

	private final MeterRegistry meters;

	private final KafkaOperations<String, byte[]> template;

	private final DeadLetterPublishingRecoverer publisher;

	IntakeDeadLetters(IntakeProperties properties, IntakeProcessor processor, IntakeFailureStore failures, Clock clock,
			KafkaOperations<String, byte[]> template, PartitionProgress progress, TransientFailurePolicy policy,
			MeterRegistry meters) {
		this.properties = properties;
		this.processor = processor;
		this.failures = failures;
		this.clock = clock;
		this.progress = progress;
		this.policy = policy;
		this.meters = meters;
		this.template = template;
		// Partition -1: the producer picks the partition from the key, so a customer's
		// dead letters stay together.
		this.publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + properties.deadLetterSuffix(), -1));
		this.publisher.setHeadersFunction(this::headers);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		IntakeFailure failure = failure(record, exception);
		RuntimeException notKept = keep(failure);
		RuntimeException notPublished = publish(record, consumer, exception);
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		String dlt = record.topic() + this.properties.deadLetterSuffix();
		if (notKept != null && notPublished != null
				&& (this.policy.isTransient(notKept) || this.policy.isTransient(notPublished))) {
			log.error(
					"Intake record {} ({} {}) could be neither kept in the worklist ({}) nor published to {} ({}); "
							+ "it is delivered again after the back-off",
					where, failure.reasonCode(), failure.reasonMessage(), notKept.toString(), dlt,
					notPublished.toString());
			throw new IllegalStateException("Neither the failed-intake worklist nor " + dlt + " took " + where,
					notPublished);
		}
		Outcome outcome = (notKept == null) ? ((notPublished == null) ? Outcome.RECORDED : Outcome.WORKLIST_ONLY)
				: ((notPublished == null) ? Outcome.TOPIC_ONLY : Outcome.UNRECORDED);
		switch (outcome) {
			case RECORDED -> log.warn("Intake record {} dead-lettered as {}: {} {}", where, failure.id(),
					failure.reasonCode(), failure.reasonMessage());
			case TOPIC_ONLY -> log.error(
					"Intake record {} could not be kept in the failed-intake worklist ({}); it is on"
							+ " {} only: {} {}",
					where, notKept.toString(), dlt, failure.reasonCode(), failure.reasonMessage(), notKept);
			case WORKLIST_ONLY -> log.error(
					"Intake record {} could not be published to {} ({}); it is in the"
							+ " failed-intake worklist as {}: {} {}",
					where, dlt, notPublished.toString(), failure.id(), failure.reasonCode(), failure.reasonMessage(),
					notPublished);
			case UNRECORDED ->
				log.error("Intake record {} (key {}, id {}) could be neither kept in the worklist ({}) nor"
						+ " published to {} ({}); it is skipped and stays on {} at that offset until the topic's retention"
						+ " ends: {} {}", where, record.key(), failure.id(), notKept.toString(), dlt,
						notPublished.toString(), record.topic(), failure.reasonCode(), failure.reasonMessage(),
						notPublished);
		}
		count(failure.channel(), outcome);
		this.progress.passed(record.topic(), record.partition(), record.offset());
	}

	/**
	 * Closes the producers the dead letters are published with (when the service stops).
	 */
	void close() {
		if (this.template.getProducerFactory() instanceof DisposableBean producers) {
			try {
				producers.destroy();
			}
			catch (Exception ex) {
				log.warn("Could not close the dead-letter producers: {}", ex.toString());
			}
		}
	}

	private RuntimeException keep(IntakeFailure failure) {
		try {
			this.failures.record(failure);
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private RuntimeException publish(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		try {
			this.publisher.accept(record, consumer, exception);
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private void count(IntakeChannel channel, Outcome outcome) {
		if (this.meters != null) {
			Counter.builder(METRIC)
				.description("Intake records dead-lettered, by where they went")
				.tag("channel", (channel != null) ? channel.code() : "unknown")
				.tag("outcome", outcome.tag())
				.register(this.meters)
				.increment();
		}
	}

	/**
	 * The worklist record for a failed record: never throws, whatever the payload holds.
	 */
	IntakeFailure failure(ConsumerRecord<?, ?> record, Exception exception) {
		IntakeChannel channel = this.properties.channelOf(record.topic());
		byte[] raw = bytes(record.value());
		Reason reason = reason(exception, attempts(record));
		IntakeProcessor.Described described = describe(channel, raw);
		String id = (described.orderId() != null) ? described.orderId()
				: ((channel != null) ? channel.code() : record.topic()) + ":unread:" + sha256(raw);
		Instant now = this.clock.instant();
		BigDecimal sortAmount = (described.value() != null) ? described.value().amount() : IntakeFailure.UNKNOWN_VALUE;
		return new IntakeFailure(id, channel, record.topic(), record.partition(), record.offset(),
				(record.key() != null) ? record.key().toString() : null, raw, null, reason.code(), reason.field(),
				reason.message(), reason.exceptionClass(), described.orderId(), described.value(), sortAmount,
				described.customerId(), IntakeFailureStatus.OPEN, reason.attempts(), 1, now, now, null, null, null,
				null, null);
	}

	/**
	 * What the payload tells about the order, best effort: nothing when it cannot be read
	 * at all.
	 */
	private IntakeProcessor.Described describe(IntakeChannel channel, byte[] raw) {
		if (channel == null) {
			return UNDESCRIBED;
		}
		try {
			return this.processor.describe(channel, new String(raw, StandardCharsets.UTF_8));
		}
		catch (RuntimeException | StackOverflowError unreadable) {
			return UNDESCRIBED;
		}
	}

	private int attempts(ConsumerRecord<?, ?> record) {
		return this.progress.deliveries(record.topic(), record.partition(), record.offset());
	}

	private Headers headers(ConsumerRecord<?, ?> record, Exception exception) {
		IntakeChannel channel = this.properties.channelOf(record.topic());
		Reason reason = reason(exception, attempts(record));
		RecordHeaders headers = new RecordHeaders();
		add(headers, REASON_CODE, reason.code());
		add(headers, REASON_FIELD, reason.field());
		add(headers, REASON_MESSAGE, reason.message());
		add(headers, CHANNEL, (channel != null) ? channel.code() : null);
		add(headers, ORDER_ID, describe(channel, bytes(record.value())).orderId());
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

	static byte[] bytes(Object value) {
		if (value == null) {
			return new byte[0];
		}
		return (value instanceof byte[] raw) ? raw : value.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Why a record failed: the refusal it carries, or the failure that was retried or not
	 * worth retrying.
	 */
	record Reason(String code, String field, String message, String exceptionClass, int attempts) {
	}

	/**
	 * @param attempts deliveries of the record so far
	 */
	static Reason reason(Throwable exception, int attempts) {
		Throwable root = exception;
		for (Throwable t = exception; t != null; t = t.getCause()) {
			root = t;
			if (t instanceof CreditDeskException refused && !refused.errors().isEmpty()) {
				UserError first = refused.errors().get(0);
				String message = refused.errors()
					.stream()
					.map(e -> ((e.field() != null) ? e.field() + ": " : "") + e.message() + " [" + e.code().code()
							+ "]")
					.reduce((a, b) -> a + "; " + b)
					.orElse(first.message());
				return new Reason(first.code().code(), first.field(),
						abbreviate((refused.errors().size() == 1) ? first.message() : message), t.getClass().getName(),
						attempts);
			}
			if (t.getCause() == t) {
				break;
			}
		}
		String error = root.getClass().getSimpleName() + ": " + root.getMessage();
		if (TransientFailurePolicy.standard().isTransient(exception)) {
			return new Reason(RETRIES_EXHAUSTED, null,
					abbreviate("Failed on all " + attempts + " attempts; last error: " + error),
					root.getClass().getName(), attempts);
		}
		return new Reason(PROCESSING_FAILED, null,
				abbreviate("Failed with an error that is not known to be transient, so it was not retried: " + error),
				root.getClass().getName(), attempts);
	}

	private static String abbreviate(String message) {
		return (message == null || message.length() <= MAX_MESSAGE) ? message
				: message.substring(0, MAX_MESSAGE - 1) + "…";
	}

	private static String sha256(byte[] payload) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload);
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
