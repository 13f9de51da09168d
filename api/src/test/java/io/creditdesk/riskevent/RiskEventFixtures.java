package io.creditdesk.riskevent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Customers, events and orders for the risk event tests, through the API and the topic's
 * JSON shape.
 */
final class RiskEventFixtures {

	private final HttpGraphQlTester graphQl;

	RiskEventFixtures(HttpGraphQlTester graphQl) {
		this.graphQl = graphQl;
	}

	/**
	 * Signed in as {@code user}, with the HTTP client's own timeout as long as the
	 * tester's: on a loaded machine the first request after the context starts may take
	 * more than the client's default 5 s.
	 */
	HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	/** A customer as registered: its id, tax ID and external reference. */
	record Registered(String id, String taxId, String externalRef) {
	}

	/**
	 * An ACTIVE customer with a limit of 10,000 EUR, in its own segment (so that policies
	 * of other tests do not apply).
	 */
	Registered activeCustomer() {
		String taxId = TestCustomers.uniqueGermanTaxId();
		String ref = TestCustomers.uniqueRef();
		String id = TestCustomers.create(as("admin"),
				Map.of("externalRef", ref, "name", "Risk event customer " + ref, "taxId", taxId, "countryCode", "DE",
						"segment", "RISK_" + ref.replace("-", "_"), "tier", "SILVER", "industry", "RETAIL",
						"creditCurrency", "EUR", "customerSince", TestCustomers.SINCE));
		as("admin").document(
				"mutation($id: ID!) { setCreditLimit(input: {customerId: $id, amount: \"10000\", reason: \"test\"}) { userErrors { code } } }")
			.variable("id", id)
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return new Registered(id, taxId, ref);
	}

	static String event(String eventId, String type, String customer) {
		return """
				{
				  "schemaVersion": 1,
				  "eventId": "%s",
				  "source": "creditsafe",
				  "type": "%s",
				  "customer": %s,
				  "oldValue": "B", "newValue": "D",
				  "occurredAt": "2026-12-04T09:30:00Z"
				}
				""".formatted(eventId, type, customer);
	}

	static String byTaxId(String taxId) {
		return "{ \"taxId\": \"" + taxId + "\" }";
	}

	static String byExternalRef(String ref) {
		return "{ \"externalRef\": \"" + ref + "\" }";
	}

	/** The customer's status and raised flags. */
	record Profile(String status, List<String> flags) {
	}

	Profile profile(String customerId) {
		GraphQlTester.Response response = as("manager")
			.document("{ customer(id: \"" + customerId + "\") { status flags { type } } }")
			.execute();
		return new Profile(response.path("customer.status").entity(String.class).get(),
				response.path("customer.flags[*].type").entityList(String.class).get());
	}

	/** Places an order of 100 EUR as sales; returns the decision's status and reasons. */
	List<String> placeOrder(String customerId, String orderId) {
		GraphQlTester.Response response = as("sales").document(
				"mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { decision { status reasonCodes } userErrors { code } } }")
			.variable("input", Map.of("orderId", orderId, "customerId", customerId, "amount", "100", "currency", "EUR"))
			.execute();
		response.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		List<String> decision = new ArrayList<>();
		decision.add(response.path("placeOrder.decision.status").entity(String.class).get());
		decision.addAll(response.path("placeOrder.decision.reasonCodes").entityList(String.class).get());
		return decision;
	}

}
