package io.creditdesk.graphql;

import java.util.List;
import java.util.Map;

import graphql.ErrorType;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An argument written inline in the document (as the README's examples and GraphiQL write
 * them) that validation refuses reads as a refused variable does: a stable code,
 * {@code extensions.argument} and {@code extensions.field}, the catalogue's sentence in
 * the caller's language (before: graphql-java's validator text with the literal's syntax
 * tree, no code, no field).
 */
@CreditDeskIntegrationTest
class ArgumentRefusalsIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | currency: "EUR", channel: "WEBSHOP"    | REQUIRED      | amount   | Argument 'input' needs a value in field amount.
					de | currency: "EUR", channel: "WEBSHOP"    | REQUIRED      | amount   | Das Argument 'input' braucht im Feld amount einen Wert.
					-  | amount: null, currency: "EUR"          | REQUIRED      | amount   | Argument 'input' needs a value in field amount.
					-  | amount: "10", currency: "EUR", foo: 1  | UNKNOWN_FIELD | foo      | Argument 'input' has a field foo that PlaceOrderInput does not have (its fields: orderId, customerId, amount, currency, channel, requestedDeliveryDate).
					de | amount: "10", currency: "EUR", foo: 1  | UNKNOWN_FIELD | foo      | Das Argument 'input' hat ein Feld foo, das PlaceOrderInput nicht hat (seine Felder: orderId, customerId, amount, currency, channel, requestedDeliveryDate).
					-  | amount: "10", currency: EUR            | INVALID_VALUE | currency | Argument 'input' has an invalid value in field currency: EUR is not of type String.
					de | amount: "10", currency: EUR            | INVALID_VALUE | currency | Das Argument 'input' hat im Feld currency einen ungültigen Wert: EUR ist nicht vom Typ String.
					-  | amount: "10", currency: 978            | INVALID_VALUE | currency | Argument 'input' has an invalid value in field currency: 978 is not of type String.
					""")
	void aRefusedLiteralInsideAnInputHasACodeTheFieldAndASentence(String language, String fields, String code,
			String field, String message) {
		ResponseError error = onlyError("sales", language, placeOrder(fields));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", code)
			.containsEntry("argument", "input")
			.containsEntry("field", field);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Argument 'input' has an invalid value in field requestedDeliveryDate: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					de | Das Argument 'input' hat im Feld requestedDeliveryDate einen ungültigen Wert: Das Datum '2026-13-45' gibt es nicht: Es gibt keinen Monat 13 (Monate sind 01 bis 12).
					""")
	void aRefusedDateLiteralKeepsItsCodeAndReadsWhollyInTheCallersLanguage(String language, String message) {
		ResponseError error = onlyError("sales", language,
				placeOrder("amount: \"10\", currency: \"EUR\", requestedDeliveryDate: \"2026-13-45\""));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE")
			.containsEntry("argument", "input")
			.containsEntry("field", "requestedDeliveryDate");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Argument 'to' has an invalid value: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					de | Das Argument 'to' hat einen ungültigen Wert: Das Datum '2026-13-45' gibt es nicht: Es gibt keinen Monat 13 (Monate sind 01 bis 12).
					""")
	void aRefusedScalarArgumentIsNamedWithoutAField(String language, String message) {
		ResponseError error = onlyError("admin", language, "{ portfolioKpis(to: \"2026-13-45\") { days } }");
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE")
			.containsEntry("argument", "to")
			.doesNotContainKey("field");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			-  | Argument 'input' needs a value.
			de | Das Argument 'input' braucht einen Wert.
			""")
	void aRequiredArgumentLeftOutIsNamed(String language, String message) {
		ResponseError error = onlyError("sales", language, "mutation { placeOrder { userErrors { code } } }");
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", "REQUIRED")
			.containsEntry("argument", "input")
			.doesNotContainKey("field");
	}

	/** An enum's values are listed; a literal inside a fragment is found too. */
	@Test
	void anEnumValueThatIsNoneListsTheValuesInAFragment() {
		ResponseError error = onlyError("admin", "de",
				"query { ...kpis } fragment kpis on Query { customers(filter: { status: SLEEPING }, first: 1) { totalCount } }");
		assertThat(error.getMessage()).startsWith(
				"Das Argument 'filter' hat im Feld status einen ungültigen Wert: " + "SLEEPING ist keiner der Werte ");
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_VALUE")
			.containsEntry("argument", "filter")
			.containsEntry("field", "status");
	}

	/**
	 * Other validation errors are told by {@link DocumentRefusals}
	 * ({@code DocumentRefusalsIntegrationTests}), not as a refused argument.
	 */
	@Test
	void anUnknownSelectionIsNoRefusedArgument() {
		ResponseError error = onlyError("admin", null, "{ customers(first: 1) { nothingHere } }");
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getMessage()).isEqualTo("CustomerConnection has no field 'nothingHere'.");
		assertThat(error.getExtensions()).containsEntry("code", "UNKNOWN_FIELD").doesNotContainKey("argument");
	}

	private static String placeOrder(String fields) {
		return "mutation { placeOrder(input: { orderId: \"M-1\", customerId: \"C-none\", " + fields
				+ " }) { userErrors { code } } }";
	}

	private ResponseError onlyError(String user, String language, String document) {
		List<ResponseError> errors = errors(user, language, document);
		assertThat(errors).as("errors of %s in %s", document, language).hasSize(1);
		return errors.get(0);
	}

	private List<ResponseError> errors(String user, String language, String document) {
		return GraphQlClients.errors(this.graphQl, user, language, document, Map.of());
	}

}
