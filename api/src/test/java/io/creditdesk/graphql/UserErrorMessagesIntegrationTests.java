package io.creditdesk.graphql;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal's message in the caller's language ({@code Accept-Language}): every sentence
 * from the catalogue, German where asked, English otherwise (and for a language the
 * catalogue does not have), with its figures in the reader's number format and the policy
 * level that set a limit named.
 */
@CreditDeskIntegrationTest
class UserErrorMessagesIntegrationTests {

	private static final String PLACE = "mutation { placeOrder(input: {orderId: \"\", customerId: \"missing-customer\", amount: \"0\", currency: \"EUR\"}) { userErrors { field code message } } }";

	private static final String UPSERT_POLICY = "mutation($input: UpsertCreditPolicyInput!) { upsertCreditPolicy(input: $input) { userErrors { code message } } }";

	private static final String CREATE_CUSTOMER = "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code message } } }";

	private static final String SET_LIMIT = "mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { userErrors { field code message } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	record Error(String field, String code, String message) {
	}

	@Test
	void everyRefusalOfAMutationIsInTheCallersLanguage() {
		List<Error> english = place(null);
		List<Error> german = place("de");
		assertThat(english).contains(new Error("orderId", "REQUIRED", "orderId is required."));
		assertThat(german).contains(new Error("orderId", "REQUIRED", "orderId ist erforderlich."));
		assertThat(german).hasSameSizeAs(english);
		for (int i = 0; i < english.size(); i++) {
			assertThat(german.get(i).code()).isEqualTo(english.get(i).code());
			assertThat(german.get(i).message()).as(english.get(i).code()).isNotEqualTo(english.get(i).message());
		}
	}

	@Test
	void aLanguageTheCatalogueDoesNotHaveReadsEnglish() {
		String unknownCustomer = "mutation { placeOrder(input: {orderId: \"messages-1\", customerId: \"missing-customer\", amount: \"1\", currency: \"EUR\"}) { userErrors { field code message } } }";
		for (String language : new String[] { null, "fr" }) {
			assertThat(run(unknownCustomer, Map.of(), language)).singleElement()
				.satisfies(error -> assertThat(error.message())
					.isEqualTo("There is no customer with id 'missing-customer'."));
		}
	}

	@Test
	void aRefusalNamesItsFiguresInTheReadersNumberFormatAndTheLevelThatSetTheCap() {
		String segment = uniqueSegment();
		upsertSegmentPolicy(segment, Map.of("hardCap", Map.of("amount", "20000", "currency", "EUR")));
		String customerId = newCustomer(segment);
		Map<String, Object> limit = Map.of("input", Map.of("customerId", customerId, "amount", "25000", "validUntil",
				LocalDate.now().plusMonths(6).toString(), "reason", "Too much"));

		assertThat(run(SET_LIMIT, limit, null)).singleElement()
			.isEqualTo(new Error("amount", "OVER_HARD_CAP",
					"The limit 25,000.00 EUR is above the hard cap 20,000.00 EUR set for segment " + segment + "."));
		assertThat(run(SET_LIMIT, limit, "de")).singleElement()
			.isEqualTo(new Error("amount", "OVER_HARD_CAP", "Das Limit von 25.000,00 EUR liegt über der Obergrenze von "
					+ "20.000,00 EUR, festgelegt für Segment " + segment + "."));
	}

	@Test
	void aHeldOrdersReasonReadsInTheCallersLanguageAndNamesTheLevelThatSetTheMaximum() {
		String segment = uniqueSegment();
		upsertSegmentPolicy(segment, Map.of("hardCap", Map.of("amount", "50000", "currency", "EUR"), "maxOrderAmount",
				Map.of("amount", "20000", "currency", "EUR")));
		String customerId = activeCustomer(segment, "30000");
		String place = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { decision { status reasons { code message threshold actual } } userErrors { code message } } }";
		Map<String, Object> order = Map.of("orderId", "messages-" + customerId, "customerId", customerId, "amount",
				"25000", "currency", "EUR");
		for (String language : new String[] { null, "de" }) {
			HttpGraphQlTester sales = GraphQlClients.as(this.graphQl, "sales");
			if (language != null) {
				sales = sales.mutate().header("Accept-Language", language).build();
			}
			Reason reason = sales.document(place)
				.variable("input", order)
				.execute()
				.path("placeOrder.decision.reasons[0]")
				.entity(Reason.class)
				.get();
			// The figures stay as the API has always shown them; the sentence reads them.
			assertThat(reason.code()).isEqualTo("ORDER_ABOVE_MAX_VALUE");
			assertThat(reason.threshold()).isEqualTo("20000.00 EUR");
			assertThat(reason.actual()).isEqualTo("25000.00 EUR");
			assertThat(reason.message()).isEqualTo((language == null)
					? "Order of 25,000.00 EUR is above the maximum order value of 20,000.00 EUR set for segment "
							+ segment + "; it waits for Finance."
					: "Auftrag über 25.000,00 EUR übersteigt den Höchstauftragswert von 20.000,00 EUR, festgelegt für Segment "
							+ segment + "; er wartet auf die Finanzabteilung.");
		}
	}

	@Test
	void theLevelIsKeptWithTheStoredOrder() {
		String segment = uniqueSegment();
		upsertSegmentPolicy(segment, Map.of("maxOrderAmount", Map.of("amount", "1000", "currency", "EUR")));
		String customerId = activeCustomer(segment, "30000");
		String orderId = "messages-stored-" + customerId;
		GraphQlClients.as(this.graphQl, "sales")
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }")
			.variable("input",
					Map.of("orderId", orderId, "customerId", customerId, "amount", "1500", "currency", "EUR"))
			.execute()
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String message = GraphQlClients.as(this.graphQl, "sales")
			.mutate()
			.header("Accept-Language", "de")
			.build()
			.document("query($id: ID!) { order(id: $id) { decision { reasons { message } } } }")
			.variable("id", orderId)
			.execute()
			.path("order.decision.reasons[0].message")
			.entity(String.class)
			.get();
		assertThat(message).isEqualTo("Auftrag über 1.500,00 EUR übersteigt den Höchstauftragswert von 1.000,00 EUR, "
				+ "festgelegt für Segment " + segment + "; er wartet auf die Finanzabteilung.");
	}

	record Reason(String code, String message, String threshold, String actual) {
	}

	private String uniqueSegment() {
		String segment = "F18_" + TestCustomers.uniqueRef().replaceAll("[^A-Za-z0-9]", "").toUpperCase();
		return segment.substring(0, Math.min(segment.length(), 40));
	}

	private void upsertSegmentPolicy(String segment, Map<String, Object> settings) {
		Map<String, Object> input = new HashMap<>(settings);
		input.putAll(Map.of("level", "SEGMENT", "code", segment, "reason", "Messages test"));
		List<Error> errors = GraphQlClients.as(this.graphQl, "cfo")
			.document(UPSERT_POLICY)
			.variable("input", input)
			.execute()
			.path("upsertCreditPolicy.userErrors")
			.entityList(Error.class)
			.get();
		assertThat(errors).isEmpty();
	}

	private String activeCustomer(String segment, String limit) {
		String customerId = newCustomer(segment);
		List<Error> errors = GraphQlClients.as(this.graphQl, "admin")
			.document(SET_LIMIT)
			.variable("input",
					Map.of("customerId", customerId, "amount", limit, "validUntil",
							LocalDate.now().plusMonths(6).toString(), "reason", "Messages test"))
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Error.class)
			.get();
		assertThat(errors).isEmpty();
		return customerId;
	}

	private String newCustomer(String segment) {
		return GraphQlClients.as(this.graphQl, "manager")
			.document(CREATE_CUSTOMER)
			.variable("input",
					Map.of("externalRef", TestCustomers.uniqueRef(), "name", "Messages GmbH", "taxId",
							TestCustomers.uniqueGermanTaxId(), "countryCode", "DE", "segment", segment, "tier",
							"F18_TIER", "industry", "F18_INDUSTRY", "creditCurrency", "EUR"))
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
	}

	private List<Error> place(String language) {
		return run(PLACE, Map.of(), language);
	}

	private List<Error> run(String document, Map<String, Object> variables, String language) {
		String payload = document.contains("setCreditLimit") ? "setCreditLimit" : "placeOrder";
		HttpGraphQlTester.Request<?> request = GraphQlClients
			.as(this.graphQl, payload.equals("placeOrder") ? "sales" : "admin", language)
			.document(document);
		variables.forEach(request::variable);
		return request.execute().path(payload + ".userErrors").entityList(Error.class).get();
	}

}
