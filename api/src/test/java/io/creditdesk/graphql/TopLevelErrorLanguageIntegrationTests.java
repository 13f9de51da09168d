package io.creditdesk.graphql;

import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A top-level error's message for a refused query comes from the catalogue in the
 * request's language, as a user error's does (before: English whatever the
 * {@code Accept-Language}), its code unchanged.
 */
@CreditDeskIntegrationTest
class TopLevelErrorLanguageIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					datasci | -     | { pendingOrders(first: 1) { totalCount } }                                                         | Your role may not read pendingOrders.
					datasci | de-DE | { pendingOrders(first: 1) { totalCount } }                                                         | Ihre Rolle darf pendingOrders nicht lesen.
					sales   | -     | mutation { setCreditLimit(input: { customerId: "C-none", amount: "1", reason: "x" }) { userErrors { code } } } | Your role may not run setCreditLimit.
					sales   | de    | mutation { setCreditLimit(input: { customerId: "C-none", amount: "1", reason: "x" }) { userErrors { code } } } | Ihre Rolle darf setCreditLimit nicht ausführen.
					""")
	void forbiddenReadsInTheCallersLanguage(String user, String language, String document, String message) {
		ResponseError error = onlyError(user, language, document);
		assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
		assertThat(error.getMessage()).isEqualTo(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | The query nests fields more than 15 levels deep, the most allowed. Ask for less nesting, or make a second request.
					de | Die Abfrage verschachtelt Felder tiefer als 15 Ebenen, das zulässige Höchstmaß. Verschachteln Sie weniger oder stellen Sie eine zweite Anfrage.
					""")
	void aQueryTooDeepReadsInTheCallersLanguage(String language, String message) {
		String document = "{ customer(id: \"x\") { " + "parent { ".repeat(29) + "id" + " }".repeat(29) + " } }";
		ResponseError error = onlyError("sales", language, document);
		assertThat(error.getExtensions()).containsEntry("code", "QUERY_TOO_DEEP");
		assertThat(error.getMessage()).isEqualTo(message);
	}

	private ResponseError onlyError(String user, String language, String document) {
		return GraphQlClients.onlyError(this.graphQl, user, language, document, Map.of());
	}

}
