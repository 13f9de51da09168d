package io.creditdesk.graphql;

import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code Date} or {@code DateTime} that ISO-8601 allows but the service cannot hold (a
 * year beyond 0001-9999: date arithmetic overflows, the store keeps milliseconds in a
 * long) is refused by the scalar with a sentence that names the range, before any code
 * runs; it used to end in an internal error in each of these operations.
 */
@CreditDeskIntegrationTest
class DateBoundsIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@ParameterizedTest
	@ValueSource(strings = { "{ portfolioKpis(to: \"-999999999-01-01\") { days } }",
			"{ portfolioKpis(from: \"+999999999-12-30\", to: \"+999999999-12-31\") { days } }",
			"{ creditLimitRequestTurnaround(to: \"+999999999-12-31\") { __typename } }",
			"mutation { createApiKey(input: {name: \"date-key\", roles: [SALES], expiresAt: \"+999999999-12-31T23:59:59Z\"}) { userErrors { code } } }",
			"mutation { createCustomer(input: {externalRef: \"DATE-BOUNDS-1\", name: \"Date Bounds\", taxId: \"DE136695976\", countryCode: \"DE\", segment: \"SMB\", tier: \"SILVER\", industry: \"MANUFACTURING\", creditCurrency: \"EUR\", customerSince: \"-999999999-01-01\"}) { userErrors { code } } }",
			"mutation { setFxRate(input: {base: \"USD\", quote: \"EUR\", rate: \"0.9\", validOn: \"-999999999-01-01\"}) { userErrors { code } } }",
			"mutation { setFxRate(input: {base: \"USD\", quote: \"EUR\", rate: \"0.9\", validOn: \"+10000-01-01\"}) { userErrors { code } } }" })
	void aDateBeyondTheYears0001To9999IsRefusedByTheScalar(String document) {
		GraphQlClients.as(this.graphQl, "admin").document(document).execute().errors().satisfy(errors -> {
			assertThat(errors).as("errors of %s", document).isNotEmpty();
			assertThat(errors).noneMatch(e -> e.getErrorType() == ErrorType.INTERNAL_ERROR);
			assertThat(errors).map(ResponseError::getMessage)
				.anyMatch(m -> m.contains("must lie between 0001-01-01 and 9999-12-31")
						|| m.contains("must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
		});
	}

	/**
	 * A Decimal that is neither a string nor a number, in variables or as a literal:
	 * MALFORMED_DECIMAL in the error's extensions (before: no code at all).
	 */
	@Test
	void aDecimalOfAnotherTypeIsMalformedDecimalWithACode() {
		GraphQlClients.as(this.graphQl, "sales")
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("orderId", "O-DEC-1", "customerId", "C-none", "amount", true, "currency", "EUR"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getExtensions()).containsEntry("code", "MALFORMED_DECIMAL");
				assertThat(e.getMessage()).contains("Decimal must be a string or a number");
			}));
		GraphQlClients.as(this.graphQl, "sales")
			.document("mutation { placeOrder(input: {orderId: \"O-DEC-2\", customerId: \"C-none\", amount: true, "
					+ "currency: \"EUR\"}) { userErrors { code } } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "MALFORMED_DECIMAL")));
	}

	/**
	 * A date written as 2026-12-31 is written but names no day: before, it answered "Date
	 * must look like 2026-12-31" with no code, though it looks exactly like that.
	 */
	@Test
	void aWellFormedDayThatDoesNotExistIsInvalidDateWithACode() {
		GraphQlClients.as(this.graphQl, "sales")
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }")
			.variable("input",
					Map.of("orderId", "O-DATE-1", "customerId", "C-none", "amount", "10", "currency", "EUR",
							"requestedDeliveryDate", "2026-02-30"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getExtensions()).containsEntry("code", "INVALID_DATE");
				assertThat(e.getMessage()).contains("2026-02-30").contains("does not exist");
			}));
		GraphQlClients.as(this.graphQl, "admin")
			.document("{ portfolioKpis(to: \"2026-04-31\") { days } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
				assertThat(e.getExtensions()).containsEntry("code", "INVALID_DATE");
				assertThat(e.getMessage()).contains("2026-04-31").contains("does not exist");
			}));
		GraphQlClients.as(this.graphQl, "admin")
			.document("{ portfolioKpis(to: \"31.12.2026\") { days } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_DATE")));
	}

	/**
	 * A scalar's refusal reads in the caller's language ({@code Accept-Language}), as
	 * every other refusal does: the same malformed Decimal and Date, in variables and as
	 * literals, give the catalogue's German sentence to a German reader and the English
	 * one otherwise (also to a reader of a language the catalogue does not have), with
	 * the same code, extensions, classification, locations and path (before: English for
	 * everyone).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					variables | Decimal must be a string or a number, got Boolean. | Ein Decimal muss eine Zeichenkette oder eine Zahl sein, erhalten: Boolean.
					literal | Decimal must be a string or a number literal. | Ein Decimal muss als Zeichenkette oder Zahl geschrieben sein.
					""")
	void aMalformedDecimalReadsInTheCallersLanguage(String written, String english, String german) {
		Map<String, Object> order = Map.of("orderId", "O-DEC-L", "customerId", "C-none", "amount", true, "currency",
				"EUR");
		String document = written.equals("variables")
				? "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }"
				: "mutation { placeOrder(input: {orderId: \"O-DEC-L\", customerId: \"C-none\", amount: true, "
						+ "currency: \"EUR\"}) { userErrors { code } } }";
		Map<String, Object> variables = written.equals("variables") ? Map.of("input", order) : Map.of();
		assertReadsInTheCallersLanguage("sales", document, variables, "MALFORMED_DECIMAL", english, german);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					variables | 2026-02-30 | Date '2026-02-30' does not exist: February 2026 has 28 days. | Das Datum '2026-02-30' gibt es nicht: Februar 2026 hat 28 Tage.
					literal | 2026-02-30 | Date '2026-02-30' does not exist: February 2026 has 28 days. | Das Datum '2026-02-30' gibt es nicht: Februar 2026 hat 28 Tage.
					variables | 2026-13-01 | Date '2026-13-01' does not exist: there is no month 13 (months are 01 to 12). | Das Datum '2026-13-01' gibt es nicht: Es gibt keinen Monat 13 (Monate sind 01 bis 12).
					literal | 31.12.2026 | Date must look like 2026-12-31, got '31.12.2026'. | Ein Date muss wie 2026-12-31 geschrieben sein, erhalten: '31.12.2026'.
					variables | 31.12.2026 | Date must look like 2026-12-31, got '31.12.2026'. | Ein Date muss wie 2026-12-31 geschrieben sein, erhalten: '31.12.2026'.
					literal | +10000-01-01 | Date must lie between 0001-01-01 and 9999-12-31, got '+10000-01-01'. | Ein Date muss zwischen 0001-01-01 und 9999-12-31 liegen, erhalten: '+10000-01-01'.
					""")
	void aMalformedDateReadsInTheCallersLanguage(String written, String date, String english, String german) {
		String document = written.equals("variables") ? "query($to: Date) { portfolioKpis(to: $to) { days } }"
				: "{ portfolioKpis(to: \"" + date + "\") { days } }";
		Map<String, Object> variables = written.equals("variables") ? Map.of("to", date) : Map.of();
		assertReadsInTheCallersLanguage("admin", document, variables, "INVALID_DATE", english, german);
	}

	@ParameterizedTest
	@ValueSource(strings = { "variables", "literal" })
	void aMalformedDateTimeReadsInTheCallersLanguage(String written) {
		String expiresAt = "2026-11-22 19:06";
		String document = written.equals("variables")
				? "mutation($at: DateTime) { createApiKey(input: {name: \"date-key\", roles: [SALES], expiresAt: $at}) { userErrors { code } } }"
				: "mutation { createApiKey(input: {name: \"date-key\", roles: [SALES], expiresAt: \"" + expiresAt
						+ "\"}) { userErrors { code } } }";
		Map<String, Object> variables = written.equals("variables") ? Map.of("at", expiresAt) : Map.of();
		assertReadsInTheCallersLanguage("admin", document, variables, "INVALID_DATE",
				"DateTime must look like 2026-11-22T19:06:08Z, got '2026-11-22 19:06'.",
				"Ein DateTime muss wie 2026-11-22T19:06:08Z geschrieben sein, erhalten: '2026-11-22 19:06'.");
	}

	private void assertReadsInTheCallersLanguage(String user, String document, Map<String, Object> variables,
			String code, String english, String german) {
		ResponseError unasked = onlyError(user, null, document, variables);
		ResponseError inEnglish = onlyError(user, "en", document, variables);
		ResponseError inGerman = onlyError(user, "de", document, variables);
		ResponseError inFrench = onlyError(user, "fr", document, variables);
		for (ResponseError error : List.of(unasked, inEnglish, inFrench)) {
			assertThat(error.getMessage()).contains(english);
		}
		assertThat(inGerman.getMessage()).contains(german).doesNotContain(english);
		for (ResponseError error : List.of(unasked, inEnglish, inGerman, inFrench)) {
			assertThat(error.getExtensions()).containsEntry("code", code).isEqualTo(unasked.getExtensions());
			assertThat(error.getErrorType()).isEqualTo(unasked.getErrorType());
			assertThat(error.getLocations()).isEqualTo(unasked.getLocations());
			assertThat(error.getPath()).isEqualTo(unasked.getPath());
		}
	}

	private ResponseError onlyError(String user, String language, String document, Map<String, Object> variables) {
		return GraphQlClients.onlyError(this.graphQl, user, language, document, variables);
	}

}
