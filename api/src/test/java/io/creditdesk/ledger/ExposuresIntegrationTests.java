package io.creditdesk.ledger;

import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.TestUsers;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.ledger.CreditAccountService.Exposure;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exposures of many customers, read at once (a page of the credit budget allocation,
 * a list of customers with their utilization), are the exposures read one by one.
 */
@CreditDeskIntegrationTest
class ExposuresIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private CreditAccountService accounts;

	@Autowired
	private OrderService orders;

	@Test
	void readAtOnceTheyAreWhatEachReadsAloneInTheOrderAskedAndWithoutTheUnknown() {
		String idle = customer("10000");
		String busy = customer("20000");
		String full = customer("5000");
		place(busy, "7500.00");
		place(full, "4999.99");
		List<String> asked = List.of(full, "no-such-customer", idle, busy);
		Map<String, Exposure> atOnce = TestUsers.as("manager", "CREDIT_MANAGER", () -> this.accounts.exposures(asked));
		assertThat(atOnce.keySet()).containsExactly(full, idle, busy);
		for (String id : List.of(full, idle, busy)) {
			assertThat(atOnce.get(id))
				.isEqualTo(TestUsers.as("manager", "CREDIT_MANAGER", () -> this.accounts.exposure(id)));
		}
		assertThat(atOnce.get(busy).openOrders().amount()).isEqualByComparingTo("7500.00");
		assertThat(atOnce.get(idle).net().amount()).isZero();
	}

	private String customer(String limit) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "EXPOSURES_" + TestCustomers.uniqueRef().replace("-", "_"), "SILVER",
				"RETAIL", "EUR");
		TestCustomers.setLimit(admin, id, limit);
		return id;
	}

	private void place(String customer, String amount) {
		TestUsers.as("sales", "SALES", () -> this.orders.place(new PlaceOrderInput("x-" + TestCustomers.uniqueRef(),
				customer, new DecimalInput(amount), "EUR", "API", null)));
	}

}
