package io.creditdesk.ledger;

import java.util.HashMap;
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
 * An order approved before its customer was put on hold, suspended or flagged (an
 * insolvency filing does both) does not ship until Finance lifts it: {@code shipOrder} is
 * refused with {@code SHIPMENT_BLOCKED}, the reasons in words, and records nothing.
 * Before, such orders shipped as if nothing had happened.
 */
@CreditDeskIntegrationTest
class ShipmentBlockIntegrationTests {

	private static final String SHIP = "mutation($input: ShipOrderInput!) { shipOrder(input: $input) { "
			+ "order { status shipped { amount } open { amount } } userErrors { field code message } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	private GraphQlTester.Response ship(String language, String orderId, String shipmentId, String amount) {
		Map<String, Object> input = new HashMap<>(Map.of("orderId", orderId, "shipmentId", shipmentId));
		if (amount != null) {
			input.put("amount", amount);
		}
		return GraphQlClients.as(this.graphQl, "integration", language)
			.document(SHIP)
			.variable("input", input)
			.execute();
	}

	private static void blocked(GraphQlTester.Response response, String message) {
		response.path("shipOrder.order").valueIsNull();
		response.path("shipOrder.userErrors[0].code").entity(String.class).isEqualTo("SHIPMENT_BLOCKED");
		response.path("shipOrder.userErrors[0].field").entity(String.class).isEqualTo("orderId");
		response.path("shipOrder.userErrors[0].message").entity(String.class).isEqualTo(message);
		response.path("shipOrder.userErrors").entityList(Object.class).hasSize(1);
	}

	private static void shipped(GraphQlTester.Response response, String amount, String status) {
		response.path("shipOrder.userErrors").entityList(Object.class).hasSize(0);
		response.path("shipOrder.order.shipped.amount").entity(String.class).isEqualTo(amount);
		response.path("shipOrder.order.status").entity(String.class).isEqualTo(status);
	}

	private void mutation(String user, String document, String mutation) {
		GraphQlClients.as(this.graphQl, user)
			.document(document)
			.execute()
			.path(mutation + ".userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private void status(String customer, String status) {
		mutation("manager", "mutation { setCustomerStatus(input: {customerId: \"" + customer + "\", status: " + status
				+ ", reason: \"insolvency filed\"}) { userErrors { code } } }", "setCustomerStatus");
	}

	private void flag(String customer, String type) {
		mutation("cfo", "mutation { raiseRiskFlag(input: {customerId: \"" + customer + "\", type: " + type
				+ ", reason: \"reported\", source: \"bureau\"}) { userErrors { code } } }", "raiseRiskFlag");
	}

	private void clear(String customer, String type) {
		mutation("cfo", "mutation { clearRiskFlag(input: {customerId: \"" + customer + "\", type: " + type
				+ ", reason: \"withdrawn\"}) { userErrors { code } } }", "clearRiskFlag");
	}

	private void unchanged(String customer, String open, String shipped) {
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo(open);
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo(shipped);
		this.f.noDrift(customer);
	}

	@Test
	void anOrderApprovedBeforeAHoldShipsOnlyOnceTheHoldIsLifted() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		LedgerFixtures.approved(this.f.place("sales", order, customer, "4000", "EUR"));
		status(customer, "ON_HOLD");

		blocked(ship(null, order, "s1", null), "Order " + order
				+ " cannot ship now: the customer is on hold. It stays approved and ships once Finance has lifted that; nothing was recorded.");
		blocked(ship("de", order, "s1", "1000"), "Auftrag " + order
				+ " kann jetzt nicht versandt werden: der Kunde ist zurückgestellt. Er bleibt genehmigt und wird versandt, sobald die Finanzabteilung dies aufgehoben hat; nichts wurde erfasst.");
		unchanged(customer, "4000.00", "0.00");

		status(customer, "ACTIVE");
		shipped(ship(null, order, "s1", null), "4000.00", "SHIPPED");
		unchanged(customer, "0.00", "4000.00");
	}

	@Test
	void anInsolvencyFilingsHoldAndBureauFlagAreBothNamedAndAShipmentBeyondTheOrderIsBlockedToo() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		LedgerFixtures.approved(this.f.place("sales", order, customer, "1000", "EUR"));
		// What the default rule of an INSOLVENCY_FILING does: the bureau flag and a hold.
		flag(customer, "BUREAU");
		status(customer, "ON_HOLD");

		String reasons = "the customer is on hold, a credit bureau risk flag is raised on the customer";
		blocked(ship(null, order, "s1", "400"), "Order " + order + " cannot ship now: " + reasons
				+ ". It stays approved and ships once Finance has lifted that; nothing was recorded.");
		// Beyond the order: blocked for the same reasons (not told to amend the order).
		blocked(ship(null, order, "s2", "1500"), "Order " + order + " cannot ship now: " + reasons
				+ ". It stays approved and ships once Finance has lifted that; nothing was recorded.");
		unchanged(customer, "1000.00", "0.00");

		status(customer, "ACTIVE");
		blocked(ship(null, order, "s1", "400"), "Order " + order
				+ " cannot ship now: a credit bureau risk flag is raised on the customer. It stays approved and ships once Finance has lifted that; nothing was recorded.");
		clear(customer, "BUREAU");
		shipped(ship(null, order, "s1", "400"), "400.00", "OPEN");
		unchanged(customer, "600.00", "400.00");
	}

	@Test
	void aFraudFlagOrASuspensionBlocksAndAShipmentRecordedBeforeAnswersAsTheFirstTime() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		LedgerFixtures.approved(this.f.place("sales", order, customer, "2000", "EUR"));
		shipped(ship(null, order, "s1", "500"), "500.00", "OPEN");
		flag(customer, "FRAUD");

		// Sent again, a shipment recorded before the flag answers as the first time.
		shipped(ship(null, order, "s1", "500"), "500.00", "OPEN");
		blocked(ship("de", order, "s2", "500"), "Auftrag " + order
				+ " kann jetzt nicht versandt werden: für den Kunden ist ein Betrugsverdacht gemeldet. Er bleibt genehmigt und wird versandt, sobald die Finanzabteilung dies aufgehoben hat; nichts wurde erfasst.");
		clear(customer, "FRAUD");
		status(customer, "SUSPENDED");
		blocked(ship(null, order, "s2", "500"), "Order " + order
				+ " cannot ship now: the customer is suspended. It stays approved and ships once Finance has lifted that; nothing was recorded.");
		unchanged(customer, "1500.00", "500.00");
	}

}
