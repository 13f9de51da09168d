package io.creditdesk.events;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The one parse of the envelope: what it reads, what it passes over, what it refuses. */
class CreditEventEnvelopeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void readsTheEnvelope() {
		String value = """
				{"eventId":"e-1","type":"CreditLimitChanged","schemaVersion":1,"occurredAt":"2026-12-05T10:00:00.123456Z",
				 "customerId":"c-1","data":{"limit":{"amount":"2500.00","currency":"EUR"}},"later":"ignored"}""";

		CreditEvent event = CreditEventEnvelope.read(JSON, value);

		assertThat(event.eventId()).isEqualTo("e-1");
		assertThat(event.type()).isEqualTo(CreditEventType.CREDIT_LIMIT_CHANGED);
		assertThat(event.customerId()).isEqualTo("c-1");
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-05T10:00:00.123456Z"));
		assertThat(event.data()).isEqualTo(Map.of("limit", Map.of("amount", "2500.00", "currency", "EUR")));
		assertThat(event.envelope()).isSameAs(value);
	}

	@Test
	void aMissingCustomerTimeOrDataIsNoError() {
		CreditEvent event = CreditEventEnvelope.read(JSON, "{\"eventId\":\"e-2\",\"type\":\"AlertRaised\"}");

		assertThat(event.customerId()).isNull();
		assertThat(event.occurredAt()).isNull();
		assertThat(event.data()).isEmpty();
	}

	@Test
	void aTypeThisVersionDoesNotKnowIsPassedOver() {
		assertThat(CreditEventEnvelope.read(JSON, "{\"eventId\":\"e-3\",\"type\":\"SomethingNewer\"}")).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			this is no JSON                                                    | not JSON
			[1, 2]                                                             | not a JSON object
			"text"                                                             | not a JSON object
			{"type":"CreditLimitChanged"}                                      | no eventId
			{"eventId":"e-4","type":"CreditLimitChanged","occurredAt":"today"} | occurredAt is no instant
			""")
	void aRecordThatIsNoEnvelopeIsMalformed(String value, String why) {
		assertThatExceptionOfType(CreditEventEnvelope.Malformed.class)
			.isThrownBy(() -> CreditEventEnvelope.read(JSON, value))
			.withMessageContaining(why);
	}

	@Test
	void aRecordWithoutValueIsMalformed() {
		assertThatExceptionOfType(CreditEventEnvelope.Malformed.class)
			.isThrownBy(() -> CreditEventEnvelope.read(JSON, null));
	}

}
