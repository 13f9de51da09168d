package io.creditdesk.ledger;

import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
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
 * An amendment held for Finance as an approver and a sales portal read it: the worklist
 * entry shows the amount asked for, the increase and the decision that held the amendment
 * (not the order's own, approved one), and the hold's sentence speaks of the increase and
 * the order's new total, in English and German.
 */
@CreditDeskIntegrationTest
class HeldAmendmentIntegrationTests {

	private static final String ENTRY = "id amount { amount } status "
			+ "decision { status reasonCodes amount { amount } reasons { code message threshold actual total } } "
			+ "pendingAmendment { amount { amount currency } creditAmount { amount } increase { amount currency } "
			+ "creditIncrease { amount } reasonCodes requestedBy requestedAt "
			+ "decision { status reasonCodes amount { amount } reasons { code message total } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	/**
	 * The QA walk: an order of 250,000 (limit 300,000) amended to 320,000 waits; the
	 * worklist shows 320,000 asked, 70,000 more, held for lack of credit. Released, then
	 * amended to 330,000: the worklist shows the new amendment's hold, not the release.
	 */
	@Test
	void theWorklistShowsWhatAHeldAmendmentAsksAndWhyItWaits() {
		String customer = this.f.activeCustomer("300000");
		String order = "PA-" + TestCustomers.uniqueRef();
		this.f.place("sales", order, customer, "250000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		amend(order, "320000").path("amendOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");

		GraphQlTester.Response first = worklist(customer);
		first.path("pendingOrders.edges").entityList(Object.class).hasSize(1);
		first.path("pendingOrders.edges[0].node.id").entity(String.class).isEqualTo(order);
		// The order is still 250,000 (approved); what is asked is on the amendment.
		first.path("pendingOrders.edges[0].node.amount.amount").entity(String.class).isEqualTo("250000.00");
		first.path("pendingOrders.edges[0].node.status").entity(String.class).isEqualTo("OPEN");
		first.path("pendingOrders.edges[0].node.pendingAmendment.amount.amount")
			.entity(String.class)
			.isEqualTo("320000.00");
		first.path("pendingOrders.edges[0].node.pendingAmendment.increase.amount")
			.entity(String.class)
			.isEqualTo("70000.00");
		first.path("pendingOrders.edges[0].node.pendingAmendment.increase.currency")
			.entity(String.class)
			.isEqualTo("EUR");
		first.path("pendingOrders.edges[0].node.pendingAmendment.creditIncrease.amount")
			.entity(String.class)
			.isEqualTo("70000.00");
		first.path("pendingOrders.edges[0].node.pendingAmendment.requestedBy").entity(String.class).isEqualTo("sales");
		// The decision shown is the one that holds the amendment, with its reason text.
		first.path("pendingOrders.edges[0].node.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		first.path("pendingOrders.edges[0].node.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_AVAILABLE_CREDIT");
		first.path("pendingOrders.edges[0].node.decision.amount.amount").entity(String.class).isEqualTo("70000.00");
		first.path("pendingOrders.edges[0].node.decision.reasons[0].message")
			.entity(String.class)
			.isEqualTo("The increase of 70,000.00 EUR (to 320,000.00 EUR) is above the available credit of "
					+ "50,000.00 EUR; it waits for Finance.");
		first.path("pendingOrders.edges[0].node.pendingAmendment.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		first.path("pendingOrders.edges[0].node.pendingAmendment.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_AVAILABLE_CREDIT");

		this.f.mutate("manager", "releaseOrder", "ReleaseOrderInput",
				Map.of("orderId", order, "reason", "Payment promised", "overrideLimit", true), LedgerFixtures.DECISION)
			.path("releaseOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		amend(order, "330000").path("amendOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");

		GraphQlTester.Response second = worklist(customer);
		second.path("pendingOrders.edges").entityList(Object.class).hasSize(1);
		second.path("pendingOrders.edges[0].node.amount.amount").entity(String.class).isEqualTo("320000.00");
		second.path("pendingOrders.edges[0].node.pendingAmendment.amount.amount")
			.entity(String.class)
			.isEqualTo("330000.00");
		second.path("pendingOrders.edges[0].node.pendingAmendment.increase.amount")
			.entity(String.class)
			.isEqualTo("10000.00");
		second.path("pendingOrders.edges[0].node.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		second.path("pendingOrders.edges[0].node.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_AVAILABLE_CREDIT");
		second.path("pendingOrders.edges[0].node.decision.reasons[0].total")
			.entity(String.class)
			.isEqualTo("330000.00 EUR");

		// Outside the worklist the order's own decision is its latest approval.
		this.f.as("sales")
			.document("{ order(id: \"" + order + "\") { " + ENTRY + " } }")
			.execute()
			.path("order.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("RELEASED_BY_APPROVER", "LIMIT_OVERRIDDEN");
	}

	@Test
	void anAmendmentsHoldSpeaksOfTheIncreaseAndTheNewTotal() {
		String customer = this.f.activeCustomer("300000");
		String order = "PA-" + TestCustomers.uniqueRef();
		this.f.place("sales", order, customer, "250000", "EUR");
		GraphQlTester.Response held = amend(order, "330000");
		held.path("amendOrder.decision.reasons[0].code").entity(String.class).isEqualTo("EXCEEDS_AVAILABLE_CREDIT");
		held.path("amendOrder.decision.reasons[0].message")
			.entity(String.class)
			.isEqualTo("The increase of 80,000.00 EUR (to 330,000.00 EUR) is above the available credit of "
					+ "50,000.00 EUR; it waits for Finance.");
		held.path("amendOrder.decision.reasons[0].actual").entity(String.class).isEqualTo("80000.00 EUR");
		held.path("amendOrder.decision.reasons[0].total").entity(String.class).isEqualTo("330000.00 EUR");
		// Kept with the amendment and read back later, in German.
		assertThat(this.f.as("sales")
			.mutate()
			.header("Accept-Language", "de")
			.build()
			.document("{ order(id: \"" + order + "\") { pendingAmendment { decision { reasons { message } } } } }")
			.execute()
			.path("order.pendingAmendment.decision.reasons[*].message")
			.entityList(String.class)
			.get())
			.containsExactly("Die Erhöhung um 80.000,00 EUR (auf 330.000,00 EUR) übersteigt den verfügbaren "
					+ "Kredit von 50.000,00 EUR; sie wartet auf die Finanzabteilung.");
		// An increase that fits says so as well.
		String fits = "PA-" + TestCustomers.uniqueRef();
		String roomy = this.f.activeCustomer("300000");
		this.f.place("sales", fits, roomy, "100000", "EUR");
		amend(fits, "120000").path("amendOrder.decision.reasons[0].message")
			.entity(String.class)
			.isEqualTo("The increase of 20,000.00 EUR (to 120,000.00 EUR) is within the available credit of "
					+ "200,000.00 EUR and was reserved.");
		// A new order's hold still speaks of the order.
		String plain = "PA-" + TestCustomers.uniqueRef();
		this.f.as("sales")
			.document("mutation { placeOrder(input: {orderId: \"" + plain + "\", customerId: \"" + customer
					+ "\", amount: \"60000\", currency: \"EUR\"}) { decision { reasons { message total } } } }")
			.execute()
			.path("placeOrder.decision.reasons[0].message")
			.entity(String.class)
			.isEqualTo("Order of 60,000.00 EUR is above the available credit of 50,000.00 EUR; it waits for Finance.");
	}

	@Test
	void rejectingAHeldAmendmentTakesItOffTheWorklistAndKeepsTheOrder() {
		String customer = this.f.activeCustomer("300000");
		String order = "PA-" + TestCustomers.uniqueRef();
		this.f.place("sales", order, customer, "250000", "EUR");
		amend(order, "320000");
		GraphQlTester.Response rejected = this.f.mutate("manager", "rejectOrder", "RejectOrderInput",
				Map.of("orderId", order, "reason", "No more room"),
				"order { amount { amount } status pendingAmendment { amount { amount } } } userErrors { code }");
		rejected.path("rejectOrder.userErrors").entityList(Object.class).hasSize(0);
		rejected.path("rejectOrder.order.amount.amount").entity(String.class).isEqualTo("250000.00");
		rejected.path("rejectOrder.order.pendingAmendment").valueIsNull();
		worklist(customer).path("pendingOrders.edges").entityList(Object.class).hasSize(0);
	}

	@Test
	void anAmendmentHeldBeforeItsDecisionWasKeptShowsTheOrdersDecision() {
		String customer = this.f.activeCustomer("300000");
		String order = "PA-" + TestCustomers.uniqueRef();
		this.f.place("sales", order, customer, "250000", "EUR");
		amend(order, "320000");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order)),
				new Update().unset("pendingAmendment.decision"), Order.COLLECTION);
		GraphQlTester.Response entry = worklist(customer);
		entry.path("pendingOrders.edges[0].node.pendingAmendment.decision").valueIsNull();
		entry.path("pendingOrders.edges[0].node.pendingAmendment.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_AVAILABLE_CREDIT");
		entry.path("pendingOrders.edges[0].node.pendingAmendment.increase.amount")
			.entity(String.class)
			.isEqualTo("70000.00");
		entry.path("pendingOrders.edges[0].node.decision.status").entity(String.class).isEqualTo("APPROVED");
	}

	private GraphQlTester.Response amend(String order, String amount) {
		return this.f.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", amount),
				"order { id } decision { status reasonCodes reasons { code message threshold actual total } } "
						+ "userErrors { code message }");
	}

	private GraphQlTester.Response worklist(String customer) {
		return this.f.as("manager")
			.document("{ pendingOrders(filter: { customerId: \"" + customer + "\" }, first: 20) { edges { node { "
					+ ENTRY + " } } } }")
			.execute();
	}

}
