package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/** How a failed record is described: reason, id, order value; without a broker or a store. */
class IntakeDeadLettersTests {

	private final IntakeProperties properties = new IntakeProperties(true, Map.of(), ".DLT", "g", 6, 1, 4,
			java.time.Duration.ofSeconds(1), 2.0, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(15));

	private final IntakeDeadLetters deadLetters = new IntakeDeadLetters(this.properties,
			IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()), null,
			Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC),
			new KafkaTemplate<>(new DefaultKafkaProducerFactory<String, String>(Map.of())));

	private static ConsumerRecord<String, String> record(String topic, String payload) {
		return new ConsumerRecord<>(topic, 2, 41L, "ERP-10042", payload);
	}

	@Test
	void aRefusalIsItsFirstErrorAfterOneAttempt() {
		var wrapped = new ListenerExecutionFailedException("listener failed",
				new CreditDeskException(List.of(new UserError("CTT01", "CTT01 declares 3", "LINE_COUNT_MISMATCH"))));
		IntakeDeadLetters.Reason reason = IntakeDeadLetters.reason(wrapped, 4);
		assertThat(reason.code()).isEqualTo("LINE_COUNT_MISMATCH");
		assertThat(reason.field()).isEqualTo("CTT01");
		assertThat(reason.message()).isEqualTo("CTT01 declares 3");
		assertThat(reason.exceptionClass()).isEqualTo(CreditDeskException.class.getName());
		assertThat(reason.attempts()).isEqualTo(1);
	}

	@Test
	void severalRefusalsAreAllInTheMessage() {
		var refused = new CreditDeskException(List.of(new UserError("currency", "bad currency", "UNKNOWN_CURRENCY"),
				new UserError("lines", "no lines", "NO_LINES")));
		IntakeDeadLetters.Reason reason = IntakeDeadLetters.reason(refused, 4);
		assertThat(reason.code()).isEqualTo("UNKNOWN_CURRENCY");
		assertThat(reason.message()).contains("bad currency [UNKNOWN_CURRENCY]").contains("no lines [NO_LINES]");
	}

	@Test
	void aTransientFailureIsRetriesExhaustedNamingTheRootCause() {
		var wrapped = new ListenerExecutionFailedException("listener failed",
				new IllegalStateException("wrapper", new java.net.ConnectException("store down")));
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
				new CreditDeskException("LINE_COUNT_MISMATCH", "CTT01", "x"));
		assertThat(failure.id()).isEqualTo("edi:PO-77814");
		assertThat(failure.orderValue()).isNull();
		assertThat(failure.sortAmount()).isEqualTo(BigDecimal.ONE.negate());

		IntakeFailure csv = this.deadLetters.failure(record("orders.raw.salesrep", read("salesrep/invalid-columns.csv")),
				new CreditDeskException("MALFORMED_PAYLOAD", null, "x"));
		assertThat(csv.id()).isEqualTo("salesrep:SR-2026-0044");
		IntakeFailure shop = this.deadLetters.failure(record("orders.raw.webshop", read("webshop/invalid-unknown-customer.json")),
				new CreditDeskException("UNKNOWN_CUSTOMER", null, "x"));
		assertThat(shop.id()).isEqualTo("webshop:WS-100236");
		assertThat(shop.orderValue().amount()).isEqualTo(new BigDecimal("5996.00"));
	}

	@Test
	void anUnreadablePayloadIsKeyedByItsHashSoResendsShareARecord() {
		IntakeFailure first = this.deadLetters.failure(record("orders.raw.webshop", "garbage"),
				new CreditDeskException("MALFORMED_PAYLOAD", null, "x"));
		IntakeFailure again = this.deadLetters.failure(record("orders.raw.webshop", "garbage"),
				new CreditDeskException("MALFORMED_PAYLOAD", null, "x"));
		IntakeFailure other = this.deadLetters.failure(record("orders.raw.webshop", "other garbage"),
				new CreditDeskException("MALFORMED_PAYLOAD", null, "x"));
		assertThat(first.id()).startsWith("webshop:unread:").isEqualTo(again.id()).isNotEqualTo(other.id());
		assertThat(first.orderId()).isNull();
	}

}
