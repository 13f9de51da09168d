package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
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
 * An order of a customer this instance has read before is reserved first and verified on
 * the account as the reservation found it: the decisions and figures are those of a fresh
 * reading, and an account changed behind the instance's back (by another instance, or
 * directly in the store) is never decided on what this instance remembered.
 */
@CreditDeskIntegrationTest
class CheckAheadIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MeterRegistry meters;

	@Test
	void laterOrdersAreReservedFirstAndDecidedAsOnAFreshReading() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		double ahead = reservedFirst();
		assertDecision(place(f, customer, "a1", "300"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "1000.00",
				"700.00");
		assertDecision(place(f, customer, "a2", "300"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "700.00",
				"400.00");
		assertDecision(place(f, customer, "a3", "300"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "400.00",
				"100.00");
		assertThat(reservedFirst() - ahead).isEqualTo(2.0);
		// Over what the last reading left: read first, held on that reading.
		assertDecision(place(f, customer, "a4", "300"), "PENDING_APPROVAL", List.of("EXCEEDS_AVAILABLE_CREDIT"),
				"100.00", "100.00");
		assertDecision(place(f, customer, "a5", "100"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "100.00",
				"0.00");
		assertThat(f.counter(customer, "openOrders")).isEqualTo("1000.00");
	}

	@Test
	void anAccountChangedBehindTheInstancesBackIsDecidedOnWhatItIsNow() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		assertDecision(place(f, customer, "b1", "100"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "1000.00",
				"900.00");

		// The limit lowered elsewhere: the remembered 900 are gone.
		change(customer, new Update().set("creditLimit.amount.amount", new BigDecimal("250.00")));
		assertDecision(place(f, customer, "b2", "200"), "PENDING_APPROVAL", List.of("EXCEEDS_AVAILABLE_CREDIT"),
				"150.00", "150.00");

		// The limit expired elsewhere: a hold rule the reservation itself cannot see.
		change(customer, new Update().set("creditLimit.amount.amount", new BigDecimal("1000.00"))
			.set("creditLimit.validUntil", LocalDate.now().minusDays(1)));
		assertDecision(place(f, customer, "b3", "100"), "PENDING_APPROVAL", List.of("LIMIT_EXPIRED"), "900.00",
				"900.00");
		change(customer, new Update().unset("creditLimit.validUntil"));
		assertDecision(place(f, customer, "b4", "100"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "900.00",
				"800.00");

		// Suspended elsewhere.
		change(customer, new Update().set("status", "SUSPENDED"));
		assertDecision(place(f, customer, "b5", "100"), "REJECTED", List.of("CUSTOMER_SUSPENDED"), "800.00", "800.00");
		change(customer, new Update().set("status", "ACTIVE"));

		// Moved to a segment whose policy caps the order value, elsewhere.
		String capped = "AHEAD_" + customer.substring(Math.max(0, customer.length() - 8)).toUpperCase();
		f.policy(Map.of("level", "SEGMENT", "code", capped, "maxOrderAmount", Map.of("amount", "50", "currency", "EUR"),
				"reason", "cap"));
		assertDecision(place(f, customer, "b6", "100"), "APPROVED", List.of("WITHIN_AVAILABLE_CREDIT"), "800.00",
				"700.00");
		change(customer, new Update().set("segment", capped));
		assertDecision(place(f, customer, "b7", "100"), "PENDING_APPROVAL", List.of("ORDER_ABOVE_MAX_VALUE"), "700.00",
				"700.00");

		// None of the refused orders left anything reserved.
		assertThat(f.counter(customer, "openOrders")).isEqualTo("300.00");
	}

	private double reservedFirst() {
		return this.meters.get(CreditDecider.CHECKS_METRIC).tag("path", "reservation").counter().count();
	}

	private void change(String customerId, Update update) {
		assertThat(this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(customerId)), update, CreditAccount.class,
					CreditAccount.COLLECTION)
			.getMatchedCount()).isEqualTo(1);
	}

	private static GraphQlTester.Response place(LedgerFixtures f, String customer, String order, String amount) {
		return f.place("sales", order + "-" + customer, customer, amount, "EUR");
	}

	private static void assertDecision(GraphQlTester.Response response, String status, List<String> reasons,
			String available, String availableAfter) {
		response.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		response.path("placeOrder.decision.status").entity(String.class).isEqualTo(status);
		response.path("placeOrder.decision.reasonCodes").entityList(String.class).isEqualTo(reasons);
		response.path("placeOrder.decision.available.amount").entity(String.class).isEqualTo(available);
		response.path("placeOrder.decision.availableAfter.amount").entity(String.class).isEqualTo(availableAfter);
	}

}
