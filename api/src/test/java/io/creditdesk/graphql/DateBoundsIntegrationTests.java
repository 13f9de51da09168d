package io.creditdesk.graphql;

import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
	 * A date written as 2026-12-31 is written but names no day: before, it answered "Date
	 * must look like 2026-12-31" with no code, though it looks exactly like that.
	 */
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

}
