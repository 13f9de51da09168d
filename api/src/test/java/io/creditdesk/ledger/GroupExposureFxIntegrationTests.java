package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A credit group whose members keep their credit in other currencies than the parent: the
 * group's exposure is its members' exposures at today's rate, whatever the rate was when
 * each was reserved, so a rate move never leaves anything behind in the group, and the
 * group limit is checked at today's rate. Each test uses its own currency, so that the
 * rates one sets do not reach another.
 */
@CreditDeskIntegrationTest
class GroupExposureFxIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	@Test
	void aRateMoveLeavesNothingInTheGroupOnceTheMemberIsBackToZero() {
		String parent = this.f.activeCustomer("100000");
		String member = member(parent, "PLN");
		this.f.groupLimit(parent, "10000");
		rate("PLN", "0.25", yesterday());
		String order = id("o");
		LedgerFixtures.approved(this.f.place("sales", order, member, "1000", "PLN"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("250.00");

		// Released at a later day's rate: the 1,000 PLN reserved go, whatever they are
		// worth now.
		rate("PLN", "0.20", today());
		this.f
			.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", order, "reason", "t"),
					"userErrors { code }")
			.path("cancelOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(this.f.counter(member, "openOrders")).isEqualTo("0.00");
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("0.00");
	}

	@Test
	void theGroupLimitIsCheckedAtTodaysRate() {
		String parent = this.f.activeCustomer("100000");
		String member = member(parent, "CZK");
		this.f.groupLimit(parent, "1000");
		rate("CZK", "0.25", yesterday());
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "4000", "CZK"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("1000.00");

		// The member's 4,000 CZK is worth 800 EUR now: 200 EUR of the group limit are
		// free.
		rate("CZK", "0.20", today());
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "1000", "CZK"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("1000.00");

		// Worth 1,500 EUR at a higher rate: over the group limit, nothing more fits.
		rate("CZK", "0.30", today());
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("1500.00");
		GraphQlTester.Response held = this.f.place("sales", id("o"), member, "1", "CZK");
		held.path("placeOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		held.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.containsExactly("EXCEEDS_GROUP_AVAILABLE_CREDIT");
		assertThat(this.f.counter(member, "openOrders")).isEqualTo("5000.00");
	}

	@Test
	void theReconciliationFindsAndCorrectsGroupDrift() {
		String parent = this.f.activeCustomer("100000");
		String member = member(parent, "DKK");
		this.f.groupLimit(parent, "10000");
		// What a crash between a member's decrease and the group following it leaves, and
		// what the group exposure kept before it was held per member: 150 EUR too much.
		this.mongo.getCollection(CreditAccount.COLLECTION)
			.updateOne(new Document("_id", new ObjectId(parent)),
					new Document("$set", new Document("groupExposure.net", new Decimal128(new BigDecimal("150.00")))));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("150.00");

		this.f.as("manager")
			.document("{ exposureReconciliation(customerId: \"" + parent
					+ "\") { drifted group { currency stored { amount } expected { amount } drift { amount } } } }")
			.execute()
			.path("exposureReconciliation.drifted")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("exposureReconciliation.group.currency")
			.entity(String.class)
			.isEqualTo("EUR")
			.path("exposureReconciliation.group.stored.amount")
			.entity(String.class)
			.isEqualTo("150.00")
			.path("exposureReconciliation.group.expected.amount")
			.entity(String.class)
			.isEqualTo("0.00");
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("150.00");

		this.f
			.mutate("manager", "reconcileExposure", "ReconcileExposureInput", Map.of("customerId", parent, "fix", true),
					"reconciliation { drifted fixed } userErrors { code }")
			.path("reconcileExposure.reconciliation.fixed")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("0.00");

		// Held per member from then on: a member's reservation counts in its own
		// currency.
		rate("DKK", "0.125", yesterday());
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "800", "DKK"));
		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("100.00");
		this.f.noDrift(parent);
	}

	/**
	 * What the group limit leaves a member in another currency is converted as its
	 * order's group check converts the order, rounded down: an order of it fits, one
	 * minor unit more does not.
	 */
	@Test
	void theGroupsAvailableCreditOfAMemberIsInItsCurrencyAtTodaysRateRoundedDown() {
		String parent = this.f.activeCustomer("100000");
		String member = member(parent, "ZAR");
		this.f.groupLimit(parent, "1000");
		rate("ZAR", "0.3", yesterday());
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "3000", "ZAR"));

		// 100 EUR of the group limit left: 333.333... ZAR, so 333.33.
		assertThat(groupAvailable(parent)).isEqualTo("100.00 EUR");
		assertThat(groupAvailable(member)).isEqualTo("333.33 ZAR");
		assertThat(this.f.available(member)).isEqualTo("333.33");
		this.f.place("sales", id("o"), member, "333.34", "ZAR")
			.path("placeOrder.decision.reasonCodes")
			.entityList(String.class)
			.contains("EXCEEDS_GROUP_AVAILABLE_CREDIT");
		LedgerFixtures.approved(this.f.place("sales", id("o"), member, "333.33", "ZAR"));
		assertThat(groupAvailable(member)).isEqualTo("0.00 ZAR");
		assertThat(this.f.available(member)).isEqualTo("0.00");
	}

	private String groupAvailable(String customer) {
		GraphQlTester.Response figures = this.f.as("manager")
			.document("{ customer(id: \"" + customer + "\") { groupAvailableCredit { amount currency } } }")
			.execute();
		return figures.path("customer.groupAvailableCredit.amount").entity(String.class).get() + " "
				+ figures.path("customer.groupAvailableCredit.currency").entity(String.class).get();
	}

	private String member(String parent, String currency) {
		String member = TestCustomers.create(this.f.as("admin"), this.f.segmentOf(parent), "SILVER", "RETAIL",
				currency);
		this.f.join(member, parent);
		TestCustomers.setLimit(this.f.as("admin"), member, "1000000");
		return member;
	}

	/** 1 {@code base} = {@code rate} EUR from {@code validOn}. */
	private void rate(String base, String rate, LocalDate validOn) {
		this.f
			.mutate("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", base, "quote", "EUR", "rate", rate, "validOn", validOn.toString()),
					"rate { rate } userErrors { code }")
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	private static LocalDate yesterday() {
		return today().minusDays(1);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

}
