package io.creditdesk.intake;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.creditdesk.MutableClock;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mapping.MappingException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How a failed record is described: reason, id, order value; without a broker or a store.
 */
class IntakeDeadLettersTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

	private final IntakeProperties properties = new IntakeProperties(true, Map.of(), ".DLT", "g", 6, 1, 4,
			Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMinutes(2));

	private final IntakeDeadLetters deadLetters = new IntakeDeadLetters(this.properties,
			IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()), null, CLOCK,
			new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, byte[]>(Map.of())),
			new PartitionProgress(CLOCK), TransientFailurePolicy.standard(), null);

	private static ConsumerRecord<String, String> record(String topic, String payload) {
		return new ConsumerRecord<>(topic, 2, 41L, "ERP-10042", payload);
	}

	@Test
	void aRefusalIsItsFirstErrorAfterOneAttempt() {
		var wrapped = new ListenerExecutionFailedException("listener failed", new CreditDeskException(
				List.of(new UserError("CTT01", "CTT01 declares 3", IntakeErrorCode.LINE_COUNT_MISMATCH))));
		IntakeDeadLetters.Reason reason = IntakeDeadLetters.reason(wrapped, 1);
		assertThat(reason.code()).isEqualTo("LINE_COUNT_MISMATCH");
		assertThat(reason.field()).isEqualTo("CTT01");
		assertThat(reason.message()).isEqualTo("CTT01 declares 3");
		assertThat(reason.exceptionClass()).isEqualTo(CreditDeskException.class.getName());
		assertThat(reason.attempts()).isEqualTo(1);
	}

	@Test
	void severalRefusalsAreAllInTheMessage() {
		var refused = new CreditDeskException(
				List.of(new UserError("currency", "bad currency", CommonErrorCode.UNKNOWN_CURRENCY),
						new UserError("lines", "no lines", IntakeErrorCode.NO_LINES)));
		IntakeDeadLetters.Reason reason = IntakeDeadLetters.reason(refused, 1);
		assertThat(reason.code()).isEqualTo("UNKNOWN_CURRENCY");
		assertThat(reason.message()).contains("bad currency [UNKNOWN_CURRENCY]").contains("no lines [NO_LINES]");
	}

	@Test
	void aTransientFailureIsRetriesExhaustedNamingTheRootCause() {
		var wrapped = new ListenerExecutionFailedException("listener failed",
				new IllegalStateException("wrapper", new ConnectException("store down")));
		IntakeDeadLetters.Reason reason = IntakeDeadLetters.reason(wrapped, 4);
		assertThat(reason.code()).isEqualTo("RETRIES_EXHAUSTED");
		assertThat(reason.exceptionClass()).isEqualTo("java.net.ConnectException");
		assertThat(reason.message()).contains("4 attempts").contains("store down");
		assertThat(reason.attempts()).isEqualTo(4);
	}

	@Test
	void aFailedOrderIsKeyedByItsOrderIdWithItsValue() {
		IntakeFailure failure = this.deadLetters.failure(record("orders.raw.edi", read("edi/valid-850.edi")),
				new IllegalStateException("store down"));
		assertThat(failure.id()).isEqualTo("edi:PO-77812");
		assertThat(failure.channel()).isEqualTo(IntakeChannel.EDI);
		assertThat(failure.orderValue().amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(failure.sortAmount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(failure.customerId()).isEqualTo("cust-1");
		assertThat(failure.partition()).isEqualTo(2);
		assertThat(failure.offset()).isEqualTo(41L);
		assertThat(failure.key()).isEqualTo("ERP-10042");
		assertThat(failure.status()).isEqualTo(IntakeFailureStatus.OPEN);
		assertThat(failure.occurrences()).isEqualTo(1);
	}

	@Test
	void anInvalidOrderIsStillKeyedByItsOrderNumberWhenItCanBeRead() {
		String payload = read("edi/invalid-line-count.edi");
		IntakeFailure failure = this.deadLetters.failure(record("orders.raw.edi", payload),
				new CreditDeskException(IntakeErrorCode.LINE_COUNT_MISMATCH, "CTT01", "x"));
		assertThat(failure.id()).isEqualTo("edi:PO-77814");
		assertThat(failure.orderValue()).isNull();
		assertThat(failure.sortAmount()).isEqualTo(BigDecimal.ONE.negate());

		IntakeFailure csv = this.deadLetters.failure(
				record("orders.raw.salesrep", read("salesrep/invalid-columns.csv")),
				new CreditDeskException(IntakeErrorCode.MALFORMED_PAYLOAD, null, "x"));
		assertThat(csv.id()).isEqualTo("salesrep:SR-2026-0044");
		IntakeFailure shop = this.deadLetters.failure(
				record("orders.raw.webshop", read("webshop/invalid-unknown-customer.json")),
				new CreditDeskException(IntakeErrorCode.UNKNOWN_CUSTOMER, null, "x"));
		assertThat(shop.id()).isEqualTo("webshop:WS-100236");
		assertThat(shop.orderValue().amount()).isEqualTo(new BigDecimal("5996.00"));
	}

	@Test
	void anUnreadablePayloadIsKeyedByItsHashSoResendsShareARecord() {
		IntakeFailure first = this.deadLetters.failure(record("orders.raw.webshop", "garbage"),
				new CreditDeskException(IntakeErrorCode.MALFORMED_PAYLOAD, null, "x"));
		IntakeFailure again = this.deadLetters.failure(record("orders.raw.webshop", "garbage"),
				new CreditDeskException(IntakeErrorCode.MALFORMED_PAYLOAD, null, "x"));
		IntakeFailure other = this.deadLetters.failure(record("orders.raw.webshop", "other garbage"),
				new CreditDeskException(IntakeErrorCode.MALFORMED_PAYLOAD, null, "x"));
		assertThat(first.id()).startsWith("webshop:unread:").isEqualTo(again.id()).isNotEqualTo(other.id());
		assertThat(first.orderId()).isNull();
	}

	@Test
	void aFailureNotKnownToBeTransientIsProcessingFailedAfterOneAttemptWithoutEchoingThePayload() {
		String echo = "1".repeat(10_000);
		IntakeDeadLetters.Reason reason = IntakeDeadLetters
			.reason(new ListenerExecutionFailedException("listener failed",
					new NumberFormatException("Conversion to Decimal128 would require inexact rounding of " + echo)),
					1);
		assertThat(reason.code()).isEqualTo(IntakeDeadLetters.PROCESSING_FAILED);
		assertThat(reason.exceptionClass()).isEqualTo(NumberFormatException.class.getName());
		assertThat(reason.attempts()).isEqualTo(1);
		assertThat(reason.message()).contains("not known to be transient")
			.hasSizeLessThanOrEqualTo(IntakeDeadLetters.MAX_MESSAGE);
	}

	@Test
	void theRecordKeepsThePayloadAsTheBytesThatArrived() {
		byte[] raw = { 'x', (byte) 0xC3, (byte) 0x28, 'y' };
		IntakeFailure failure = this.deadLetters.failure(
				new ConsumerRecord<>("orders.raw.webshop", 0, 7L, "ERP-10042", raw),
				new IllegalArgumentException("bad"));
		assertThat(failure.rawPayload()).isEqualTo(raw);
		assertThat(failure.payload()).isNull();
		assertThat(failure.payloadText()).startsWith("x").endsWith("y");
		assertThat(failure.reasonCode()).isEqualTo(IntakeDeadLetters.PROCESSING_FAILED);
	}

	@Test
	void whenTheWorklistCannotKeepTheRecordItGoesToTheDeadLetterTopicOnlyAndIsCounted() {
		Fixture fixture = new Fixture(new MappingException("cannot write this document"), null);
		fixture.deadLetters.accept(fixture.record, null, new IllegalArgumentException("poison"));
		assertThat(fixture.producer.history()).hasSize(1);
		assertThat(fixture.producer.history().get(0).topic()).isEqualTo("orders.raw.webshop.DLT");
		assertThat(fixture.producer.history().get(0).value()).isEqualTo(fixture.record.value());
		assertThat(fixture.counted(IntakeDeadLetters.Outcome.TOPIC_ONLY)).isEqualTo(1);
		assertThat(fixture.progress.deliveries("orders.raw.webshop", 3, 41L)).as("the partition got past it")
			.isEqualTo(1);
		assertThat(fixture.progress.longestHeld()).isZero();
	}

	@Test
	void whenTheStoreIsUnavailableTheRecordStillGoesToTheDeadLetterTopic() {
		Fixture fixture = new Fixture(new DataAccessResourceFailureException("store down"), null);
		fixture.deadLetters.accept(fixture.record, null, new IllegalArgumentException("poison"));
		assertThat(fixture.producer.history()).hasSize(1);
		assertThat(fixture.counted(IntakeDeadLetters.Outcome.TOPIC_ONLY)).isEqualTo(1);
	}

	@Test
	void whenTheDeadLetterTopicRefusesTheRecordTheWorklistHasIt() {
		Fixture fixture = new Fixture(null, new RecordTooLargeException("too large"));
		fixture.deadLetters.accept(fixture.record, null, new IllegalArgumentException("poison"));
		verify(fixture.store).record(any());
		assertThat(fixture.counted(IntakeDeadLetters.Outcome.WORKLIST_ONLY)).isEqualTo(1);
	}

	@Test
	void whenNeitherCanTakeTheRecordBecauseOneIsUnavailableItIsDeliveredAgain() {
		Fixture fixture = new Fixture(new DataAccessResourceFailureException("store down"),
				new TimeoutException("broker away"));
		assertThatIllegalStateException()
			.isThrownBy(() -> fixture.deadLetters.accept(fixture.record, null, new IllegalArgumentException("poison")));
		assertThat(fixture.progress.longestHeld()).as("still held: it comes back").isPositive();
	}

	@Test
	void whenBothRefuseTheRecordForGoodItIsLoggedCountedAndSkipped() {
		Fixture fixture = new Fixture(new MappingException("cannot write"), new RecordTooLargeException("too large"));
		fixture.deadLetters.accept(fixture.record, null, new IllegalArgumentException("poison"));
		assertThat(fixture.counted(IntakeDeadLetters.Outcome.UNRECORDED)).isEqualTo(1);
		assertThat(fixture.progress.longestHeld()).isZero();
	}

	/** Dead letters over a store and a producer that fail as told (null: they work). */
	private final class Fixture {

		final IntakeFailureStore store = mock(IntakeFailureStore.class);

		final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
				new ByteArraySerializer());

		final SimpleMeterRegistry meters = new SimpleMeterRegistry();

		final MutableClock clock = new MutableClock();

		final PartitionProgress progress = new PartitionProgress(this.clock);

		final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("orders.raw.webshop", 3, 41L, "ERP-10042",
				read("webshop/valid-order.json").getBytes(StandardCharsets.UTF_8));

		final IntakeDeadLetters deadLetters;

		Fixture(RuntimeException storeFailure, RuntimeException sendFailure) {
			if (storeFailure != null) {
				when(this.store.record(any())).thenThrow(storeFailure);
			}
			this.producer.sendException = sendFailure;
			this.deadLetters = new IntakeDeadLetters(IntakeDeadLettersTests.this.properties,
					IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()), this.store, CLOCK,
					new KafkaTemplate<>(new MockProducerFactory<>(() -> this.producer)), this.progress,
					TransientFailurePolicy.standard(), this.meters);
			this.progress.delivered("orders.raw.webshop", 3, 41L);
			this.clock.advance(Duration.ofSeconds(1));
		}

		double counted(IntakeDeadLetters.Outcome outcome) {
			return this.meters.find(IntakeDeadLetters.METRIC)
				.tag("channel", "webshop")
				.tag("outcome", outcome.tag())
				.counters()
				.stream()
				.mapToDouble(c -> c.count())
				.sum();
		}

	}

}
