package io.creditdesk.riskevent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.creditdesk.common.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external risk event shape as read, and the default rules: the documented sample
 * reads; every problem of a bad event is named at once with its code and field; each
 * event type triggers its actions.
 */
class ExternalRiskEventsTests {

	static final String SAMPLE = """
			{
			  "schemaVersion": 1,
			  "eventId": "cs-2026-000123",
			  "source": "creditsafe",
			  "type": "INSOLVENCY_FILING",
			  "customer": { "taxId": "DE123456789", "externalRef": "ERP-10042" },
			  "oldValue": "B", "newValue": "D",
			  "occurredAt": "2026-12-04T09:30:00Z"
			}
			""";

	@Test
	void theDocumentedSampleReads() {
		ExternalRiskEvents.Read read = ExternalRiskEvents.read(SAMPLE);
		assertThat(read.problems()).isEmpty();
		assertThat(read.event())
			.isEqualTo(new ExternalRiskEvent("cs-2026-000123", "creditsafe", ExternalEventType.INSOLVENCY_FILING,
					new ExternalRiskEvent.CustomerReference("DE123456789", "ERP-10042", null), "B", "D",
					Instant.parse("2026-12-04T09:30:00Z")));
	}

	@Test
	void everyProblemOfABadEventIsNamedAtOnce() {
		ExternalRiskEvents.Read read = ExternalRiskEvents.read("""
				{ "schemaVersion": 1, "eventId": "", "type": "BANKRUPT", "customer": {},
				  "occurredAt": "yesterday" }
				""");
		assertThat(read.ok()).isFalse();
		assertThat(read.problems()).extracting(p -> p.field() + ":" + p.code().code())
			.containsExactly("eventId:MALFORMED_EVENT", "source:REQUIRED", "type:UNKNOWN_EVENT_TYPE",
					"customer:CUSTOMER_REFERENCE_MISSING", "occurredAt:MALFORMED_EVENT");
		assertThat(read.problems().get(2).message()).contains("'BANKRUPT'", "INSOLVENCY_FILING");
	}

	/**
	 * The record id is {@code <source>:<eventId>}: source {@code a:b} with id {@code c}
	 * would share {@code a:b:c} with source {@code a} and id {@code b:c}, the second
	 * taken for a redelivery of the first. A source with the separator is refused as the
	 * event is read; ids of other sources are as before, so events stored before still
	 * recognise their redeliveries.
	 */
	@Test
	void aSourceWithTheKeysSeparatorIsRefusedSoNoTwoSourcesShareAKey() {
		ExternalRiskEvents.Read colon = ExternalRiskEvents.read(withSourceAndId("a:b", "c"));
		assertThat(colon.ok()).isFalse();
		assertThat(colon.problems()).singleElement().satisfies(p -> {
			assertThat(p.field()).isEqualTo("source");
			assertThat(p.code().code()).isEqualTo("MALFORMED_EVENT");
			assertThat(p.message()).contains("':'").contains("'a:b'");
		});
		ExternalRiskEvents.Read other = ExternalRiskEvents.read(withSourceAndId("a", "b:c"));
		assertThat(other.problems()).isEmpty();
		assertThat(AppliedRiskEvent.key(other.event())).isEqualTo("a:b:c");
		// The key of a source without the separator is the one stored before.
		assertThat(AppliedRiskEvent.key(ExternalRiskEvents.read(SAMPLE).event()))
			.isEqualTo("creditsafe:cs-2026-000123");
		assertThat(RiskEventDeadLetters.worklistId(withSourceAndId("a:b", "c").getBytes(StandardCharsets.UTF_8)))
			.startsWith("risk-event:unread:");
	}

	private static String withSourceAndId(String source, String eventId) {
		return SAMPLE.replace("\"creditsafe\"", "\"" + source + "\"")
			.replace("\"cs-2026-000123\"", "\"" + eventId + "\"");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "not json | MALFORMED_EVENT", "[1,2] | MALFORMED_EVENT", "{\"eventId\":\"x\"} | REQUIRED",
					"{\"schemaVersion\":2} | UNSUPPORTED_EVENT_VERSION", "'   ' | MALFORMED_EVENT" })
	void anUnreadableEventIsRefusedWithItsCode(String json, String code) {
		ExternalRiskEvents.Read read = ExternalRiskEvents.read(json);
		assertThat(read.ok()).isFalse();
		assertThat(read.problems()).extracting(UserError::code).extracting(c -> c.code()).containsExactly(code);
	}

	@Test
	void aHugeEventIsNotRead() {
		String huge = "{\"schemaVersion\":1,\"source\":\"" + "x".repeat(ExternalRiskEvents.MAX_BYTES) + "\"}";
		assertThat(ExternalRiskEvents.read(huge).problems()).singleElement()
			.satisfies(p -> assertThat(p.message()).contains("at most 65,536"));
	}

	@Test
	void theSizeLimitCountsBytesNotCharacters() {
		// 30,000 euro signs: 30,000 characters, 90,000 bytes.
		String wide = "{\"schemaVersion\":1,\"source\":\"" + "\u20ac".repeat(30_000) + "\"}";
		assertThat(ExternalRiskEvents.read(wide).problems()).singleElement()
			.satisfies(p -> assertThat(p.message()).contains("90,0").contains("at most 65,536"));
		String sample = "a\u00e9\u20ac\ud83d\ude00";
		assertThat(ExternalRiskEvents.utf8Length(sample)).isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "INSOLVENCY_FILING | RAISE_BUREAU_FLAG SET_ON_HOLD OPEN_REVIEW ALERT",
			"PAYMENT_DEFAULT_REPORTED | RAISE_BUREAU_FLAG OPEN_REVIEW ALERT", "RATING_DOWNGRADE | OPEN_REVIEW ALERT",
			"FRAUD_SUSPECTED | RAISE_FRAUD_FLAG ALERT", "RATING_UPGRADE | ALERT" })
	void eachEventTypeTriggersItsActions(ExternalEventType type, String actions) {
		assertThat(RiskEventPolicy.DEFAULT.actionsFor(type)).extracting(Enum::name)
			.containsExactlyElementsOf(List.of(actions.split(" ")));
	}

	@Test
	void aTypeThePolicyDoesNotMentionOnlyAlerts() {
		RiskEventPolicy policy = new RiskEventPolicy(java.util.Map.of());
		assertThat(policy.actionsFor(ExternalEventType.INSOLVENCY_FILING)).containsExactly(RiskEventAction.ALERT);
	}

}
