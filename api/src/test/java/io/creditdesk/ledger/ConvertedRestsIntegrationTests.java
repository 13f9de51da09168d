package io.creditdesk.ledger;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.bson.Document;
import org.assertj.core.api.SoftAssertions;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converted order's shipments and invoices, each rounded on its own into the credit
 * currency: the one that completes the order (or its shipped part) in the order's
 * currency takes the exact rest, and an invoice beyond what was shipped in the order's
 * currency is refused (QA report 5, S2). 1 USD is 0.92 EUR: 1000.01 USD is 920.01 EUR.
 */
@CreditDeskIntegrationTest
class ConvertedRestsIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
		this.f
			.mutate("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", "USD", "quote", "EUR", "rate", "0.92", "validOn",
							LocalDate.now().minusDays(1).toString()),
					"rate { rate } userErrors { code }")
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	/** A USD order of {@code amount} for {@code customer}, approved: its id. */
	private String placeUsd(String customer, String amount, String credit) {
		String order = id("FX");
		GraphQlTester.Response placed = this.f.place("sales", order, customer, amount, "USD");
		placed.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		placed.path("placeOrder.decision.status").entity(String.class).isEqualTo("APPROVED");
		placed.path("placeOrder.order.open.amount").entity(String.class).isEqualTo(credit);
		return order;
	}

	private GraphQlTester.Response ship(String order, String amount) {
		GraphQlTester.Response shipped = this.f.ship(order, id("S"), amount);
		shipped.path("shipOrder.userErrors").entityList(Object.class).hasSize(0);
		return shipped;
	}

	private GraphQlTester.Response invoice(String customer, String order, String invoiceId, String amount) {
		return this.f.mutate(
				"integration", "issueInvoice", "IssueInvoiceInput", new HashMap<>(Map.of("invoiceId", invoiceId,
						"customerId", customer, "orderId", order, "amount", amount, "currency", "USD")),
				"invoice { id status open { amount } } userErrors { field code message }");
	}

	private void invoiceAndPay(String customer, String order, String amount) {
		String invoiceId = id("FXI");
		invoice(customer, order, invoiceId, amount).path("issueInvoice.userErrors").entityList(Object.class).hasSize(0);
		this.f
			.mutate("integration", "recordPayment", "RecordPaymentInput",
					Map.of("paymentId", id("P"), "invoiceId", invoiceId, "amount", amount),
					"invoice { status } userErrors { code }")
			.path("recordPayment.invoice.status")
			.entity(String.class)
			.isEqualTo("PAID");
	}

	private String orderField(String order, String path) {
		return this.f.as("sales")
			.document("{ order(id: \"" + order
					+ "\") { status amount { amount } shipped { amount } invoiced { amount } " + "open { amount } } }")
			.execute()
			.path("order." + path)
			.entity(String.class)
			.get();
	}

	@Test
	void theInvoiceThatCompletesAConvertedOrderTakesTheExactRestAndNoInvoiceMoreIsTaken() {
		String customer = this.f.activeCustomer("100000");
		String order = placeUsd(customer, "1000.01", "920.01");
		ship(order, "333.33");
		ship(order, "333.33");
		ship(order, "333.33");
		GraphQlTester.Response rest = ship(order, null);
		rest.path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		rest.path("shipOrder.order.shipped.amount").entity(String.class).isEqualTo("920.01");

		// 306.66 EUR for each 333.33 USD; the 0.02 USD that completes the order takes the
		// 0.03 EUR left.
		invoiceAndPay(customer, order, "333.33");
		invoiceAndPay(customer, order, "333.33");
		invoiceAndPay(customer, order, "333.33");
		invoiceAndPay(customer, order, "0.02");
		// Checked together: before, 0.01 EUR stayed shipped-not-invoiced for ever and a
		// further 0.01 USD invoice was taken.
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(orderField(order, "invoiced.amount")).isEqualTo("920.01");
		softly.assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
		softly.assertThat(this.f.counter(customer, "receivables")).isEqualTo("0.00");
		softly.assertThat(this.f.counter(customer, "net")).isEqualTo("0.00");
		softly.assertThat(this.f.available(customer)).isEqualTo("100000.00");

		// 1000.01 USD invoiced on a 1000.01 USD order: not a cent more.
		GraphQlTester.Response beyond = invoice(customer, order, id("FXI"), "0.01");
		softly.assertThat(beyond.path("issueInvoice.userErrors[*].code").entityList(String.class).get())
			.containsExactly("INVOICE_EXCEEDS_SHIPPED");
		softly.assertThat(beyond.path("issueInvoice.userErrors[*].field").entityList(String.class).get())
			.containsExactly("amount");
		softly.assertThat(orderField(order, "invoiced.amount")).isEqualTo("920.01");
		softly.assertThat(this.f.available(customer)).isEqualTo("100000.00");
		softly.assertAll();
		this.f.noDrift(customer);

		// The rest shipped without an amount is recorded in dollars as what was left of
		// the order (999.99 USD shipped before): 0.02, not the 0.03 EUR back at the rate.
		List<Document> shipments = this.mongo.findById(order, Document.class, Order.COLLECTION)
			.getList("shipments", Document.class);
		assertThat(((Decimal128) shipments.get(3).get("amount", Document.class).get("amount")).bigDecimalValue())
			.isEqualByComparingTo("0.02");
	}

	@Test
	void anInvoiceBeyondWhatWasShippedInTheOrderCurrencyIsRefusedThoughItsRoundedValueFits() {
		// 100.00 USD shipped of 1000.01 is 92.00 EUR; 0.01 USD invoices are 0.01 EUR each
		// (0.0092 rounded up): 100.01 USD would still fit in euros, but not in dollars.
		String customer = this.f.activeCustomer("100000");
		String order = placeUsd(customer, "1000.01", "920.01");
		ship(order, "100.00");
		invoiceAndPay(customer, order, "99.99");
		GraphQlTester.Response beyond = invoice(customer, order, id("FXI"), "0.02");
		beyond.path("issueInvoice.userErrors[0].code").entity(String.class).isEqualTo("INVOICE_EXCEEDS_SHIPPED");
		beyond.path("issueInvoice.userErrors[0].field").entity(String.class).isEqualTo("amount");
		// The last cent of the shipped part takes what is left of it in euros.
		invoiceAndPay(customer, order, "0.01");
		assertThat(orderField(order, "invoiced.amount")).isEqualTo("92.00");
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
		this.f.noDrift(customer);
	}

	@Test
	void theShipmentThatCompletesAConvertedOrderTakesTheExactOpenRest() {
		String customer = this.f.activeCustomer("100000");
		// Parts rounded down: five times 0.07 USD are 0.30 EUR (0.06 each, not 0.0644);
		// the 999.66 USD left, 919.69 EUR, ships the order in full and takes the 919.71
		// EUR open.
		String down = placeUsd(customer, "1000.01", "920.01");
		for (int i = 0; i < 5; i++) {
			ship(down, "0.07");
		}
		GraphQlTester.Response last = ship(down, "999.66");
		last.path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		last.path("shipOrder.order.shipped.amount").entity(String.class).isEqualTo("920.01");
		last.path("shipOrder.order.open.amount").entity(String.class).isEqualTo("0.00");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");

		// Parts rounded up: twenty times 0.01 USD are 0.20 EUR (not 0.184); the 999.81
		// USD left, 919.83 EUR, is the order's rest, not a shipment beyond the order.
		String up = placeUsd(customer, "1000.01", "920.01");
		for (int i = 0; i < 20; i++) {
			ship(up, "0.01");
		}
		last = ship(up, "999.81");
		last.path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		assertThat(orderField(up, "amount.amount")).isEqualTo("1000.01");
		last.path("shipOrder.order.shipped.amount").entity(String.class).isEqualTo("920.01");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");

		// Each invoiced in full in one invoice: nothing left shipped and not invoiced.
		invoiceAndPay(customer, down, "1000.01");
		invoiceAndPay(customer, up, "1000.01");
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
		assertThat(this.f.available(customer)).isEqualTo("100000.00");
		this.f.noDrift(customer);
	}

	@Test
	void anOrderStoredBeforeItKeptItsOwnCurrencyIsTakenAsBefore() {
		// A converted order that shipped a part before it kept what it shipped in
		// dollars: its rest still ships, converted, one cent off the open rest taken as
		// that rest, and it keeps not knowing its dollars.
		String customer = this.f.activeCustomer("100000");
		String order = placeUsd(customer, "1000.01", "920.01");
		ship(order, "333.33");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order)),
				new Update().unset("shippedAmount").unset("invoicedAmount"), Order.COLLECTION);
		GraphQlTester.Response rest = ship(order, "666.67");
		rest.path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		assertThat(orderField(order, "amount.amount")).isEqualTo("1000.01");
		rest.path("shipOrder.order.shipped.amount").entity(String.class).isEqualTo("920.01");
		assertThat(this.mongo.findById(order, Document.class, Order.COLLECTION)).doesNotContainKey("shippedAmount");
		invoiceAndPay(customer, order, "1000.01");
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
		this.f.noDrift(customer);
	}

}
