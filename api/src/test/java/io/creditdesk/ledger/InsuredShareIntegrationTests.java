package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit insurance secures its percentage of the receivables rounded down to the minor
 * unit, in the seller's favour, in the figures shown and in the credit check the store
 * makes. Found by hand: 90 % of 2,000.01 receivables (1,800.009) was counted as 1,800.01
 * secured, and the available credit shown was rounded up to a figure an order of which
 * was held.
 */
@CreditDeskIntegrationTest
class InsuredShareIntegrationTests {

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
	void theInsuredShareIsRoundedDownAndTheAvailableCreditShownIsWhatAnOrderMayUse() {
		String customer = this.f.activeCustomer("3000");
		this.f
			.mutate("manager", "addCreditSecurity", "AddCreditSecurityInput",
					Map.of("customerId", customer, "type", "CREDIT_INSURANCE", "reference",
							"I-" + TestCustomers.uniqueRef(), "amount", Map.of("amount", "5000", "currency", "EUR"),
							"coverPercent", "90", "reason", "insured"),
					"userErrors { code }")
			.path("addCreditSecurity.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		this.f
			.mutate("admin", "issueInvoice", "IssueInvoiceInput",
					Map.of("invoiceId", "I-" + TestCustomers.uniqueRef(), "customerId", customer, "amount", "2000.01",
							"currency", "EUR"),
					"userErrors { code }")
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);

		GraphQlTester.Response figures = this.f.exposure(customer);
		figures.path("customer.exposure.secured.amount").entity(String.class).isEqualTo("1800.00");
		figures.path("customer.exposure.net.amount").entity(String.class).isEqualTo("200.01");
		figures.path("customer.availableCredit.amount").entity(String.class).isEqualTo("2799.99");
		figures.path("customer.exposure.availableCredit.amount").entity(String.class).isEqualTo("2799.99");
		// The store's check counts the same: 2,800.00 does not fit, 2,799.99 does.
		this.f.place("sales", "I-" + TestCustomers.uniqueRef(), customer, "2800.00", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		LedgerFixtures.approved(this.f.place("sales", "I-" + TestCustomers.uniqueRef(), customer, "2799.99", "EUR"));
		this.f.noDrift(customer);
	}

	/**
	 * The store's check rounds the insured share down as the figure shown does, also for
	 * an amount or ceiling that is not at the minor unit, and at a share that is a whole
	 * minor unit (which a store that floors through binary floating point may miss).
	 */
	@Test
	void theStoresCheckRoundsTheInsuredShareDown() {
		SecuredTerms ninety = new SecuredTerms(BigDecimal.ZERO, new BigDecimal("90"), new BigDecimal("5000"), 2);
		// Net 200.01 (200.001 exact): 799.995 more is over 1,000.
		assertThat(fits("2000.01", ninety, "799.995", "1000")).isFalse();
		assertThat(fits("2000.01", ninety, "799.99", "1000")).isTrue();
		SecuredTerms whole = new SecuredTerms(BigDecimal.ZERO, new BigDecimal("100"), new BigDecimal("5000"), 2);
		for (String receivables : new String[] { "1800.01", "0.29", "0.57", "4.35", "1234567.89" }) {
			BigDecimal secured = whole.secured(new BigDecimal(receivables));
			assertThat(secured).isEqualByComparingTo(new BigDecimal(receivables).min(new BigDecimal("5000")));
			BigDecimal net = new BigDecimal(receivables).subtract(secured);
			assertThat(fits(receivables, whole, "1000", net.add(new BigDecimal("1000")).toPlainString())).isTrue();
			assertThat(fits(receivables, whole, "1000.001", net.add(new BigDecimal("1000")).toPlainString())).isFalse();
		}
		SecuredTerms yen = new SecuredTerms(BigDecimal.ZERO, new BigDecimal("12.5"), new BigDecimal("5000"), 0);
		// 12.5 % of 9,999 is 1,249.875, insured 1,249: net 8,750.
		assertThat(fits("9999", yen, "1250", "10000")).isTrue();
		assertThat(fits("9999", yen, "1250.5", "10000")).isFalse();
	}

	private boolean fits(String receivables, SecuredTerms secured, String amount, String ceiling) {
		String collection = "insuredShareTest";
		String id = TestCustomers.uniqueRef();
		this.mongo.getCollection(collection)
			.insertOne(new Document("_id", id).append("exposure",
					new Document("receivables", ExposureFormula.dec(new BigDecimal(receivables)))));
		return this.mongo.getCollection(collection)
			.countDocuments(new Document("_id", id).append("$expr", ExposureFormula.fitsExpression(secured,
					new BigDecimal(amount), ExposureFormula.dec(new BigDecimal(ceiling))))) == 1;
	}

}
