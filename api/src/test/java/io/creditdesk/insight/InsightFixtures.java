package io.creditdesk.insight;

import java.util.Map;

import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Customers, orders and invoices for insight tests, created through the API. */
final class InsightFixtures {

	private final HttpGraphQlTester graphQl;

	InsightFixtures(HttpGraphQlTester graphQl) {
		this.graphQl = graphQl;
	}

	HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

	static String uniqueSegment() {
		return "INSIGHT_" + TestCustomers.uniqueRef().replace("-", "_");
	}

	/**
	 * An active customer (setting the first limit activates it) with the given limit in
	 * EUR.
	 */
	String activeCustomer(String segment, String limit) {
		String id = TestCustomers.create(as("admin"), segment, "SILVER", "RETAIL", "EUR");
		mutation("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", limit, "reason", "test"), "userErrors { code }")
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	void suspend(String customerId) {
		mutation("manager", "setCustomerStatus", "SetCustomerStatusInput",
				Map.of("customerId", customerId, "status", "SUSPENDED", "reason", "test"), "userErrors { code }")
			.path("setCustomerStatus.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Places an order as sales and returns the decision status. */
	String place(String orderId, String customerId, String amount) {
		return mutation("sales", "placeOrder", "PlaceOrderInput",
				Map.of("orderId", orderId, "customerId", customerId, "amount", amount, "currency", "EUR"),
				"decision { status } userErrors { code }")
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("placeOrder.decision.status")
			.entity(String.class)
			.get();
	}

	void release(String orderId, boolean override) {
		mutation("manager", "releaseOrder", "ReleaseOrderInput",
				Map.of("orderId", orderId, "reason", "test", "overrideLimit", override), "userErrors { code message }")
			.path("releaseOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	/** Issues a standalone invoice in EUR and returns its due date. */
	String invoice(String invoiceId, String customerId, String amount, String invoiceDate) {
		return mutation("integration", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", invoiceId, "customerId", customerId, "amount", amount, "currency", "EUR",
						"invoiceDate", invoiceDate),
				"invoice { dueDate } userErrors { code message }")
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("issueInvoice.invoice.dueDate")
			.entity(String.class)
			.get();
	}

	void pay(String paymentId, String invoiceId, String amount, String paymentDate) {
		mutation("integration", "recordPayment", "RecordPaymentInput",
				Map.of("paymentId", paymentId, "invoiceId", invoiceId, "amount", amount, "paymentDate", paymentDate),
				"userErrors { code message }")
			.path("recordPayment.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	GraphQlTester.Response mutation(String user, String name, String inputType, Map<String, Object> input,
			String selection) {
		return as(user)
			.document("mutation($input: " + inputType + "!) { " + name + "(input: $input) { " + selection + " } }")
			.variable("input", input)
			.execute();
	}

}
