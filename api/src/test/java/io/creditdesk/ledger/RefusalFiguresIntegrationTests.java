package io.creditdesk.ledger;

import java.time.LocalDate;
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
 * The figures of a refusal about available credit, through the API: amounts of money with
 * the currency's decimals in the reader's language ({@code 8,370.00 EUR},
 * {@code 8.370,00 EUR}), never the digits of the computation behind them (the secured
 * share of the receivables), for {@code releaseOrder} and a standalone
 * {@code issueInvoice}; the credit group's figures when a change does not fit its group;
 * and a refused amount's figure as a number of the reader's language, every digit kept.
 */
@CreditDeskIntegrationTest
class RefusalFiguresIntegrationTests {

	private static final String PLACE = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { decision { status } userErrors { code message } } }";

	private static final String RELEASE = "mutation($input: ReleaseOrderInput!) { releaseOrder(input: $input) { userErrors { field code message } } }";

	private static final String INVOICE = "mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { userErrors { field code message } } }";

	private static final String SET_LIMIT = "mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { userErrors { field code message } } }";

	private static final String SECURITY = "mutation($input: AddCreditSecurityInput!) { addCreditSecurity(input: $input) { userErrors { code message } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	record Error(String field, String code, String message) {
	}

	@Test
	void aRefusedReleaseNamesTheAvailableCreditWithTheCurrencysDecimals() {
		String customerId = activeCustomer("8370");
		String orderId = "figures-release-" + customerId;
		String status = GraphQlClients.as(this.graphQl, "sales")
			.document(PLACE)
			.variable("input",
					Map.of("orderId", orderId, "customerId", customerId, "amount", "25000", "currency", "EUR"))
			.execute()
			.path("placeOrder.decision.status")
			.entity(String.class)
			.get();
		assertThat(status).isEqualTo("PENDING_APPROVAL");
		Map<String, Object> release = Map.of("input", Map.of("orderId", orderId, "reason", "Customer is fine"));

		assertThat(run("manager", RELEASE, release, null, "releaseOrder")).singleElement()
			.isEqualTo(new Error("orderId", "EXCEEDS_AVAILABLE_CREDIT",
					"The order needs 25,000.00 EUR but only 8,370.00 EUR is available. Set overrideLimit to approve "
							+ "above the limit (up to the hard cap), or reject it."));
		assertThat(run("manager", RELEASE, release, "de", "releaseOrder")).singleElement()
			.isEqualTo(new Error("orderId", "EXCEEDS_AVAILABLE_CREDIT",
					"Der Auftrag braucht 25.000,00 EUR, verfügbar sind nur 8.370,00 EUR. Mit overrideLimit über das "
							+ "Limit hinaus (bis zur Obergrenze) genehmigen oder ablehnen."));
	}

	@Test
	void aRefusedStandaloneInvoiceNamesTheAvailableCreditWithTheCurrencysDecimals() {
		String customerId = activeCustomer("10000");
		assertThat(run("admin", INVOICE, invoice(customerId, "first", "9500"), null, "issueInvoice")).isEmpty();
		Map<String, Object> second = invoice(customerId, "second", "1000");

		assertThat(run("admin", INVOICE, second, null, "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "CREDIT_CHECK_NOT_PASSED",
					"A standalone invoice of 1,000.00 EUR exceeds the available credit 500.00 EUR; a credit manager "
							+ "may issue it with overrideCredit and a reason."));
		assertThat(run("admin", INVOICE, second, "de", "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "CREDIT_CHECK_NOT_PASSED",
					"Eine eigenständige Rechnung über 1.000,00 EUR übersteigt den verfügbaren Kredit von 500,00 EUR; "
							+ "ein Kreditmanager kann sie mit overrideCredit und einer Begründung ausstellen."));
	}

	@Test
	void theAvailableCreditLeftByCreditInsuranceIsMoneyAtTheCurrencysMinorUnits() {
		String customerId = activeCustomer("10000");
		assertThat(run("admin", INVOICE, invoice(customerId, "first", "9500"), null, "issueInvoice")).isEmpty();
		// 12.3456 % of 9,500.00 EUR is 1,172.832 EUR, insured 1,172.83 EUR (rounded
		// down): 1,672.83 EUR available.
		assertThat(run("admin", SECURITY,
				Map.of("input",
						Map.of("customerId", customerId, "type", "CREDIT_INSURANCE", "reference",
								"figures-" + customerId, "amount", Map.of("amount", "5000", "currency", "EUR"),
								"coverPercent", "12.3456", "reason", "Figures test")),
				null, "addCreditSecurity"))
			.isEmpty();
		Map<String, Object> second = invoice(customerId, "second", "2000");

		assertThat(run("admin", INVOICE, second, null, "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "CREDIT_CHECK_NOT_PASSED",
					"A standalone invoice of 2,000.00 EUR exceeds the available credit 1,672.83 EUR; a credit manager "
							+ "may issue it with overrideCredit and a reason."));
		assertThat(run("admin", INVOICE, second, "de", "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "CREDIT_CHECK_NOT_PASSED",
					"Eine eigenständige Rechnung über 2.000,00 EUR übersteigt den verfügbaren Kredit von 1.672,83 EUR; "
							+ "ein Kreditmanager kann sie mit overrideCredit und einer Begründung ausstellen."));
	}

	@Test
	void aChangeRefusedForTheGroupsAvailableCreditNamesTheGroupsFigures() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String parent = f.activeCustomer("5000");
		String member = f.activeCustomer("5000", "EUR", f.segmentOf(parent));
		f.join(member, parent);
		f.groupLimit(parent, "3000");
		assertThat(run("admin", INVOICE, invoice(parent, "group-first", "1000"), null, "issueInvoice")).isEmpty();

		Map<String, Object> invoice = invoice(member, "group-second", "2500");
		assertThat(run("admin", INVOICE, invoice, null, "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "EXCEEDS_GROUP_AVAILABLE_CREDIT",
					"The invoice needs 2,500.00 EUR of the credit group's available credit, which has 2,000.00 EUR "
							+ "available (group limit 3,000.00 EUR, group exposure 1,000.00 EUR)."));
		assertThat(run("admin", INVOICE, invoice, "de", "issueInvoice")).singleElement()
			.isEqualTo(new Error("amount", "EXCEEDS_GROUP_AVAILABLE_CREDIT",
					"Die Rechnung benötigt 2.500,00 EUR vom verfügbaren Kredit der Kreditgruppe, die 2.000,00 EUR "
							+ "verfügbar hat (Gruppenlimit 3.000,00 EUR, Gruppenobligo 1.000,00 EUR)."));

		// A held order released without overriding the limit: refused with the same
		// figures.
		String orderId = "figures-group-" + member;
		assertThat(run("sales", PLACE,
				Map.of("input", Map.of("orderId", orderId, "customerId", member, "amount", "2500", "currency", "EUR")),
				null, "placeOrder"))
			.isEmpty();
		assertThat(run("manager", RELEASE, Map.of("input", Map.of("orderId", orderId, "reason", "Customer is fine")),
				null, "releaseOrder"))
			.singleElement()
			.isEqualTo(new Error("orderId", "EXCEEDS_GROUP_AVAILABLE_CREDIT",
					"The order needs 2,500.00 EUR of the credit group's available credit, which has 2,000.00 EUR "
							+ "available (group limit 3,000.00 EUR, group exposure 1,000.00 EUR)."));
	}

	@Test
	void aRefusedAmountIsANumberInTheReadersLanguageWithEveryDigitSent() {
		String customerId = activeCustomer("10000");
		Map<String, Object> order = Map.of("input", Map.of("orderId", "figures-decimals-" + customerId, "customerId",
				customerId, "amount", "1.005", "currency", "EUR"));
		assertThat(run("sales", PLACE, order, null, "placeOrder")).singleElement()
			.satisfies(error -> assertThat(error.message())
				.isEqualTo("amount has more decimals than EUR allows (2), got 1.005."));
		assertThat(run("sales", PLACE, order, "de", "placeOrder")).singleElement()
			.satisfies(error -> assertThat(error.message())
				.isEqualTo("amount hat mehr Nachkommastellen, als EUR erlaubt (2), erhalten: 1,005."));

		for (String[] amount : new String[][] { { "100.001", "100.001", "100,001" }, { "1e-3", "0.001", "0,001" },
				{ "1234.5678", "1,234.5678", "1.234,5678" } }) {
			Map<String, Object> limit = Map.of("input", Map.of("customerId", customerId, "amount", amount[0],
					"validUntil", LocalDate.now().plusMonths(6).toString(), "reason", "Figures test"));
			assertThat(run("admin", SET_LIMIT, limit, null, "setCreditLimit")).singleElement()
				.isEqualTo(new Error("amount", "TOO_MANY_DECIMALS",
						"amount has more decimals than EUR allows (2), got " + amount[1] + "."));
			assertThat(run("admin", SET_LIMIT, limit, "de", "setCreditLimit")).singleElement()
				.isEqualTo(new Error("amount", "TOO_MANY_DECIMALS",
						"amount hat mehr Nachkommastellen, als EUR erlaubt (2), erhalten: " + amount[2] + "."));
		}

		Map<String, Object> huge = Map.of("input", Map.of("customerId", customerId, "amount", "1234567890123456.5",
				"validUntil", LocalDate.now().plusMonths(6).toString(), "reason", "Figures test"));
		assertThat(run("admin", SET_LIMIT, huge, null, "setCreditLimit")).singleElement()
			.isEqualTo(new Error("amount", "AMOUNT_OUT_OF_RANGE", "amount must be below 1,000,000,000,000,000 "
					+ "(at most 15 digits before the decimal point), got 1,234,567,890,123,456.5."));
		assertThat(run("admin", SET_LIMIT, huge, "de", "setCreditLimit")).singleElement()
			.isEqualTo(new Error("amount", "AMOUNT_OUT_OF_RANGE", "amount muss unter 1.000.000.000.000.000 liegen "
					+ "(höchstens 15 Stellen vor dem Komma), erhalten: 1.234.567.890.123.456,5."));
	}

	private static Map<String, Object> invoice(String customerId, String name, String amount) {
		return Map.of("input", Map.of("invoiceId", "figures-" + name + "-" + customerId, "customerId", customerId,
				"amount", amount, "currency", "EUR"));
	}

	private String activeCustomer(String limit) {
		String customerId = GraphQlClients.as(this.graphQl, "manager")
			.document("mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }")
			.variable("input",
					Map.of("externalRef", TestCustomers.uniqueRef(), "name", "Figures GmbH", "taxId",
							TestCustomers.uniqueGermanTaxId(), "countryCode", "DE", "segment", "FIGURES_SEGMENT",
							"tier", "FIGURES_TIER", "industry", "FIGURES_INDUSTRY", "creditCurrency", "EUR"))
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
		assertThat(run("admin", SET_LIMIT,
				Map.of("input",
						Map.of("customerId", customerId, "amount", limit, "validUntil",
								LocalDate.now().plusMonths(6).toString(), "reason", "Figures test")),
				null, "setCreditLimit"))
			.isEmpty();
		return customerId;
	}

	private List<Error> run(String user, String document, Map<String, Object> variables, String language,
			String payload) {
		HttpGraphQlTester caller = GraphQlClients.as(this.graphQl, user);
		if (language != null) {
			caller = caller.mutate().header("Accept-Language", language).build();
		}
		HttpGraphQlTester.Request<?> request = caller.document(document);
		variables.forEach(request::variable);
		return request.execute().path(payload + ".userErrors").entityList(Error.class).get();
	}

}
