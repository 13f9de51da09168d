package io.creditdesk.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TaxIdsTests {

	@ParameterizedTest
	@CsvSource({ "DE, DE136695976, DE136695976", "DE, 136 695 976, DE136695976", "FR, FR40 303 265 045, FR40303265045",
			"GB, GB 123 4567 89, GB123456789", "NL, NL123456789B01, NL123456789B01", "IT, IT12345678901, IT12345678901",
			"ES, ESB12345678, ESB12345678", "AT, ATU12345678, ATU12345678", "BE, BE0123456789, BE0123456789",
			"CH, CHE-123.456.789 MWST, CHE123456789MWST", "US, 12-3456789, 12-3456789", "US, 123456789, 12-3456789",
			"CA, 123456789RT0001, 123456789RT0001", "PL, PL5261040828, PL5261040828" })
	void validIdsAreNormalized(String country, String raw, String normalized) {
		TaxIds.Result result = TaxIds.check(country, raw);
		assertThat(result.problem()).isNull();
		assertThat(result.normalized()).isEqualTo(normalized);
	}

	@ParameterizedTest
	@CsvSource({ "DE, DE136695977", "DE, DE12345", "FR, FR4030326504", "GB, GB12345", "NL, NL123456789C01",
			"IT, IT1234567890", "US, 12-345678", "AT, AT12345678", "PL, ?", "CH, CHE-123.456.78" })
	void invalidIdsAreRefusedWithAReason(String country, String raw) {
		TaxIds.Result result = TaxIds.check(country, raw);
		assertThat(result.valid()).isFalse();
		assertThat(result.problem()).isNotBlank();
	}

	@ParameterizedTest
	// 13669597 -> 6 is the published example DE136695976; 81182968 -> 6 worked by hand.
	@CsvSource({ "13669597, 6", "81182968, 6" })
	void germanCheckDigitFollowsIso7064(String eightDigits, int check) {
		assertThat(TaxIds.germanCheckDigit(eightDigits)).isEqualTo(check);
	}

}
