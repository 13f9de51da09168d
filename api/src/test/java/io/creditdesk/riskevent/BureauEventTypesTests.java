package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.Optional;

import io.creditdesk.bureau.NotificationEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which external event type each kind of bureau monitoring event stands for. */
class BureauEventTypesTests {

	@ParameterizedTest(name = "{0} {1} -> {2}: {3}")
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "RATING_CHANGE | B | C | RATING_DOWNGRADE", "RATING_CHANGE | C | A | RATING_UPGRADE",
					"RATING_CHANGE | AAA | AA | RATING_DOWNGRADE", "RATING_CHANGE | A | AA | RATING_UPGRADE",
					"rating_change | b | d | RATING_DOWNGRADE", "SCORE_CHANGE | 72 | 41 | RATING_DOWNGRADE",
					"SCORE_CHANGE | 41.5 | 72 | RATING_UPGRADE", "RATING_CHANGE | B | B | -",
					"RATING_CHANGE | B | 40 | -", "RATING_CHANGE | - | B | -",
					"STATUS_CHANGE | Active | In Administration | INSOLVENCY_FILING",
					"STATUS_CHANGE | Active | Insolvenzverfahren eröffnet | INSOLVENCY_FILING",
					"STATUS_CHANGE | Active | Dormant | -", "INSOLVENCY | - | - | INSOLVENCY_FILING",
					"BANKRUPTCY | - | - | INSOLVENCY_FILING", "CCJ | - | 12000 | PAYMENT_DEFAULT_REPORTED",
					"PAYMENT_DEFAULT | - | - | PAYMENT_DEFAULT_REPORTED", "FRAUD_ALERT | - | - | FRAUD_SUSPECTED",
					"ADDRESS_CHANGE | Old St 1 | New St 2 | -" })
	void eachBureauEventStandsForItsType(String rule, String before, String after, ExternalEventType expected) {
		NotificationEvent event = new NotificationEvent("ev-1", "DE-1", Instant.parse("2026-12-02T08:15:00Z"), rule,
				"words", before, after);
		assertThat(BureauEventTypes.of(event)).isEqualTo(Optional.ofNullable(expected));
	}

}
