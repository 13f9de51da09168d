package io.creditdesk.ledger;

import java.util.List;
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
 * A held order's reasons as a sales portal reads them: the code, the sentence with the
 * figures in the caller's language ({@code Accept-Language}, English without one), and
 * the figures themselves, kept on the order and read back later.
 */
@CreditDeskIntegrationTest
class ReasonMessagesIntegrationTests {

	private static final String REASONS = "reasons { code message threshold actual }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	record Reason(String code, String message, String threshold, String actual) {
	}

	@Test
	void anOrderAboveTheMaximumOrderValueSaysSoWithItsFigures() {
		String customer = this.f.activeCustomer("100000");
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "maxOrderAmount",
				Map.of("amount", "20000", "currency", "EUR"), "reason", "a maximum order value"));
		String order = "o-" + TestCustomers.uniqueRef();
		List<Reason> placed = place(order, customer, "25000");
		assertThat(placed).containsExactly(new Reason("ORDER_ABOVE_MAX_VALUE",
				"Order of 25,000.00 EUR is above the maximum order value of 20,000.00 EUR set for customer " + customer
						+ "; it waits for Finance.",
				"20000.00 EUR", "25000.00 EUR"));
		// Kept on the order: read back later, in German.
		assertThat(read(order, "de")).containsExactly(new Reason("ORDER_ABOVE_MAX_VALUE",
				"Auftrag über 25.000,00 EUR übersteigt den Höchstauftragswert von 20.000,00 EUR, festgelegt für Kunde "
						+ customer + "; er wartet auf die Finanzabteilung.",
				"20000.00 EUR", "25000.00 EUR"));
	}

	@Test
	void anOrderAboveTheAvailableCreditSaysHowMuchIsAvailable() {
		String customer = this.f.activeCustomer("1000");
		String order = "o-" + TestCustomers.uniqueRef();
		assertThat(place(order, customer, "1500")).containsExactly(new Reason("EXCEEDS_AVAILABLE_CREDIT",
				"Order of 1,500.00 EUR is above the available credit of 1,000.00 EUR; it waits for Finance.",
				"1000.00 EUR", "1500.00 EUR"));
		assertThat(read(order, "de-DE,de;q=0.9,en;q=0.5")).extracting(Reason::message)
			.containsExactly(
					"Auftrag über 1.500,00 EUR übersteigt den verfügbaren Kredit von 1.000,00 EUR; er wartet auf die Finanzabteilung.");
		// A language the catalogue does not have reads English.
		assertThat(read(order, "fr")).extracting(Reason::message)
			.containsExactly(
					"Order of 1,500.00 EUR is above the available credit of 1,000.00 EUR; it waits for Finance.");
	}

	@Test
	void anOrderAboveTheGroupsAvailableCreditSaysHowMuchTheGroupHasLeft() {
		String parent = this.f.activeCustomer("5000");
		String member = this.f.activeCustomer("5000", "EUR", this.f.segmentOf(parent));
		this.f.join(member, parent);
		this.f.groupLimit(parent, "3000");
		this.f
			.place("sales",
					Map.of("orderId", "o-" + TestCustomers.uniqueRef(), "customerId", parent, "amount", "1000",
							"currency", "EUR"))
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		String order = "o-" + TestCustomers.uniqueRef();
		assertThat(place(order, member, "2500")).containsExactly(new Reason("EXCEEDS_GROUP_AVAILABLE_CREDIT",
				"The order needs 2,500.00 EUR of the available credit of the customer's credit group, which has"
						+ " 2,000.00 EUR available (group limit 3,000.00 EUR, group exposure 1,000.00 EUR);"
						+ " it waits for Finance.",
				"2000.00 EUR", "2500.00 EUR"));
		assertThat(read(order, "de")).extracting(Reason::message)
			.containsExactly("Der Auftrag benötigt 2.500,00 EUR vom verfügbaren Kredit der Kreditgruppe des Kunden,"
					+ " die 2.000,00 EUR verfügbar hat (Gruppenlimit 3.000,00 EUR, Gruppenobligo 1.000,00 EUR);"
					+ " er wartet auf die Finanzabteilung.");
	}

	@Test
	void aRejectionByFinanceKeepsTheFiguresOfTheHold() {
		String customer = this.f.activeCustomer("1000");
		String order = "o-" + TestCustomers.uniqueRef();
		place(order, customer, "1500");
		this.f
			.mutate("manager", "rejectOrder", "RejectOrderInput", Map.of("orderId", order, "reason", "too much"),
					"userErrors { code }")
			.path("rejectOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(read(order, "en")).containsExactly(
				new Reason("REJECTED_BY_APPROVER", "Rejected by a Finance approver.", null, null),
				new Reason("EXCEEDS_AVAILABLE_CREDIT",
						"Order of 1,500.00 EUR is above the available credit of 1,000.00 EUR; it waits for Finance.",
						"1000.00 EUR", "1500.00 EUR"));
	}

	@Test
	void aDecisionStoredBeforeFiguresWereKeptReadsItsCodesWithoutFigures() {
		String customer = this.f.activeCustomer("1000");
		String order = "o-" + TestCustomers.uniqueRef();
		place(order, customer, "1500");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order)), new Update().unset("decision.reasons"),
				Order.COLLECTION);
		assertThat(read(order, "en")).containsExactly(new Reason("EXCEEDS_AVAILABLE_CREDIT",
				"The order is above the available credit; it waits for Finance.", null, null));
	}

	private List<Reason> place(String orderId, String customerId, String amount) {
		GraphQlTester.Response response = this.f.place("sales",
				Map.of("orderId", orderId, "customerId", customerId, "amount", amount, "currency", "EUR"));
		response.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		response.path("placeOrder.decision.status").entity(String.class).isEqualTo("PENDING_APPROVAL");
		return this.f.as("sales")
			.document("{ order(id: \"" + orderId + "\") { decision { " + REASONS + " } } }")
			.execute()
			.path("order.decision.reasons")
			.entityList(Reason.class)
			.get();
	}

	private List<Reason> read(String orderId, String language) {
		return this.f.as("sales")
			.mutate()
			.header("Accept-Language", language)
			.build()
			.document("{ order(id: \"" + orderId + "\") { decision { " + REASONS + " } } }")
			.execute()
			.path("order.decision.reasons")
			.entityList(Reason.class)
			.get();
	}

}
