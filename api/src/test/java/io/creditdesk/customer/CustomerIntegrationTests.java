package io.creditdesk.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Customer profiles through the GraphQL API of the running service. */
@CreditDeskIntegrationTest
class CustomerIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	private HttpGraphQlTester admin;

	private HttpGraphQlTester manager;

	@BeforeEach
	void signIn() {
		this.admin = GraphQlClients.as(this.graphQl, "admin");
		this.manager = GraphQlClients.as(this.graphQl, "manager");
	}

	private Map<String, Object> newCustomer() {
		Map<String, Object> input = new HashMap<>();
		input.put("externalRef", TestCustomers.uniqueRef());
		input.put("name", "Rhein Steelworks GmbH");
		input.put("taxId", TestCustomers.uniqueGermanTaxId());
		input.put("countryCode", "de");
		input.put("segment", " mid_market ");
		input.put("tier", "Gold");
		input.put("industry", "manufacturing");
		input.put("creditCurrency", "eur");
		return input;
	}

	private GraphQlTester.Response create(Map<String, Object> input) {
		return this.admin.documentName("createCustomer").variable("input", input).execute();
	}

	private static void hasError(GraphQlTester.Response response, String payload, String code, String field) {
		response.path(payload + ".userErrors[*].code").entityList(String.class).contains(code);
		if (field != null) {
			response.path(payload + ".userErrors[?(@.code=='" + code + "')].field")
				.entityList(String.class)
				.contains(field);
		}
		response.path(payload + ".userErrors[0].message")
			.entity(String.class)
			.satisfies(m -> assertThat(m).isNotBlank());
	}

	@Test
	void newCustomerStartsPendingWithNormalizedCodes() {
		GraphQlTester.Response response = create(newCustomer());
		response.path("createCustomer.userErrors").entityList(Object.class).hasSize(0);
		response.path("createCustomer.customer.status").entity(String.class).isEqualTo("PENDING_VERIFICATION");
		response.path("createCustomer.customer.segment").entity(String.class).isEqualTo("MID_MARKET");
		response.path("createCustomer.customer.tier").entity(String.class).isEqualTo("GOLD");
		response.path("createCustomer.customer.countryCode").entity(String.class).isEqualTo("DE");
		response.path("createCustomer.customer.creditCurrency").entity(String.class).isEqualTo("EUR");
		response.path("createCustomer.customer.creditLimit").valueIsNull();
		response.path("createCustomer.customer.version").entity(Integer.class).isEqualTo(1);
	}

	@Test
	void firstApprovedLimitActivatesTheCustomer() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		LocalDate validUntil = LocalDate.now().plusMonths(6);
		GraphQlTester.Response response = this.admin.documentName("setCreditLimit")
			.variable("input",
					Map.of("customerId", id, "amount", "125000.5", "validUntil", validUntil.toString(), "reason",
							"Onboarding review"))
			.execute();
		response.path("setCreditLimit.userErrors").entityList(Object.class).hasSize(0);
		response.path("setCreditLimit.customer.status").entity(String.class).isEqualTo("ACTIVE");
		response.path("setCreditLimit.customer.creditLimit.amount").entity(String.class).isEqualTo("125000.50");
		response.path("setCreditLimit.customer.creditLimit.currency").entity(String.class).isEqualTo("EUR");
		response.path("setCreditLimit.customer.creditLimitDetails.nextReviewDate")
			.entity(String.class)
			.isEqualTo(validUntil.toString());
		response.path("setCreditLimit.customer.creditLimitDetails.approvedBy").entity(String.class).isEqualTo("admin");
	}

	@Test
	void limitAcceptsANumberAsDecimalInput() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", 2500, "reason", "x"))
			.execute()
			.path("setCreditLimit.customer.creditLimit.amount")
			.entity(String.class)
			.isEqualTo("2500.00");
	}

	@Test
	void limitAboveTheEffectiveHardCapIsRefused() {
		String segment = "CAPPED_" + TestCustomers.uniqueRef().replace("-", "_");
		this.admin.documentName("upsertCreditPolicy")
			.variable("input",
					Map.of("level", "SEGMENT", "code", segment, "hardCap",
							Map.of("amount", "100000", "currency", "EUR"), "reason", "cap"))
			.execute()
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		Map<String, Object> input = newCustomer();
		input.put("segment", segment);
		String id = create(input).path("createCustomer.customer.id").entity(String.class).get();

		GraphQlTester.Response refused = this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "100000.01", "reason", "too much"))
			.execute();
		hasError(refused, "setCreditLimit", "OVER_HARD_CAP", "amount");
		refused.path("setCreditLimit.customer").valueIsNull();

		this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "100000", "reason", "at the cap"))
			.execute()
			.path("setCreditLimit.customer.creditLimit.amount")
			.entity(String.class)
			.isEqualTo("100000.00");
	}

	@Test
	void invalidInputIsReportedFieldByFieldWithStableCodes() {
		Map<String, Object> input = newCustomer();
		input.put("creditCurrency", "EUX");
		input.put("taxId", "DE123");
		input.put("countryCode", "DE");
		input.put("segment", "not a code!");
		GraphQlTester.Response response = create(input);
		hasError(response, "createCustomer", "UNKNOWN_CURRENCY", "creditCurrency");
		hasError(response, "createCustomer", "INVALID_TAX_ID", "taxId");
		hasError(response, "createCustomer", "INVALID_CODE", "segment");
		response.path("createCustomer.customer").valueIsNull();
	}

	@Test
	void unknownCountryIsRefused() {
		Map<String, Object> input = newCustomer();
		input.put("countryCode", "XX");
		hasError(create(input), "createCustomer", "UNKNOWN_COUNTRY", "countryCode");
	}

	@Test
	void germanTaxIdWithWrongCheckDigitIsRefused() {
		Map<String, Object> input = newCustomer();
		String valid = (String) input.get("taxId");
		char wrong = (char) ('0' + ((valid.charAt(10) - '0' + 1) % 10));
		input.put("taxId", valid.substring(0, 10) + wrong);
		hasError(create(input), "createCustomer", "INVALID_TAX_ID", "taxId");
	}

	@Test
	void duplicateExternalRefAndTaxIdAreRefused() {
		Map<String, Object> input = newCustomer();
		create(input).path("createCustomer.userErrors").entityList(Object.class).hasSize(0);
		GraphQlTester.Response again = create(input);
		hasError(again, "createCustomer", "DUPLICATE_EXTERNAL_REF", "externalRef");
		hasError(again, "createCustomer", "DUPLICATE_TAX_ID", "taxId");
	}

	/**
	 * The intake matches a reference that differs only in case when one customer has it:
	 * a second customer with "erp-10042" beside "ERP-10042" would take over the first
	 * one's orders, so the reference is unique ignoring case, on creation and on change.
	 */
	@Test
	void anExternalRefDifferingOnlyInCaseIsADuplicate() {
		Map<String, Object> first = newCustomer();
		String reference = "ERP-" + TestCustomers.uniqueRef().toUpperCase(Locale.ROOT);
		first.put("externalRef", reference);
		String firstId = create(first).path("createCustomer.customer.id").entity(String.class).get();
		Map<String, Object> second = newCustomer();
		second.put("externalRef", reference.toLowerCase(Locale.ROOT));
		GraphQlTester.Response refused = create(second);
		hasError(refused, "createCustomer", "DUPLICATE_EXTERNAL_REF", "externalRef");
		refused.path("createCustomer.userErrors[0].message")
			.entity(String.class)
			.isEqualTo("Customer " + firstId + " already has the external reference '" + reference + "'.");
		second.put("externalRef", TestCustomers.uniqueRef());
		String secondId = create(second).path("createCustomer.customer.id").entity(String.class).get();
		hasError(this.admin.document(
				"mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { userErrors { field code message } } }")
			.variable("input", Map.of("id", secondId, "externalRef", " " + reference.toLowerCase(Locale.ROOT)))
			.execute(), "updateCustomer", "DUPLICATE_EXTERNAL_REF", "externalRef");
	}

	/**
	 * The check of a reference ignoring case was a read before the insert: creations
	 * racing with references differing only in case all passed it. The store now decides:
	 * in each round exactly one wins, the others are refused as duplicates of it.
	 */
	@Test
	void concurrentCreationsWithReferencesDifferingOnlyInCaseLetExactlyOneWin() throws Exception {
		int racers = 4;
		ExecutorService pool = Executors.newFixedThreadPool(racers);
		try {
			for (int round = 0; round < 10; round++) {
				String reference = "erp-" + TestCustomers.uniqueRef().toLowerCase(Locale.ROOT);
				List<String> spellings = List.of(reference, reference.toUpperCase(Locale.ROOT),
						"Erp-" + reference.substring(4), "eRP-" + reference.substring(4).toUpperCase(Locale.ROOT));
				CyclicBarrier start = new CyclicBarrier(racers);
				List<Future<GraphQlTester.Response>> creations = new ArrayList<>();
				for (String spelling : spellings) {
					Map<String, Object> input = newCustomer();
					input.put("externalRef", spelling);
					creations.add(pool.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return create(input);
					}));
				}
				int won = 0;
				for (Future<GraphQlTester.Response> creation : creations) {
					GraphQlTester.Response response = creation.get(60, TimeUnit.SECONDS);
					List<String> codes = response.path("createCustomer.userErrors[*].code")
						.entityList(String.class)
						.get();
					if (codes.isEmpty()) {
						won++;
					}
					else {
						assertThat(codes).as("round %d", round).containsExactly("DUPLICATE_EXTERNAL_REF");
						response.path("createCustomer.userErrors[0].field")
							.entity(String.class)
							.isEqualTo("externalRef");
					}
				}
				assertThat(won).as("creations of %s that won in round %d", spellings, round).isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * A change of a reference racing a creation with the same reference in another case:
	 * the store decides, so exactly one of them wins and the other is refused as a
	 * duplicate, in every round.
	 */
	@Test
	void aChangeRacingACreationForAReferenceDifferingOnlyInCaseLetsOneWin() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				String reference = "erp-" + TestCustomers.uniqueRef().toLowerCase(Locale.ROOT);
				String movingId = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
				Map<String, Object> input = newCustomer();
				input.put("externalRef", reference.toUpperCase(Locale.ROOT));
				CyclicBarrier start = new CyclicBarrier(2);
				Future<GraphQlTester.Response> change = pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return changeRef(movingId, reference);
				});
				Future<GraphQlTester.Response> creation = pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return create(input);
				});
				List<String> changeCodes = change.get(60, TimeUnit.SECONDS)
					.path("updateCustomer.userErrors[*].code")
					.entityList(String.class)
					.get();
				List<String> creationCodes = creation.get(60, TimeUnit.SECONDS)
					.path("createCustomer.userErrors[*].code")
					.entityList(String.class)
					.get();
				assertThat(List.of(changeCodes, creationCodes))
					.as("round %d: the change's and the creation's codes", round)
					.containsExactlyInAnyOrder(List.of(), List.of("DUPLICATE_EXTERNAL_REF"));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * A customer may change its own reference only in case; a reference given up is free
	 * for another customer, in any spelling.
	 */
	@Test
	void aReferenceChangedOnlyInCaseStaysAndAFreedOneIsFree() {
		String reference = "ERP-" + TestCustomers.uniqueRef().toUpperCase(Locale.ROOT);
		Map<String, Object> first = newCustomer();
		first.put("externalRef", reference);
		String firstId = create(first).path("createCustomer.customer.id").entity(String.class).get();
		String secondId = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();

		hasError(changeRef(secondId, reference.toLowerCase(Locale.ROOT)), "updateCustomer", "DUPLICATE_EXTERNAL_REF",
				"externalRef");
		String ownInOtherCase = "Erp-" + reference.substring(4).toLowerCase(Locale.ROOT);
		GraphQlTester.Response own = changeRef(firstId, ownInOtherCase);
		own.path("updateCustomer.userErrors").entityList(Object.class).hasSize(0);
		own.path("updateCustomer.customer.externalRef").entity(String.class).isEqualTo(ownInOtherCase);

		changeRef(firstId, reference + "-OLD").path("updateCustomer.userErrors").entityList(Object.class).hasSize(0);
		GraphQlTester.Response taken = changeRef(secondId, reference.toLowerCase(Locale.ROOT));
		taken.path("updateCustomer.userErrors").entityList(Object.class).hasSize(0);
		taken.path("updateCustomer.customer.externalRef")
			.entity(String.class)
			.isEqualTo(reference.toLowerCase(Locale.ROOT));
		Map<String, Object> third = newCustomer();
		third.put("externalRef", reference);
		hasError(create(third), "createCustomer", "DUPLICATE_EXTERNAL_REF", "externalRef");
	}

	private GraphQlTester.Response changeRef(String id, String externalRef) {
		return this.admin
			.document("mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { "
					+ "customer { externalRef } userErrors { field code message } } }")
			.variable("input", Map.of("id", id, "externalRef", externalRef))
			.execute();
	}

	@Test
	void negativeAndMalformedAmountsAreUserErrors() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "-5", "reason", "x"))
			.execute(), "setCreditLimit", "NEGATIVE_AMOUNT", "amount");
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "12,5O", "reason", "x"))
			.execute(), "setCreditLimit", "MALFORMED_DECIMAL", "amount");
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "10.001", "reason", "x"))
			.execute(), "setCreditLimit", "TOO_MANY_DECIMALS", "amount");
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "10", "currency", "USD", "reason", "x"))
			.execute(), "setCreditLimit", "CURRENCY_MISMATCH", "currency");
	}

	@Test
	void unknownCustomerIsAUserError() {
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", "nope", "amount", "5", "reason", "x"))
			.execute(), "setCreditLimit", "CUSTOMER_NOT_FOUND", "customerId");
		this.admin.documentName("customer").variable("id", "nope").execute().path("customer").valueIsNull();
	}

	@Test
	void staleVersionIsRefusedAndNothingChanges() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		this.admin.documentName("updateCustomer")
			.variable("input", Map.of("id", id, "expectedVersion", 1, "name", "First Rename GmbH"))
			.execute()
			.path("updateCustomer.customer.version")
			.entity(Integer.class)
			.isEqualTo(2);
		GraphQlTester.Response stale = this.admin.documentName("updateCustomer")
			.variable("input", Map.of("id", id, "expectedVersion", 1, "name", "Lost Update GmbH"))
			.execute();
		hasError(stale, "updateCustomer", "STALE_VERSION", "expectedVersion");
		this.admin.documentName("customer")
			.variable("id", id)
			.execute()
			.path("customer.name")
			.entity(String.class)
			.isEqualTo("First Rename GmbH");
	}

	@Test
	void statusRulesHold() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		hasError(this.manager.documentName("setCustomerStatus")
			.variable("input", Map.of("customerId", id, "status", "ACTIVE", "reason", "x"))
			.execute(), "setCustomerStatus", "NO_CREDIT_LIMIT", "status");
		this.manager.documentName("setCustomerStatus")
			.variable("input", Map.of("customerId", id, "status", "CLOSED", "reason", "Business closed"))
			.execute()
			.path("setCustomerStatus.customer.status")
			.entity(String.class)
			.isEqualTo("CLOSED");
		hasError(this.manager.documentName("setCustomerStatus")
			.variable("input", Map.of("customerId", id, "status", "SUSPENDED", "reason", "x"))
			.execute(), "setCustomerStatus", "CUSTOMER_CLOSED", "status");
		hasError(this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "5", "reason", "x"))
			.execute(), "setCreditLimit", "CUSTOMER_CLOSED", "customerId");
	}

	@Test
	void riskFlagsAreRaisedAndCleared() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		GraphQlTester.Response raised = GraphQlClients.as(this.graphQl, "analyst")
			.documentName("raiseRiskFlag")
			.variable("input",
					Map.of("customerId", id, "type", "BUREAU", "reason", "Insolvency filing", "source", "Creditreform"))
			.execute();
		raised.path("raiseRiskFlag.customer.flags[0].type").entity(String.class).isEqualTo("BUREAU");
		raised.path("raiseRiskFlag.customer.flags[0].raisedBy").entity(String.class).isEqualTo("analyst");
		hasError(GraphQlClients.as(this.graphQl, "analyst")
			.documentName("raiseRiskFlag")
			.variable("input", Map.of("customerId", id, "type", "BUREAU", "reason", "again", "source", "x"))
			.execute(), "raiseRiskFlag", "FLAG_ALREADY_RAISED", "type");
		this.manager.documentName("clearRiskFlag")
			.variable("input", Map.of("customerId", id, "type", "BUREAU", "reason", "Filing withdrawn"))
			.execute()
			.path("clearRiskFlag.customer.flags")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void creditGroupsRefuseCycles() {
		String parent = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		Map<String, Object> childInput = newCustomer();
		childInput.put("parentId", parent);
		String child = create(childInput).path("createCustomer.customer.id").entity(String.class).get();
		this.admin.documentName("customer")
			.variable("id", child)
			.execute()
			.path("customer.parent.id")
			.entity(String.class)
			.isEqualTo(parent);
		hasError(this.admin.documentName("updateCustomer")
			.variable("input", Map.of("id", parent, "parentId", child))
			.execute(), "updateCustomer", "INVALID_PARENT", "parentId");
		Map<String, Object> orphan = newCustomer();
		orphan.put("parentId", "missing");
		hasError(create(orphan), "createCustomer", "PARENT_NOT_FOUND", "parentId");
	}

	@Test
	void everyChangeIsAuditedWithBeforeAndAfter() {
		String id = create(newCustomer()).path("createCustomer.customer.id").entity(String.class).get();
		this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "1000", "reason", "first"))
			.execute();
		this.admin.documentName("setCreditLimit")
			.variable("input", Map.of("customerId", id, "amount", "2000", "reason", "raise"))
			.execute();
		this.manager.documentName("setCustomerStatus")
			.variable("input", Map.of("customerId", id, "status", "ON_HOLD", "reason", "Overdue"))
			.execute();

		GraphQlTester.Response trail = this.manager.documentName("customerAuditTrail")
			.variable("id", id)
			.variable("first", 10)
			.execute();
		trail.path("customer.auditTrail.edges[*].node.action")
			.entityList(String.class)
			.containsExactly("STATUS_CHANGED", "CREDIT_LIMIT_SET", "CREDIT_LIMIT_SET", "CUSTOMER_CREATED");
		trail.path("customer.auditTrail.edges[0].node.changes[0]")
			.entity(Map.class)
			.isEqualTo(Map.of("field", "status", "before", "ACTIVE", "after", "ON_HOLD"));
		trail.path("customer.auditTrail.edges[1].node.reason").entity(String.class).isEqualTo("raise");
		trail.path("customer.auditTrail.edges[1].node.actor").entity(String.class).isEqualTo("admin");
		trail.path("customer.auditTrail.edges[1].node.changes[?(@.field=='creditLimit.amount')].before")
			.entityList(String.class)
			.containsExactly("1000.00 EUR");

		// Pages follow each other without overlap.
		String cursor = this.manager.documentName("customerAuditTrail")
			.variable("id", id)
			.variable("first", 2)
			.execute()
			.path("customer.auditTrail.pageInfo.endCursor")
			.entity(String.class)
			.get();
		this.manager.documentName("customerAuditTrail")
			.variable("id", id)
			.variable("first", 10)
			.variable("after", cursor)
			.execute()
			.path("customer.auditTrail.edges[*].node.action")
			.entityList(String.class)
			.containsExactly("CREDIT_LIMIT_SET", "CUSTOMER_CREATED");
	}

	@Test
	void customersAreFilteredAndPaged() {
		String segment = "PAGED_" + TestCustomers.uniqueRef().replace("-", "_");
		for (int i = 0; i < 5; i++) {
			Map<String, Object> input = newCustomer();
			input.put("segment", segment);
			input.put("name", "Paged Customer " + i);
			create(input);
		}
		GraphQlTester.Response first = this.admin.documentName("customers")
			.variable("filter", Map.of("segment", segment.toLowerCase()))
			.variable("first", 2)
			.execute();
		first.path("customers.totalCount").entity(Integer.class).isEqualTo(5);
		first.path("customers.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		List<String> names = new ArrayList<>(first.path("customers.edges[*].node.name").entityList(String.class).get());
		String cursor = first.path("customers.pageInfo.endCursor").entity(String.class).get();
		while (cursor != null) {
			GraphQlTester.Response next = this.admin.documentName("customers")
				.variable("filter", Map.of("segment", segment))
				.variable("first", 2)
				.variable("after", cursor)
				.execute();
			names.addAll(next.path("customers.edges[*].node.name").entityList(String.class).get());
			boolean more = next.path("customers.pageInfo.hasNextPage").entity(Boolean.class).get();
			cursor = more ? next.path("customers.pageInfo.endCursor").entity(String.class).get() : null;
		}
		assertThat(names).containsExactly("Paged Customer 0", "Paged Customer 1", "Paged Customer 2",
				"Paged Customer 3", "Paged Customer 4");
		this.admin.documentName("customers")
			.variable("filter", Map.of("segment", segment, "text", "customer 3"))
			.execute()
			.path("customers.edges[*].node.name")
			.entityList(String.class)
			.containsExactly("Paged Customer 3");
	}

	@Test
	void aForeignCursorIsABadRequest() {
		GraphQlTester.Response response = this.admin.documentName("customers")
			.variable("after", "not-a-cursor")
			.execute();
		response.errors().expect(error -> "INVALID_CURSOR".equals(error.getExtensions().get("code"))).verify();
		// No page at all rather than an empty one that looks like "no customers".
		response.path("customers").valueIsNull();
	}

}
