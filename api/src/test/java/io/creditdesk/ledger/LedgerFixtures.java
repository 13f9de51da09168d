package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

import java.util.HashMap;
import java.util.Map;

import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Customers and documents for ledger tests, created through the API. */
final class LedgerFixtures {

	private final HttpGraphQlTester graphQl;

	LedgerFixtures(HttpGraphQlTester graphQl) {
		this.graphQl = graphQl;
	}

	HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

	/**
	 * An active customer in its own segment (so tests never share policies) with the
	 * given limit.
	 */
	String activeCustomer(String limit) {
		return activeCustomer(limit, "EUR", "LEDGER_" + TestCustomers.uniqueRef().replace("-", "_"));
	}

	String activeCustomer(String limit, String currency, String segment) {
		String id = TestCustomers.create(as("admin"), segment, "SILVER", "RETAIL", currency);
		TestCustomers.setLimit(as("admin"), id, limit);
		return id;
	}

	String segmentOf(String customerId) {
		return as("admin").document("{ customer(id: \"" + customerId + "\") { segment } }")
			.execute()
			.path("customer.segment")
			.entity(String.class)
			.get();
	}

	void policy(Map<String, Object> input) {
		as("cfo").document(
				"mutation($input: UpsertCreditPolicyInput!) { upsertCreditPolicy(input: $input) { userErrors { code message } } }")
			.variable("input", input)
			.execute()
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	static final String DECISION = "order { id status version open { amount } shipped { amount } invoiced { amount } pendingAmendment { amount { amount } } } "
			+ "decision { status reasonCodes amount { amount currency } limit { amount } exposure { amount } available { amount } availableAfter { amount } decidedBy } "
			+ "userErrors { field code message }";

	GraphQlTester.Response place(String user, String orderId, String customerId, String amount, String currency) {
		return place(user,
				Map.of("orderId", orderId, "customerId", customerId, "amount", amount, "currency", currency));
	}

	GraphQlTester.Response place(String user, Map<String, Object> input) {
		return as(user)
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { " + DECISION + " } }")
			.variable("input", input)
			.execute();
	}

	/**
	 * Ships {@code amount} of the order as the machine client (all of what is open when
	 * null).
	 */
	GraphQlTester.Response ship(String orderId, String shipmentId, String amount) {
		Map<String, Object> input = new HashMap<>(Map.of("orderId", orderId, "shipmentId", shipmentId));
		if (amount != null) {
			input.put("amount", amount);
		}
		return mutate("integration", "shipOrder", "ShipOrderInput", input, DECISION);
	}

	GraphQlTester.Response mutate(String user, String mutation, String inputType, Map<String, Object> input,
			String selection) {
		return as(user)
			.document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { " + selection + " } }")
			.variable("input", input)
			.execute();
	}

	GraphQlTester.Response exposure(String customerId) {
		return as("manager").document("{ customer(id: \"" + customerId
				+ "\") { availableCredit { amount } utilization exposure { "
				+ "limit { amount } openOrders { amount } longDatedOrders { amount } shippedNotInvoiced { amount } receivables { amount } "
				+ "overdue { amount } secured { amount } gross { amount } net { amount } availableCredit { amount } groupExposure { amount } } } }")
			.execute();
	}

	String available(String customerId) {
		return exposure(customerId).path("customer.availableCredit.amount").entity(String.class).get();
	}

	String counter(String customerId, String name) {
		return exposure(customerId).path("customer.exposure." + name + ".amount").entity(String.class).get();
	}

	/**
	 * Asserts that the reconciliation finds {@code customerId}'s counters, and its
	 * group's figure when it heads one, as its documents say.
	 */
	void noDrift(String customerId) {
		as("manager").document("{ exposureReconciliation(customerId: \"" + customerId + "\") { drifted } }")
			.execute()
			.path("exposureReconciliation.drifted")
			.entity(Boolean.class)
			.isEqualTo(false);
	}

	/**
	 * Adds a guarantee of {@code amount} EUR to {@code customer}, as a credit manager,
	 * counting from {@code validFrom} to {@code expiresOn} (null: open).
	 * @return the security's id
	 */
	String addGuarantee(String customer, String amount, LocalDate validFrom, LocalDate expiresOn) {
		Map<String, Object> input = new HashMap<>(Map.of("customerId", customer, "type", "GUARANTEE", "reference",
				"G-" + TestCustomers.uniqueRef(), "amount", Map.of("amount", amount, "currency", "EUR")));
		if (validFrom != null) {
			input.put("validFrom", validFrom.toString());
		}
		if (expiresOn != null) {
			input.put("expiresOn", expiresOn.toString());
		}
		GraphQlTester.Response added = mutate("manager", "addCreditSecurity", "AddCreditSecurityInput", input,
				"security { id } userErrors { code }");
		added.path("addCreditSecurity.userErrors").entityList(Object.class).hasSize(0);
		return added.path("addCreditSecurity.security.id").entity(String.class).get();
	}

	/** Releases the security {@code securityId}, as a credit manager. */
	void release(String securityId) {
		mutate("manager", "releaseCreditSecurity", "ReleaseCreditSecurityInput",
				Map.of("securityId", securityId, "reason", "returned"), "userErrors { code }")
			.path("releaseCreditSecurity.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Makes {@code member} a member of {@code parent}'s credit group, as an admin. */
	void join(String member, String parent) {
		as("admin")
			.document("mutation { updateCustomer(input: {id: \"" + member + "\", parentId: \"" + parent
					+ "\"}) { userErrors { code } } }")
			.execute()
			.path("updateCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Sets the group credit limit of {@code parent}'s group, as a credit manager. */
	void groupLimit(String parent, String amount) {
		as("manager")
			.document("mutation { setGroupCreditLimit(input: {parentId: \"" + parent + "\", amount: \"" + amount
					+ "\", reason: \"group\"}) { userErrors { code message } } }")
			.execute()
			.path("setGroupCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** The exposure of {@code parent}'s group, in the parent's currency. */
	BigDecimal groupExposure(String parent) {
		return new BigDecimal(counter(parent, "groupExposure"));
	}

	/** Asserts that a {@code placeOrder} answer approved the order. */
	static void approved(GraphQlTester.Response response) {
		response.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		response.path("placeOrder.decision.status").entity(String.class).isEqualTo("APPROVED");
	}

}
