package io.creditdesk.ledger;

import java.time.LocalDate;
import java.time.ZoneOffset;
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

	/**
	 * Overdue receivables read for many customers at once: each customer's invoices held
	 * against its own grace days (one overdue under no grace, the same invoice not
	 * overdue under 40 days, two under 5), and invoices not yet due not counted.
	 */
	@Test
	void overdueReceivablesReadAtOnceHoldEachCustomersOwnGrace() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String strict = f.activeCustomer("100000");
		String lenient = f.activeCustomer("100000");
		String twice = f.activeCustomer("100000");
		String early = f.activeCustomer("100000");
		f.policy(Map.of("level", "CUSTOMER", "code", strict, "graceDays", 0, "reason", "strict"));
		f.policy(Map.of("level", "CUSTOMER", "code", lenient, "graceDays", 40, "reason", "lenient"));
		f.policy(Map.of("level", "CUSTOMER", "code", twice, "graceDays", 5, "reason", "twice"));
		// Net 30: dated 60 days ago is due 30 days ago, 45 days ago due 15 days ago.
		invoice(f, strict, "500", 60);
		invoice(f, lenient, "700", 60);
		invoice(f, twice, "300", 60);
		invoice(f, twice, "200", 45);
		invoice(f, early, "900", 10);
		List<String> asked = List.of(strict, lenient, twice, early);
		Map<String, Exposure> atOnce = TestUsers.as("manager", "CREDIT_MANAGER", () -> this.accounts.exposures(asked));
		for (String id : asked) {
			assertThat(atOnce.get(id))
				.isEqualTo(TestUsers.as("manager", "CREDIT_MANAGER", () -> this.accounts.exposure(id)));
		}
		assertThat(atOnce.get(strict).overdue().amount()).isEqualByComparingTo("500");
		assertThat(atOnce.get(strict).oldestOverdueDays()).isEqualTo(30);
		assertThat(atOnce.get(lenient).overdue().amount()).isZero();
		assertThat(atOnce.get(lenient).receivables().amount()).isEqualByComparingTo("700");
		assertThat(atOnce.get(twice).overdue().amount()).isEqualByComparingTo("500");
		assertThat(atOnce.get(twice).oldestOverdueDays()).isEqualTo(25);
		assertThat(atOnce.get(early).overdue().amount()).isZero();
	}

	private static void invoice(LedgerFixtures f, String customer, String amount, int daysAgo) {
		f.mutate("integration", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", "inv-" + TestCustomers.uniqueRef(), "customerId", customer, "amount", amount,
						"currency", "EUR", "invoiceDate", LocalDate.now(ZoneOffset.UTC).minusDays(daysAgo).toString()),
				"invoice { id } userErrors { code message }")
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);
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
