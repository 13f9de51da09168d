package io.creditdesk.risk.scores;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.features.FeatureCatalogue;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.model.CustomerScore;
import io.creditdesk.scoring.model.ReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live scores over the whole service: a customer's invoices and payments booked through
 * the API are scored by the champion shortly after, stored, and read through GraphQL.
 */
@CreditDeskIntegrationTest
class LiveScoresIntegrationTests {

	private static final String SCORE = "query($id: ID!) { customer(id: $id) { score { status probabilityOfDefault grade "
			+ "reasons { feature description value displayValue contribution direction } model { name version } asOf "
			+ "historyMonths monthsNeeded importedMonths scoredAt explanation } "
			+ "scoreHistory(first: 5) { edges { cursor node { grade asOf model { version } } } pageInfo { hasNextPage } } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private CustomerLedgers ledgers;

	@Autowired
	private ActiveModels models;

	@Autowired
	private CustomerScores scores;

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

	@Test
	void aCustomerWithTenMonthsOfHistoryIsScoredByTheChampionAndSalesSeeNoContributions() {
		String id = activeCustomer("40000");
		String ref = TestCustomers.uniqueRef();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int m = 10; m >= 1; m--) {
			LocalDate date = today.minusMonths(m).withDayOfMonth(5);
			invoice(ref + "-" + m, id, "3000", date);
			if (m > 2) {
				pay(ref + "-" + m + "-P", ref + "-" + m, "3000", date.plusDays((m % 3 == 0) ? 70 : 20));
			}
		}
		scoredAfterBookings(id);
		// The stored score is the champion's score of the history the ledger gives today.
		HistoryResult history = LiveHistory.of(this.ledgers.of(id).orElseThrow(), LocalDate.now(ZoneOffset.UTC),
				HistoryOptions.defaults());
		CustomerScore expected = this.models.champion().model().scoreHistories(List.of(history)).get(0);

		GraphQlTester.Response manager = as("manager").document(SCORE).variable("id", id).execute();
		manager.path("customer.score.status").entity(String.class).isEqualTo("SCORED");
		manager.path("customer.score.probabilityOfDefault")
			.entity(Double.class)
			.isEqualTo(expected.score().probability());
		manager.path("customer.score.grade").entity(String.class).isEqualTo(expected.score().grade().name());
		manager.path("customer.score.historyMonths").entity(Integer.class).isEqualTo(history.months());
		manager.path("customer.score.model.name").entity(String.class).isEqualTo(this.models.champion().name());
		manager.path("customer.score.asOf").entity(String.class).isEqualTo(history.asOf().toString());
		manager.path("customer.score.reasons[0].feature")
			.entity(String.class)
			.isEqualTo(expected.score().reasons().get(0).feature());
		manager.path("customer.score.reasons[0].contribution")
			.entity(Double.class)
			.isEqualTo(expected.score().reasons().get(0).contribution());
		ReasonCode first = expected.score().reasons().get(0);
		manager.path("customer.score.reasons[0].description").entity(String.class).isEqualTo(first.description());
		manager.path("customer.score.reasons[0].displayValue").entity(String.class).isEqualTo(first.displayValue());
		// In the reader's language: the feature and its value in German.
		GraphQlTester.Response german = as("manager").mutate()
			.header("Accept-Language", "de-DE")
			.build()
			.document(SCORE)
			.variable("id", id)
			.execute();
		german.path("customer.score.reasons[0].description")
			.entity(String.class)
			.isEqualTo(FeatureCatalogue.describe(first.feature(), Locale.GERMAN))
			.satisfies(d -> assertThat(d).isNotEqualTo(first.description()));
		german.path("customer.score.reasons[0].displayValue")
			.entity(String.class)
			.isEqualTo(FeatureCatalogue.of(first.feature()).format(first.value(), Locale.GERMAN));
		as("manager").document("query($id: ID!) { customer(id: $id) { challengerScore { status } } }")
			.variable("id", id)
			.execute()
			.path("customer.challengerScore")
			.valueIsNull();
		manager.path("customer.scoreHistory.edges[0].node.grade")
			.entity(String.class)
			.isEqualTo(expected.score().grade().name());

		GraphQlTester.Response sales = as("sales").document(SCORE).variable("id", id).execute();
		sales.path("customer.score.grade").entity(String.class).isEqualTo(expected.score().grade().name());
		sales.path("customer.score.reasons[0].direction")
			.entity(String.class)
			.satisfies(d -> assertThat(d).isIn("RAISES_RISK", "LOWERS_RISK"));
		sales.path("customer.score.reasons[0].contribution").valueIsNull();
	}

	@Test
	void aPaymentRefreshesTheScoreShortlyAfter() {
		String id = activeCustomer("40000");
		String ref = TestCustomers.uniqueRef();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int m = 8; m >= 1; m--) {
			invoice(ref + "-" + m, id, "5000", today.minusMonths(m).withDayOfMonth(3));
		}
		scoredAfterBookings(id);
		double unpaid = this.scores.current(id).orElseThrow().probabilityOfDefault();
		for (int m = 8; m >= 1; m--) {
			pay(ref + "-" + m + "-P", ref + "-" + m, "5000", today);
		}
		scoredAfterBookings(id);
		assertThat(this.scores.current(id).orElseThrow().probabilityOfDefault()).isLessThan(unpaid);
		// Read at once with a customer never scored: the same score, the other absent.
		assertThat(this.scores.current(List.of("never-scored-" + ref, id))).containsOnlyKeys(id)
			.containsEntry(id, this.scores.current(id).orElseThrow());
	}

	@Test
	void aCustomerWithTwoMonthsOfHistoryIsNotGuessedAt() {
		String id = activeCustomer("20000");
		String ref = TestCustomers.uniqueRef();
		invoice(ref + "-1", id, "1000", LocalDate.now(ZoneOffset.UTC).minusMonths(2).withDayOfMonth(1));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.scores.current(id).isPresent());
		GraphQlTester.Response response = as("analyst").document(SCORE).variable("id", id).execute();
		response.path("customer.score.status").entity(String.class).isEqualTo("INSUFFICIENT_HISTORY");
		response.path("customer.score.grade").valueIsNull();
		response.path("customer.score.probabilityOfDefault").valueIsNull();
		response.path("customer.score.reasons").entityList(Object.class).hasSize(0);
		response.path("customer.score.monthsNeeded").entity(Integer.class).isEqualTo(6);
		response.path("customer.score.explanation")
			.entity(String.class)
			.satisfies(e -> assertThat(e).contains("needs at least 6"));
		// In the reader's language (it stayed English).
		as("analyst").mutate()
			.header("Accept-Language", "de")
			.build()
			.document(SCORE)
			.variable("id", id)
			.execute()
			.path("customer.score.explanation")
			.entity(String.class)
			.satisfies(e -> assertThat(e).startsWith("Nur ")
				.contains("Zahlungshistorie vor dem ",
						"das Modell braucht mindestens 6, daher wird der Kunde nicht bewertet."));
		assertThat(this.scores.current(id)).map(CustomerScores.Current::grade).isEqualTo(Optional.empty());
	}

	@Test
	void aPageOf500CustomersReadsTheirScores() {
		as("analyst").document("{ customers(first: 500) { edges { node { id score { status grade } } } } }")
			.execute()
			.path("customers.edges")
			.entityList(Object.class)
			.satisfies(edges -> assertThat(edges).isNotEmpty());
	}

	/**
	 * Waits for the debounced refresh that follows the bookings made so far: a score
	 * computed after them.
	 */
	private void scoredAfterBookings(String id) {
		Instant booked = Instant.now();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.scores.current(id).map(c -> c.scoredAt().isAfter(booked)).orElse(false));
	}

	private String activeCustomer(String limit) {
		String id = TestCustomers.create(as("admin"), "SCORES", "SILVER", "RETAIL", "EUR");
		mutation("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", limit, "reason", "test"), "userErrors { code }")
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	private void invoice(String invoiceId, String customerId, String amount, LocalDate date) {
		mutation("integration", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", invoiceId, "customerId", customerId, "amount", amount, "currency", "EUR",
						"invoiceDate", date.toString()),
				"userErrors { code message }")
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private void pay(String paymentId, String invoiceId, String amount, LocalDate date) {
		mutation("integration", "recordPayment", "RecordPaymentInput",
				Map.of("paymentId", paymentId, "invoiceId", invoiceId, "amount", amount, "paymentDate",
						date.toString()),
				"userErrors { code message }")
			.path("recordPayment.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private GraphQlTester.Response mutation(String user, String name, String inputType, Map<String, Object> input,
			String selection) {
		return as(user)
			.document("mutation($input: " + inputType + "!) { " + name + "(input: $input) { " + selection + " } }")
			.variable("input", input)
			.execute();
	}

}
