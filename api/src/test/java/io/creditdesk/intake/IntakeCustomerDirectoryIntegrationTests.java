package io.creditdesk.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.intake.CustomerDirectory.KnownCustomer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake's customer directory against the real customer capability and store: a
 * reference moved to another customer is found as soon as the directory reads the
 * references version again; other changes leave the version alone; a reference differing
 * only in case finds its one customer.
 */
@CreditDeskIntegrationTest
class IntakeCustomerDirectoryIntegrationTests {

	@Autowired
	private CustomerService customers;

	@Autowired
	private HttpGraphQlTester graphQl;

	private String create(String externalRef, String name) {
		return TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"),
				Map.of("externalRef", externalRef, "name", name, "taxId", TestCustomers.uniqueGermanTaxId(),
						"countryCode", "DE", "segment", "SMB", "tier", "SILVER", "industry", "RETAIL", "creditCurrency",
						"EUR"));
	}

	private void update(String id, Map<String, Object> changes) {
		Map<String, Object> input = new HashMap<>(changes);
		input.put("id", id);
		GraphQlClients.as(this.graphQl, "admin")
			.documentName("updateCustomer")
			.variable("input", input)
			.execute()
			.path("updateCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void aReferenceMovedToAnotherCustomerIsFollowedOnceTheVersionMoves() {
		CustomerServiceDirectory directory = new CustomerServiceDirectory(this.customers, Duration.ZERO);
		String ref = TestCustomers.uniqueRef();
		String first = create(ref, "First Holder GmbH");
		assertThat(directory.byExternalRef(ref)).contains(new KnownCustomer(first, "EUR"));
		assertThat(directory.byExternalRef(" " + ref.toLowerCase() + " ")).contains(new KnownCustomer(first, "EUR"));

		long before = this.customers.referencesVersion();
		update(first, Map.of("name", "First Holder Renamed GmbH"));
		assertThat(this.customers.referencesVersion()).as("a rename finds no one differently").isEqualTo(before);

		update(first, Map.of("externalRef", ref + "-OLD"));
		String second = create(ref, "Second Holder GmbH");
		assertThat(this.customers.referencesVersion()).isGreaterThanOrEqualTo(before + 2);
		assertThat(directory.byExternalRef(ref)).contains(new KnownCustomer(second, "EUR"));
		assertThat(directory.byExternalRef(" " + ref.toLowerCase() + " ")).contains(new KnownCustomer(second, "EUR"));
		assertThat(directory.byExternalRef(ref + "-OLD")).contains(new KnownCustomer(first, "EUR"));
	}

	/**
	 * A reference differing only in case finds the one customer that has it; a second
	 * customer is never given it (the reference is unique ignoring case), so an intake
	 * order cannot move to another company. Before, the second customer took it and,
	 * matching exactly, took over the first one's orders.
	 */
	@Test
	void aReferenceDifferingOnlyInCaseFindsItsOneCustomerAndNoOtherCustomerTakesIt() {
		CustomerServiceDirectory directory = new CustomerServiceDirectory(this.customers, Duration.ZERO);
		String ref = "Mixed-" + TestCustomers.uniqueRef();
		String mixed = create(ref, "Mixed Case GmbH");
		String lower = ref.toLowerCase(Locale.ROOT);
		assertThat(directory.byExternalRef(lower)).contains(new KnownCustomer(mixed, "EUR"));
		GraphQlClients.as(this.graphQl, "admin")
			.documentName("createCustomer")
			.variable("input",
					Map.of("externalRef", lower, "name", "Lower Case GmbH", "taxId", TestCustomers.uniqueGermanTaxId(),
							"countryCode", "DE", "segment", "SMB", "tier", "SILVER", "industry", "RETAIL",
							"creditCurrency", "EUR"))
			.execute()
			.path("createCustomer.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("DUPLICATE_EXTERNAL_REF");
		assertThat(directory.byExternalRef(lower)).contains(new KnownCustomer(mixed, "EUR"));
	}

}
