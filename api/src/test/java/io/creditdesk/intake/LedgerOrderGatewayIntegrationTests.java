package io.creditdesk.intake;

import java.math.BigDecimal;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.ledger.OrderService;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Channel orders reach the same credit check as placeOrder, idempotently, with no
 * signed-in user.
 */
@CreditDeskIntegrationTest
class LedgerOrderGatewayIntegrationTests {

	@Autowired
	private LedgerOrderGateway gateway;

	@Autowired
	private OrderService orders;

	@Autowired
	private HttpGraphQlTester graphQl;

	private String activeCustomer(String limit) {
		var admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + id + "\", amount: \"" + limit
					+ "\", reason: \"t\"}) { userErrors { code } } }")
			.execute();
		return id;
	}

	private static CanonicalOrder order(String number, String customerId, String amount) {
		return new CanonicalOrder("webshop:" + number, "webshop", number, customerId, new BigDecimal(amount), "EUR",
				null, List.of(new CanonicalOrder.Line("SKU-1", BigDecimal.ONE, new BigDecimal(amount))));
	}

	@Test
	void channelOrdersAreCreditCheckedOnceEach() {
		String customer = activeCustomer("1000");
		String number = "WS-" + TestCustomers.uniqueRef();
		GatewayDecision first = this.gateway.place(order(number, customer, "600.00"));
		assertThat(first.status()).isEqualTo("APPROVED");
		assertThat(this.gateway.place(order(number, customer, "600.00"))).isEqualTo(first);
		assertThat(this.gateway.place(order(number + "-2", customer, "600.00")).status()).isEqualTo("PENDING_APPROVAL");
		var placed = this.orders.find("webshop:" + number).orElseThrow();
		assertThat(placed.placedBy()).isEqualTo("intake-webshop");
		assertThat(placed.channel()).isEqualTo("WEBSHOP");
	}

	@Test
	void aRefusedOrderIsAPermanentFailure() {
		assertThatExceptionOfType(CreditDeskException.class)
			.isThrownBy(() -> this.gateway.place(order("WS-X", "missing-customer", "10.00")))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo("CUSTOMER_NOT_FOUND"));
	}

}
