package io.creditdesk.ledger;

import java.math.BigDecimal;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's available credit is what a new order may use, its credit group's limit
 * included. Found by hand: parent and member with limits of 10,000 each and a group limit
 * of 5,000; after 5,000 of orders across the group the member showed 8,000 available and
 * the parent 7,000, yet every new order was held with EXCEEDS_GROUP_AVAILABLE_CREDIT.
 */
@CreditDeskIntegrationTest
class GroupAvailableCreditIntegrationTests {

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

	@Test
	void theAvailableCreditOfAGroupsCustomersIsAtMostWhatTheGroupLimitLeaves() {
		String parent = this.f.activeCustomer("10000");
		String member = this.f.activeCustomer("10000");
		this.f.join(member, parent);
		this.f.groupLimit(parent, "5000");
		LedgerFixtures.approved(this.f.place("sales", id("p"), parent, "3000", "EUR"));
		LedgerFixtures.approved(this.f.place("sales", id("m"), member, "1000", "EUR"));

		// The member's own 9,000, the group's 1,000: the group's is what an order may
		// use.
		assertFigures(member, "1000.00", "1000.00", "9000.00");
		assertFigures(parent, "1000.00", "1000.00", "7000.00");
		LedgerFixtures.approved(this.f.place("sales", id("m"), member, "1000", "EUR"));

		assertFigures(member, "0.00", "0.00", "8000.00");
		assertFigures(parent, "0.00", "0.00", "7000.00");
		this.f.place("sales", id("m"), member, "0.01", "EUR")
			.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.contains("EXCEEDS_GROUP_AVAILABLE_CREDIT");
	}

	@Test
	void aCustomerOutsideAGroupWithALimitHasNoGroupAvailableCredit() {
		String parent = this.f.activeCustomer("10000");
		String member = this.f.activeCustomer("10000");
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("m"), member, "1000", "EUR"));

		GraphQlTester.Response figures = figures(member);
		figures.path("customer.availableCredit.amount").entity(String.class).isEqualTo("9000.00");
		figures.path("customer.groupAvailableCredit").valueIsNull();
		figures.path("customer.exposure.groupAvailableCredit").valueIsNull();
	}

	/**
	 * Asserts the customer's available credit (on the customer and on its exposure), the
	 * group's, and its own limit less net exposure.
	 */
	private void assertFigures(String customer, String available, String group, String own) {
		GraphQlTester.Response figures = figures(customer);
		figures.path("customer.availableCredit.amount").entity(String.class).isEqualTo(available);
		figures.path("customer.exposure.availableCredit.amount").entity(String.class).isEqualTo(available);
		figures.path("customer.groupAvailableCredit.amount").entity(String.class).isEqualTo(group);
		figures.path("customer.exposure.groupAvailableCredit.amount").entity(String.class).isEqualTo(group);
		String limit = figures.path("customer.exposure.limit.amount").entity(String.class).get();
		String net = figures.path("customer.exposure.net.amount").entity(String.class).get();
		assertThat(new BigDecimal(limit).subtract(new BigDecimal(net))).isEqualByComparingTo(own);
	}

	private GraphQlTester.Response figures(String customer) {
		return this.f.as("manager")
			.document(
					"{ customer(id: \"" + customer + "\") { availableCredit { amount } groupAvailableCredit { amount } "
							+ "exposure { limit { amount } net { amount } availableCredit { amount } "
							+ "groupAvailableCredit { amount } } } }")
			.execute();
	}

}
