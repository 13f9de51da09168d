package io.creditdesk.ledger;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Document dates through the API: a payment dated 2030 (once accepted: it settled an
 * invoice) or before its invoice, an invoice in the future, before its order or before
 * the customer began, and a customer beginning in the future are refused with their
 * codes, the field and a sentence; nothing is stored.
 */
@CreditDeskIntegrationTest
class DocumentDatesIntegrationTests {

	private static final String INVOICE = "invoice { id status open { amount } } userErrors { field code message }";

	private static final String PAYMENT = "invoice { status open { amount } } applied { amount } userErrors { field code message }";

	@Autowired
	private HttpGraphQlTester graphQl;

	private LedgerFixtures f;

	private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	private GraphQlTester.Response invoice(String invoiceId, String customerId, String orderId, LocalDate date) {
		Map<String, Object> input = new HashMap<>(Map.of("invoiceId", invoiceId, "customerId", customerId, "amount",
				"1000", "currency", "EUR", "invoiceDate", date.toString()));
		if (orderId != null) {
			input.put("orderId", orderId);
		}
		return this.f.mutate("manager", "issueInvoice", "IssueInvoiceInput", input, INVOICE);
	}

	private GraphQlTester.Response pay(String invoiceId, LocalDate date) {
		return this.f.mutate("integration", "recordPayment", "RecordPaymentInput", Map.of("paymentId", id("PAY"),
				"invoiceId", invoiceId, "amount", "1000", "paymentDate", date.toString()), PAYMENT);
	}

	private static void refused(GraphQlTester.Response response, String mutation, String code, String field) {
		response.path(mutation + ".userErrors[0].code").entity(String.class).isEqualTo(code);
		response.path(mutation + ".userErrors[0].field").entity(String.class).isEqualTo(field);
		assertThat(response.path(mutation + ".userErrors[0].message").entity(String.class).get()).isNotBlank();
	}

	private static void accepted(GraphQlTester.Response response, String mutation) {
		response.path(mutation + ".userErrors").entityList(Object.class).hasSize(0);
	}

	@Test
	void aDeliveryDateBefore2000OrMoreThanTenYearsAheadIsRefusedAndReservesNothing() {
		String customer = this.f.activeCustomer("50000");
		for (LocalDate date : List.of(LocalDate.of(1999, 12, 31), this.today.plusYears(10).plusDays(1),
				LocalDate.of(9999, 12, 31))) {
			refused(this.f.place("sales",
					Map.of("orderId", "O-" + TestCustomers.uniqueRef(), "customerId", customer, "amount", "100",
							"currency", "EUR", "requestedDeliveryDate", date.toString())),
					"placeOrder", "INVALID_DATE", "requestedDeliveryDate");
		}
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
		LedgerFixtures.approved(this.f.place("sales", Map.of("orderId", "O-" + TestCustomers.uniqueRef(), "customerId",
				customer, "amount", "100", "currency", "EUR", "requestedDeliveryDate", "2000-01-01")));
	}

	@Test
	void aPaymentInTheFutureOrBeforeItsInvoiceIsRefusedAndSettlesNothing() {
		String customer = this.f.activeCustomer("50000");
		String invoiceId = id("INV");
		accepted(invoice(invoiceId, customer, null, this.today.minusDays(10)), "issueInvoice");

		refused(pay(invoiceId, LocalDate.parse("2030-01-01")), "recordPayment", "DATE_IN_FUTURE", "paymentDate");
		refused(pay(invoiceId, this.today.plusDays(2)), "recordPayment", "DATE_IN_FUTURE", "paymentDate");
		refused(pay(invoiceId, this.today.minusDays(11)), "recordPayment", "DATE_BEFORE_INVOICE", "paymentDate");
		assertThat(this.f.counter(customer, "receivables")).isEqualTo("1000.00");

		// Within the tolerance (one day by default): a bank's value date of tomorrow is
		// accepted.
		GraphQlTester.Response tomorrow = pay(invoiceId, this.today.plusDays(1));
		accepted(tomorrow, "recordPayment");
		tomorrow.path("recordPayment.invoice.status").entity(String.class).isEqualTo("PAID");
	}

	@Test
	void anInvoiceInTheFutureBeforeTheCustomerBeganOrBeforeItsOrderIsRefused() {
		String customer = this.f.activeCustomer("50000");
		refused(invoice(id("INV"), customer, null, this.today.plusDays(30)), "issueInvoice", "DATE_IN_FUTURE",
				"invoiceDate");
		refused(invoice(id("INV"), customer, null, LocalDate.parse(TestCustomers.SINCE).minusDays(1)), "issueInvoice",
				"DATE_BEFORE_CUSTOMER", "invoiceDate");

		String orderId = id("SO");
		this.f.place("sales", orderId, customer, "3000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		this.f
			.mutate("sales", "shipOrder", "ShipOrderInput", Map.of("orderId", orderId, "shipmentId", id("DN")),
					"userErrors { code }")
			.path("shipOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		refused(invoice(id("INV"), customer, orderId, this.today.minusDays(1)), "issueInvoice", "DATE_BEFORE_ORDER",
				"invoiceDate");
		assertThat(this.f.counter(customer, "receivables")).isEqualTo("0.00");
		accepted(invoice(id("INV"), customer, orderId, this.today), "issueInvoice");
	}

	@Test
	void aCustomerCannotBeginInTheFuture() {
		GraphQlClients.as(this.graphQl, "admin")
			.documentName("createCustomer")
			.variable("input", Map.of("externalRef", TestCustomers.uniqueRef(), "name", "Future GmbH", "taxId",
					TestCustomers.uniqueGermanTaxId(), "countryCode", "DE", "segment", "SMB", "tier", "SILVER",
					"industry", "RETAIL", "creditCurrency", "EUR", "customerSince", this.today.plusDays(7).toString()))
			.execute()
			.path("createCustomer.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("DATE_IN_FUTURE");
	}

}
