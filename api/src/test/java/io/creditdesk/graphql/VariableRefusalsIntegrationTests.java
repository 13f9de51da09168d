package io.creditdesk.graphql;

import java.util.LinkedHashMap;
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
 * A variable's value refused before anything runs: the whole message from the catalogue
 * in the caller's language (before: graphql-java's English "Variable 'to' has an invalid
 * value: " before the German sentence), and, inside an input object or list, the refused
 * field in {@code extensions.field} (before: nothing below the variable), the code and
 * classification as they were.
 */
@CreditDeskIntegrationTest
class VariableRefusalsIntegrationTests {

	private static final String PLACE_ORDER = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Variable 'to' has an invalid value: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					en | Variable 'to' has an invalid value: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					fr | Variable 'to' has an invalid value: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					de | Die Variable 'to' hat einen ungültigen Wert: Das Datum '2026-13-45' gibt es nicht: Es gibt keinen Monat 13 (Monate sind 01 bis 12).
					""")
	void aRefusedScalarVariableReadsWhollyInTheCallersLanguage(String language, String message) {
		ResponseError error = onlyError("admin", language, "query($to: Date) { portfolioKpis(to: $to) { days } }",
				Map.of("to", "2026-13-45"));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE")
			.containsEntry("variable", "to")
			.doesNotContainKey("field");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Variable 'input' has an invalid value in field requestedDeliveryDate: Date '2026-13-45' does not exist: there is no month 13 (months are 01 to 12).
					de | Die Variable 'input' hat im Feld requestedDeliveryDate einen ungültigen Wert: Das Datum '2026-13-45' gibt es nicht: Es gibt keinen Monat 13 (Monate sind 01 bis 12).
					""")
	void aRefusedDateInsideAnInputNamesItsField(String language, String message) {
		ResponseError error = onlyError("sales", language, PLACE_ORDER,
				Map.of("input", order("requestedDeliveryDate", "2026-13-45")));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_DATE")
			.containsEntry("variable", "input")
			.containsEntry("field", "requestedDeliveryDate");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Variable 'input' has an invalid value in field amount: Decimal must be a string or a number, got Boolean.
					de | Die Variable 'input' hat im Feld amount einen ungültigen Wert: Ein Decimal muss eine Zeichenkette oder eine Zahl sein, erhalten: Boolean.
					""")
	void aRefusedDecimalInsideAnInputNamesItsField(String language, String message) {
		ResponseError error = onlyError("sales", language, PLACE_ORDER, Map.of("input", order("amount", true)));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_DECIMAL")
			.containsEntry("variable", "input")
			.containsEntry("field", "amount");
	}

	/** An item of a list inside the input is named as refusals name it: {@code [1]}. */
	@Test
	void aRefusedValueInAListNamesTheItem() {
		Map<String, Object> budget = new LinkedHashMap<>();
		budget.put("currency", "EUR");
		budget.put("periodStart", "2026-01-01");
		budget.put("periodEnd", "2026-12-31");
		budget.put("basis", "TOTAL_LIMITS");
		budget.put("total", "1000000");
		budget.put("segmentShares",
				List.of(Map.of("code", "SMB", "value", "0.5"), Map.of("code", "ENTERPRISE", "value", false)));
		budget.put("reason", "variable refusals");
		ResponseError error = onlyError("admin", "de",
				"mutation($input: UpsertCreditBudgetInput!) { upsertCreditBudget(input: $input) { userErrors { code } } }",
				Map.of("input", budget));
		assertThat(error.getMessage()).isEqualTo(
				"Die Variable 'input' hat im Feld segmentShares[1].value einen ungültigen Wert: Ein Decimal muss eine "
						+ "Zeichenkette oder eine Zahl sein, erhalten: Boolean.");
		assertThat(error.getExtensions()).containsEntry("code", "MALFORMED_DECIMAL")
			.containsEntry("field", "segmentShares[1].value");
	}

	/**
	 * graphql-java's own refusals inside an input name the field too, with a stable code
	 * and the catalogue's sentence in the caller's language (before: graphql-java's
	 * English, no code): a required field missing or null, a field the input does not
	 * have (its fields listed), a value of a built-in type or an enum that is none (an
	 * enum's values listed).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | missing | REQUIRED      | amount   | Variable 'input' needs a value in field amount.
					de | missing | REQUIRED      | amount   | Die Variable 'input' braucht im Feld amount einen Wert.
					-  | null    | REQUIRED      | amount   | Variable 'input' needs a value in field amount.
					-  | unknown | UNKNOWN_FIELD | discount | Variable 'input' has a field discount that PlaceOrderInput does not have (its fields: orderId, customerId, amount, currency, channel, requestedDeliveryDate).
					de | unknown | UNKNOWN_FIELD | discount | Die Variable 'input' hat ein Feld discount, das PlaceOrderInput nicht hat (seine Felder: orderId, customerId, amount, currency, channel, requestedDeliveryDate).
					-  | number  | INVALID_VALUE | currency | Variable 'input' has an invalid value in field currency: 978 is not of type String.
					de | number  | INVALID_VALUE | currency | Die Variable 'input' hat im Feld currency einen ungültigen Wert: 978 ist nicht vom Typ String.
					""")
	void graphQlJavasOwnRefusalsInsideAnInputHaveACodeTheFieldAndASentence(String language, String change, String code,
			String field, String message) {
		Map<String, Object> input = switch (change) {
			case "missing" -> {
				Map<String, Object> withoutAmount = order("amount", null);
				withoutAmount.remove("amount");
				yield withoutAmount;
			}
			case "null" -> order("amount", null);
			case "unknown" -> order("discount", "5");
			default -> order("currency", 978);
		};
		ResponseError error = onlyError("sales", language, PLACE_ORDER, Map.of("input", input));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getErrorType()).isEqualTo(ErrorType.ValidationError);
		assertThat(error.getExtensions()).containsEntry("code", code)
			.containsEntry("variable", "input")
			.containsEntry("field", field);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-  | Variable 'input' has an invalid value in field basis: 'EVERYTHING' is not one of TOTAL_LIMITS, EXPECTED_EXPOSURE.
					de | Die Variable 'input' hat im Feld basis einen ungültigen Wert: 'EVERYTHING' ist keiner der Werte TOTAL_LIMITS, EXPECTED_EXPOSURE.
					""")
	void anEnumValueThatIsNoneListsTheValues(String language, String message) {
		Map<String, Object> budget = new LinkedHashMap<>();
		budget.put("currency", "EUR");
		budget.put("periodStart", "2026-01-01");
		budget.put("periodEnd", "2026-12-31");
		budget.put("basis", "EVERYTHING");
		budget.put("total", "1000000");
		budget.put("reason", "variable refusals");
		ResponseError error = onlyError("admin", language,
				"mutation($input: UpsertCreditBudgetInput!) { upsertCreditBudget(input: $input) { userErrors { code } } }",
				Map.of("input", budget));
		assertThat(error.getMessage()).isEqualTo(message);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_VALUE").containsEntry("field", "basis");
	}

	/** A required variable left out: the variable is named, no field below it. */
	@Test
	void aRequiredVariableLeftOutIsNamed() {
		ResponseError error = onlyError("sales", "de", PLACE_ORDER, Map.of());
		assertThat(error.getMessage()).isEqualTo("Die Variable 'input' braucht einen Wert.");
		assertThat(error.getExtensions()).containsEntry("code", "REQUIRED")
			.containsEntry("variable", "input")
			.doesNotContainKey("field");
	}

	private static Map<String, Object> order(String field, Object value) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("orderId", "O-VAR-1");
		order.put("customerId", "C-none");
		order.put("amount", "10");
		order.put("currency", "EUR");
		order.put(field, value);
		return order;
	}

	private ResponseError onlyError(String user, String language, String document, Map<String, Object> variables) {
		return GraphQlClients.onlyError(this.graphQl, user, language, document, variables);
	}

}
