package io.creditdesk.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A conditional order update that finds another version (a concurrent change of the
 * order, such as an invoice raising its invoiced part, landed between the read and the
 * write) must leave the counters as they were.
 */
@CreditDeskIntegrationTest
@TestPropertySource(properties = { "spring.test.webtestclient.timeout=30s" })
class LostRaceIntegrationTests {

	/** The order whose next conditional update loses a race (null: none). */
	private static final AtomicReference<String> RACING = new AtomicReference<>();

	@MockitoSpyBean(reset = MockReset.NONE)
	private OrderStore store;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private HttpGraphQlTester graphQl;

	private LedgerFixtures f;

	@BeforeEach
	void raceHook() {
		this.f = new LedgerFixtures(this.graphQl);
		if (Mockito.mockingDetails(this.store).getStubbings().isEmpty()) {
			doAnswer(invocation -> {
				Order order = invocation.getArgument(0);
				String racing = RACING.get();
				if (racing != null && racing.equals(order.id()) && RACING.compareAndSet(racing, null)) {
					// Another request's change of the order lands first.
					this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
							new Update().inc("version", 1), Order.class);
				}
				return invocation.callRealMethod();
			}).when(this.store).updateIfVersion(any(), any(), any());
		}
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	@Test
	void aShipmentThatLosesTheRaceMovesNoExposure() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		this.f.place("sales", order, customer, "6000", "EUR");
		RACING.set(order);
		Map<String, Object> input = new HashMap<>(Map.of("orderId", order, "shipmentId", "s1", "amount", "2000"));
		this.f.mutate("integration", "shipOrder", "ShipOrderInput", input, LedgerFixtures.DECISION)
			.path("shipOrder.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CONCURRENT_MODIFICATION");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("6000.00");
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
	}

	@Test
	void anAutomaticReleaseThatLosesTheRaceReservesNothing() {
		String customer = this.f.activeCustomer("5000");
		String first = id("o");
		this.f.place("sales", first, customer, "4000", "EUR");
		String held = id("held");
		this.f.place("sales", held, customer, "3000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		RACING.set(held);
		// Frees 4000: the held order is re-evaluated, reserved, and its update loses the
		// race.
		this.f.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", first),
				"order { status } userErrors { code }");
		String status = this.f.as("sales")
			.document("{ order(id: \"" + held + "\") { status } }")
			.execute()
			.path("order.status")
			.entity(String.class)
			.get();
		assertThat(status).isEqualTo("HELD");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
	}

}
