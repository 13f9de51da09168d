package io.creditdesk.customer;

import java.time.Duration;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's credit analyst and sales owner: set, kept, removed, refused when not a
 * username, and audited.
 */
@CreditDeskIntegrationTest
class CustomerAssignmentIntegrationTests {

	private static final String ASSIGN = """
			mutation($input: AssignCustomerInput!) {
			  assignCustomer(input: $input) {
			    customer { id creditAnalyst salesOwner auditTrail(first: 1) { edges { node { action changes { field before after } } } } }
			    userErrors { field code message }
			  }
			}""";

	@Autowired
	private HttpGraphQlTester graphQl;

	private HttpGraphQlTester as(String user) {
		// The first requests after a context start may queue on a busy machine beyond the
		// web test client's own 5 s.
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	private GraphQlTester.Response assign(Map<String, Object> input) {
		return as("manager").document(ASSIGN).variable("input", input).execute();
	}

	@Test
	void aManagerAssignsTheAnalystAndTheSalesOwnerAndEachChangeIsAudited() {
		String id = TestCustomers.create(as("admin"), "SMB", "GOLD", "RETAIL", "EUR");
		GraphQlTester.Response both = assign(
				Map.of("customerId", id, "creditAnalyst", "analyst", "salesOwner", "sales", "reason", "new territory"));
		both.path("assignCustomer.userErrors").entityList(Object.class).hasSize(0);
		both.path("assignCustomer.customer.creditAnalyst").entity(String.class).isEqualTo("analyst");
		both.path("assignCustomer.customer.salesOwner").entity(String.class).isEqualTo("sales");
		both.path("assignCustomer.customer.auditTrail.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("CUSTOMER_ASSIGNED");

		GraphQlTester.Response ownerOnly = assign(Map.of("customerId", id, "salesOwner", ""));
		ownerOnly.path("assignCustomer.customer.creditAnalyst").entity(String.class).isEqualTo("analyst");
		ownerOnly.path("assignCustomer.customer.salesOwner").valueIsNull();
	}

	@Test
	void aUsernameWithSpacesOrMarkupIsRefusedAndNothingChanges() {
		String id = TestCustomers.create(as("admin"), "SMB", "GOLD", "RETAIL", "EUR");
		GraphQlTester.Response refused = assign(Map.of("customerId", id, "creditAnalyst", "<b>eve</b> x"));
		refused.path("assignCustomer.customer").valueIsNull();
		refused.path("assignCustomer.userErrors[0].code").entity(String.class).isEqualTo("INVALID_USERNAME");
		refused.path("assignCustomer.userErrors[0].field").entity(String.class).isEqualTo("creditAnalyst");
		String message = refused.path("assignCustomer.userErrors[0].message").entity(String.class).get();
		assertThat(message).contains("creditAnalyst");
	}

	@Test
	void aUserTheServiceDoesNotKnowIsRefusedByFieldAndNothingChanges() {
		String id = TestCustomers.create(as("admin"), "SMB", "GOLD", "RETAIL", "EUR");
		assign(Map.of("customerId", id, "creditAnalyst", "analyst", "salesOwner", "sales"));
		for (String field : new String[] { "creditAnalyst", "salesOwner" }) {
			GraphQlTester.Response refused = assign(Map.of("customerId", id, field, "nosuchuser"));
			refused.path("assignCustomer.customer").valueIsNull();
			refused.path("assignCustomer.userErrors[0].code").entity(String.class).isEqualTo("UNKNOWN_USER");
			refused.path("assignCustomer.userErrors[0].field").entity(String.class).isEqualTo(field);
			assertThat(refused.path("assignCustomer.userErrors[0].message").entity(String.class).get()).contains(field)
				.contains("nosuchuser");
		}
		// Nothing changed: a known user is assigned again without a change.
		GraphQlTester.Response kept = assign(Map.of("customerId", id, "creditAnalyst", "analyst"));
		kept.path("assignCustomer.customer.creditAnalyst").entity(String.class).isEqualTo("analyst");
		kept.path("assignCustomer.customer.salesOwner").entity(String.class).isEqualTo("sales");
	}

}
