package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.intake.CustomerDirectory.KnownCustomer;
import io.creditdesk.intake.adapter.ChannelOrder;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The intake's customer directory against the real customer capability and store: a
 * reference moved to another customer is found as soon as the directory reads the
 * references version again; other changes leave the version alone; a reference differing
 * only in case finds its one customer, and one that several customers stored before the
 * rule share ignoring case names no one.
 */
@CreditDeskIntegrationTest
class IntakeCustomerDirectoryIntegrationTests {

	@Autowired
	private CustomerService customers;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

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

	/**
	 * Two customers stored before references had to be unique ignoring case, whose
	 * references differ only in case: an order naming the reference in a third spelling
	 * names no one customer. It was refused as UNKNOWN_CUSTOMER ("no customer has the
	 * external reference"), though two have it; now as AMBIGUOUS_CUSTOMER naming both, in
	 * the reader's language. Each exact spelling still finds its customer.
	 */
	@Test
	void aReferenceTwoOldCustomersShareIgnoringCaseIsAmbiguousNamingBoth() {
		CustomerServiceDirectory directory = new CustomerServiceDirectory(this.customers, Duration.ZERO);
		String ref = "Shared-" + TestCustomers.uniqueRef();
		String upper = storedBeforeTheRule(ref.toUpperCase(Locale.ROOT));
		String lower = storedBeforeTheRule(ref.toLowerCase(Locale.ROOT));
		assertThat(directory.byExternalRef(ref.toUpperCase(Locale.ROOT))).contains(new KnownCustomer(upper, "EUR"));
		assertThat(directory.byExternalRef(ref.toLowerCase(Locale.ROOT))).contains(new KnownCustomer(lower, "EUR"));
		assertThat(directory.byExternalRef(ref)).isEmpty();
		assertThat(directory.sharingExternalRef(" " + ref + " ")).containsExactly(upper, lower);
		assertThat(directory.sharingExternalRef(ref.toUpperCase(Locale.ROOT))).isEmpty();
		assertThat(directory.sharingExternalRef("Nobody-" + TestCustomers.uniqueRef())).isEmpty();

		ChannelOrder order = new ChannelOrder("WS-AMB-1", new ChannelOrder.CustomerRef(" " + ref + " ", null, null),
				"EUR", null, null, List.of(new ChannelOrder.Line("SKU-1", BigDecimal.ONE, BigDecimal.TEN)));
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> new OrderNormalizer(directory).normalize(IntakeChannel.WEBSHOP, order));
		assertThat(refused).isNotNull();
		UserError error = refused.errors().get(0);
		assertThat(error.code().code()).isEqualTo("AMBIGUOUS_CUSTOMER");
		assertThat(error.field()).isEqualTo("customer.externalRef");
		assertThat(error.message(Locale.ENGLISH)).contains("'" + ref + "'")
			.contains(upper + ", " + lower)
			.contains("several have it ignoring case");
		assertThat(error.message(Locale.GERMAN)).contains("'" + ref + "'")
			.contains(upper + ", " + lower)
			.contains("mehrere ohne Beachtung der Groß-/Kleinschreibung");
	}

	/**
	 * Stores a customer as before references had to be unique ignoring case: directly,
	 * without the service's check and the key of its reference.
	 */
	private String storedBeforeTheRule(String externalRef) {
		Customer customer = new Customer(new ObjectId().toHexString(), externalRef, "Old Customer GmbH",
				TestCustomers.uniqueGermanTaxId(), "DE", "SMB", "SILVER", "RETAIL", null, "EUR", CustomerStatus.ACTIVE,
				List.of(), null, Instant.now(), Instant.now(), 1, null);
		Document document = new Document();
		this.mongo.getConverter().write(customer, document);
		this.mongo.getCollection("customers").insertOne(document);
		return customer.id();
	}

}
