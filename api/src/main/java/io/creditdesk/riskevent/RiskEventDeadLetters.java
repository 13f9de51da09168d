package io.creditdesk.riskevent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.intake.IntakeWorklist;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;

/**
 * What happens to an external risk event the service cannot take (not JSON, invalid
 * fields, an unknown customer, or a failure that outlasted its retries): it is published
 * byte for byte to the dead-letter topic ({@code risk.events.external.DLT}) with headers
 * naming the reason, and kept in the failed-intake worklist with the stable code and the
 * reason, so nothing is dropped silently. When one of the two cannot take it the other
 * has it (logged as an error); only when neither can is it delivered again after the
 * back-off.
 */
class RiskEventDeadLetters implements ConsumerAwareRecordRecoverer {

	static final String REASON_CODE = "risk-reason-code";

	static final String REASON_FIELD = "risk-reason-field";

	static final String REASON_MESSAGE = "risk-reason-message";

	static final String ORIGINAL_TOPIC = "risk-original-topic";

	static final String ORIGINAL_PARTITION = "risk-original-partition";

	static final String ORIGINAL_OFFSET = "risk-original-offset";

	/** The reason code of an event that failed transiently on every attempt. */
	static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";

	private static final Logger log = LoggerFactory.getLogger(RiskEventDeadLetters.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final RiskEventProperties properties;

	private final KafkaOperations<String, byte[]> template;

	private final IntakeWorklist worklist;

	RiskEventDeadLetters(RiskEventProperties properties, KafkaOperations<String, byte[]> template,
			IntakeWorklist worklist) {
		this.properties = properties;
		this.template = template;
		this.worklist = worklist;
	}

	/** Closes the producers of the dead letters (when the service stops). */
	void close() {
		if (this.template.getProducerFactory() instanceof DisposableBean producers) {
			try {
				producers.destroy();
			}
			catch (Exception ex) {
				log.warn("Could not close the risk event dead-letter producers: {}", ex.toString());
			}
		}
	}

	/** Why an event was not taken. */
	record Reason(String code, String field, String message, String exceptionClass) {

		static Reason of(Throwable exception) {
			for (Throwable t = exception; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
				if (t instanceof CreditDeskException refused && !refused.errors().isEmpty()) {
					UserError first = refused.errors().get(0);
					String message = (refused.errors().size() == 1) ? first.message()
							: refused.errors()
								.stream()
								.map(e -> ((e.field() != null) ? e.field() + ": " : "") + e.message() + " ["
										+ e.code().code() + "]")
								.collect(Collectors.joining("; "));
					return new Reason(first.code().code(), first.field(), UserError.truncate(message, 500),
							t.getClass().getName());
				}
			}
			Throwable root = exception;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return new Reason(RETRIES_EXHAUSTED, null,
					UserError.truncate(root.getClass().getSimpleName() + ": " + root.getMessage(), 500),
					root.getClass().getName());
		}

	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		byte[] payload = bytes(record.value());
		Reason reason = Reason.of(exception);
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		RuntimeException notKept = keep(record, payload, reason);
		RuntimeException notPublished = publish(record, payload, reason);
		if (notKept != null && notPublished != null) {
			log.error(
					"External risk event {} ({} {}) could be neither kept in the worklist ({}) nor published to {}"
							+ " ({}); it is delivered again after the back-off",
					where, reason.code(), reason.message(), notKept.toString(), this.properties.deadLetterTopic(),
					notPublished.toString());
			throw new IllegalStateException(
					"Neither the worklist nor " + this.properties.deadLetterTopic() + " took " + where, notPublished);
		}
		if (notKept != null) {
			log.error("External risk event {} is on {} only (the worklist could not keep it: {}): {} {}", where,
					this.properties.deadLetterTopic(), notKept.toString(), reason.code(), reason.message());
		}
		else if (notPublished != null) {
			log.error("External risk event {} is in the worklist only ({} could not take it: {}): {} {}", where,
					this.properties.deadLetterTopic(), notPublished.toString(), reason.code(), reason.message());
		}
		else {
			log.warn("External risk event {} dead-lettered: {} {}", where, reason.code(), reason.message());
		}
	}

	private RuntimeException keep(ConsumerRecord<?, ?> record, byte[] payload, Reason reason) {
		try {
			this.worklist.keep(new IntakeWorklist.Failure(worklistId(payload), record.topic(), record.partition(),
					record.offset(), (record.key() != null) ? record.key().toString() : null, payload, reason.code(),
					reason.field(), reason.message(), reason.exceptionClass(), null));
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private RuntimeException publish(ConsumerRecord<?, ?> record, byte[] payload, Reason reason) {
		ProducerRecord<String, byte[]> dead = new ProducerRecord<>(this.properties.deadLetterTopic(), null,
				(record.key() != null) ? record.key().toString() : null, payload);
		Headers headers = dead.headers();
		add(headers, REASON_CODE, reason.code());
		add(headers, REASON_FIELD, reason.field());
		add(headers, REASON_MESSAGE, reason.message());
		add(headers, ORIGINAL_TOPIC, record.topic());
		add(headers, ORIGINAL_PARTITION, String.valueOf(record.partition()));
		add(headers, ORIGINAL_OFFSET, String.valueOf(record.offset()));
		try {
			this.template.send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new IllegalStateException("Interrupted while dead-lettering", ex);
		}
		catch (Exception ex) {
			return (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.toString(), ex);
		}
	}

	/**
	 * The worklist id: the event's source and id when it can be read that far (its
	 * redeliveries share one entry), else a hash of the payload.
	 */
	static String worklistId(byte[] payload) {
		ExternalRiskEvents.Read read = ExternalRiskEvents.read(new String(payload, StandardCharsets.UTF_8));
		if (read.ok()) {
			return "risk-event:" + AppliedRiskEvent.key(read.event());
		}
		return "risk-event:unread:" + sha256(payload);
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

	private static String sha256(byte[] payload) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
