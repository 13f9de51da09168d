package io.creditdesk.bureau;

import java.time.Instant;

import io.creditdesk.common.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How the values of a report are read: texts that mean "no value" are absent, anything
 * unexpected is malformed.
 */
class BureauResponsesTests {

	private static final Instant FETCHED = Instant.parse("2026-12-04T10:00:00Z");

	private final BureauResponses responses = new BureauResponses(JsonMapper.builder().build());

	/**
	 * The rating and score as the bureau may send them (JSON literals; "absent" leaves
	 * the field out).
	 */
	@ParameterizedTest(name = "rating {0}, score {1} -> {2} / {3}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			"B"           | 72            | B   | 72
			"Not Rated"   | "Not Rated"   | -   | -
			"NOT RATED"   | "not rated"   | -   | -
			"N/A"         | null          | -   | -
			""            | ""            | -   | -
			null          | absent        | -   | -
			85            | "85"          | 85  | 85
			" A+ "        | 0             | A+  | 0
			""")
	void ratingsTheBureauDoesNotGiveAreAbsent(String rating, String score, String expectedRating,
			Integer expectedScore) {
		BureauReport report = this.responses.report(report(
				"\"rating\": {\"value\": " + rating + ("absent".equals(score) ? "" : ", \"score\": " + score) + "}",
				"\"recommendedLimit\": null"), FETCHED);
		assertThat(report.rating()).isEqualTo(expectedRating);
		assertThat(report.score()).isEqualTo(expectedScore);
	}

	/** The recommended limit as the bureau may send it. */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			{"value": "50000", "currency": "EUR"}       | 50000.00 EUR
			{"value": 50000, "currency": "EUR"}         | 50000.00 EUR
			{"value": 0.1, "currency": "EUR"}           | 0.10 EUR
			{"value": 0, "currency": "EUR"}             | 0.00 EUR
			{"value": "1250000", "currency": "JPY"}     | 1250000 JPY
			{"value": "Not Rated", "currency": "EUR"}   | -
			{"value": "Not Rated"}                      | -
			{"value": null, "currency": "EUR"}          | -
			null                                        | -
			""")
	void aRecommendedLimitIsAnExactAmountOrAbsent(String limit, String expected) {
		BureauReport report = this.responses
			.report(report("\"rating\": {\"value\": \"B\"}", "\"recommendedLimit\": " + limit), FETCHED);
		if (expected == null) {
			assertThat(report.recommendedLimit()).isNull();
		}
		else {
			String[] parts = expected.split(" ");
			assertThat(report.recommendedLimit()).isEqualTo(Money.of(parts[0], parts[1]));
		}
	}

	/** What cannot be read honestly is malformed, never a guess. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			"recommendedLimit": {"value": "lots", "currency": "EUR"}       | 'recommendedLimit.value' is 'lots'
			"recommendedLimit": {"value": "-5", "currency": "EUR"}         | negative
			"recommendedLimit": {"value": "50000.555", "currency": "EUR"}  | more decimals than EUR
			"recommendedLimit": {"value": "50000", "currency": "EURO"}     | not an ISO 4217 code
			"recommendedLimit": {"value": "50000"}                          | 'currency' is missing
			"recommendedLimit": "50000 EUR"                                 | not an object
			"rating": {"value": "B", "score": "high"}                       | 'score' is 'high'
			"rating": {"value": "B", "score": 140}                          | not 0 to 100
			"reportDate": "30.11.2026"                                      | not an ISO 8601 date
			"rating": {"value": {"class": "B"}}                             | 'value' is not text
			""")
	void whatCannotBeReadHonestlyIsMalformed(String field, String problem) {
		String body = report("\"rating\": {\"value\": \"B\"}", "\"recommendedLimit\": null").replace("\"probe\": 1",
				field);
		BureauException failure = catchThrowableOfType(BureauException.class,
				() -> this.responses.report(body, FETCHED));
		assertThat(failure).as(field).isNotNull();
		assertThat(failure.failure()).isEqualTo(BureauFailure.MALFORMED_RESPONSE);
		assertThat(failure.getMessage()).contains(problem);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(nullValues = "-", textBlock = """
			Active,            ACTIVE
			TRADING,           ACTIVE
			Dormant,           INACTIVE
			In Administration, INSOLVENT
			in_liquidation,    INSOLVENT
			Dissolved,         DISSOLVED
			Struck Off,        DISSOLVED
			Merged,            UNKNOWN
			-,                 UNKNOWN
			""")
	void companyStatusTexts(String text, BureauCompanyStatus status) {
		assertThat(BureauCompanyStatus.parse(text)).isEqualTo(status);
	}

	/**
	 * A report body whose rating and recommended limit are given; later keys win in JSON
	 * objects read by Jackson, so a probe placed last can override any field.
	 */
	private static String report(String rating, String recommendedLimit) {
		return "{\"report\": {\"companyId\": \"DE-0001234567\", \"name\": \"Rhein Steelworks GmbH\", \"country\": \"DE\", "
				+ "\"status\": \"Active\", \"reportDate\": \"2026-11-30\", " + rating + ", " + recommendedLimit
				+ ", \"probe\": 1}}";
	}

}
