package io.creditdesk.ledger;

import java.time.LocalDate;
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
 * Orders and amendments waiting for approval, released later: what is reserved is what
 * the order needs then (its unshipped part, an amendment not superseded by a later change
 * or a shipment), checked as long-dated only while its delivery date is beyond the
 * horizon. Each test failed before its fix: the counters kept a reservation nothing could
 * free, or an order was approved beyond the limit.
 */
@CreditDeskIntegrationTest
class WaitingOrdersIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	private GraphQlTester.Response ship(String orderId, String shipmentId, String amount) {
		return this.f.ship(orderId, shipmentId, amount);
	}

	private String orderField(String orderId, String path) {
		return this.f.as("sales")
			.document("{ order(id: \"" + orderId + "\") { status creditAmount { amount } } }")
			.execute()
			.path("order." + path)
			.entity(String.class)
			.get();
	}

	/** An order of 6,000 whose amendment to 11,000 waits for Finance (limit 10,000). */
	private void heldAmendment(String customer, String order) {
		this.f.place("sales", order, customer, "6000", "EUR");
		this.f
			.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "11000"),
					LedgerFixtures.DECISION)
			.path("amendOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
	}

	/**
	 * An order of 10,000 that shipped 4,000, was cancelled, and re-opened after another
	 * order of 5,000 took the room: held (limit 10,000).
	 */
	private void reopenedAndHeldAfterShipping4000Of10000(String customer, String order) {
		this.f.place("sales", order, customer, "10000", "EUR");
		ship(order, "s1", "4000");
		this.f.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", order),
				"order { status } userErrors { code }");
		this.f.place("sales", id("o"), customer, "5000", "EUR");
		this.f.mutate("sales", "reopenOrder", "ReopenOrderInput", Map.of("orderId", order), LedgerFixtures.DECISION)
			.path("reopenOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
	}

	private void setLimit(String customer, String amount) {
		this.f.as("admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + customer + "\", amount: \"" + amount
					+ "\", reason: \"raise\"}) { userErrors { code } } }")
			.execute();
	}

	/**
	 * A held amendment stays on the worklist while its order ships in full; releasing it
	 * then reserves the increase on a SHIPPED order, which no cancel or ship can release.
	 */
	@Test
	void releasingAnAmendmentOfAFullyShippedOrderReservesNothing() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		heldAmendment(customer, order);
		ship(order, "s1", null).path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
		// Shipped in full: the amendment no longer applies and is off the worklist.
		this.f
			.mutate("manager", "releaseOrder", "ReleaseOrderInput",
					Map.of("orderId", order, "reason", "ok", "overrideLimit", true), LedgerFixtures.DECISION)
			.path("releaseOrder.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("ORDER_NOT_PENDING");
		assertThat(orderField(order, "status")).isEqualTo("SHIPPED");
		// The order is SHIPPED: nothing of it is open, so nothing may stay reserved.
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
	}

	/**
	 * An order stored before shipments dropped waiting amendments: shipped in full with
	 * its amendment still on the worklist. Finance cannot release it (nothing is left to
	 * release), the re-evaluation passes it by, and rejecting it takes it off the
	 * worklist.
	 */
	@Test
	void anAmendmentLeftOnAFullyShippedOrderIsNeitherReleasedNorReserved() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		heldAmendment(customer, order);
		Order waiting = this.mongo.findById(Ledger.storedId(order), Order.class);
		ship(order, "s1", null).path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		// As such an order was left before: the amendment and its worklist key kept.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(Ledger.storedId(order))),
				new Update().set("pendingAmendment", waiting.pendingAmendment())
					.set(OrderStore.WORKLIST_KEY, waiting.worklistKey()),
				Order.class);
		this.f
			.mutate("manager", "releaseOrder", "ReleaseOrderInput",
					Map.of("orderId", order, "reason", "ok", "overrideLimit", true), LedgerFixtures.DECISION)
			.path("releaseOrder.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("ORDER_NOT_PENDING")
			.path("releaseOrder.userErrors[0].message")
			.entity(String.class)
			.satisfies(message -> assertThat(message).contains("nothing left to release"));
		setLimit(customer, "20000");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
		this.f
			.mutate("manager", "rejectOrder", "RejectOrderInput", Map.of("orderId", order, "reason", "shipped"),
					"order { status } userErrors { code }")
			.path("rejectOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(this.mongo.findById(Ledger.storedId(order), Order.class).worklistKey()).isNull();
	}

	/** The same, released automatically when credit frees up (a limit raise). */
	@Test
	void autoReleasingAnAmendmentOfAFullyShippedOrderReservesNothing() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		heldAmendment(customer, order);
		ship(order, "s1", null).path("shipOrder.order.status").entity(String.class).isEqualTo("SHIPPED");
		setLimit(customer, "20000");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
	}

	/**
	 * A partly shipped order, cancelled, reopened and held: the automatic release
	 * reserves its whole amount, not the unshipped part that a manual release reserves.
	 */
	@Test
	void autoReleaseOfAReopenedPartlyShippedOrderReservesOnlyItsUnshippedPart() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		reopenedAndHeldAfterShipping4000Of10000(customer, order);
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("5000.00");
		setLimit(customer, "20000");
		assertThat(orderField(order, "status")).isEqualTo("OPEN");
		// 5000 (other) + 6000 (the reopened order's unshipped part)
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("11000.00");
	}

	/**
	 * A held reopened order that shipped part of it, amended: never below what shipped,
	 * and only the unshipped part is reserved.
	 */
	@Test
	void amendingAHeldPartlyShippedOrderReservesItsUnshippedPart() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		reopenedAndHeldAfterShipping4000Of10000(customer, order);
		this.f
			.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "3000"),
					LedgerFixtures.DECISION)
			.path("amendOrder.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("AMEND_BELOW_SHIPPED");
		// 5000 open and 4000 shipped (not invoiced) leave 1000: an order of 5000 with
		// 4000 shipped needs exactly that.
		this.f
			.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "5000"),
					LedgerFixtures.DECISION)
			.path("amendOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("6000.00");
	}

	/**
	 * A long-dated order cancelled and reopened once its delivery date lies within the
	 * check horizon: the reopening must be checked against the limit.
	 */
	@Test
	void reopeningALongDatedOrderNowWithinTheHorizonIsCreditChecked() {
		String customer = this.f.activeCustomer("5000");
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "checkHorizonDays", 30, "reason", "horizon"));
		String blanket = id("o");
		this.f
			.place("sales",
					Map.of("orderId", blanket, "customerId", customer, "amount", "4500", "currency", "EUR",
							"requestedDeliveryDate", LocalDate.now().plusDays(120).toString()))
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		this.f.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", blanket),
				"order { status } userErrors { code }");
		this.f.place("sales", id("o"), customer, "4000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		// The horizon now covers the delivery date.
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "checkHorizonDays", 365, "reason", "horizon"));
		GraphQlTester.Response reopened = this.f.mutate("sales", "reopenOrder", "ReopenOrderInput",
				Map.of("orderId", blanket), LedgerFixtures.DECISION);
		// 4000 + 4500 > 5000: it must not be approved.
		reopened.path("reopenOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("4000.00");
		assertThat(this.f.counter(customer, "longDatedOrders")).isEqualTo("0.00");
	}

	/**
	 * A held amendment that a later amendment superseded stays on the worklist, and is
	 * applied when credit frees up: the order's amount jumps back to the superseded one.
	 */
	@Test
	void aSupersededHeldAmendmentIsNotAppliedLater() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		this.f.place("sales", order, customer, "7000", "EUR");
		this.f
			.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "12000"),
					LedgerFixtures.DECISION)
			.path("amendOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		this.f.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "2000"),
				LedgerFixtures.DECISION);
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("2000.00");
		setLimit(customer, "20000");
		assertThat(orderField(order, "creditAmount.amount")).isEqualTo("2000.00");
	}

}
