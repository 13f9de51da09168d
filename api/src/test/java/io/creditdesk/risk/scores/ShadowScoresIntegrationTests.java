package io.creditdesk.risk.scores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.ModelInUse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A challenger scored in shadow beside the champion, and a portfolio run asked for when
 * the active models change: with active models of the test's own (the build's champion
 * twice, under two names), around the service's real store.
 */
@CreditDeskIntegrationTest
class ShadowScoresIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private CustomerLedgers ledgers;

	@Autowired
	private ActiveModels build;

	@Autowired
	private ScoreStore store;

	@Autowired
	private ScoreProperties properties;

	@Autowired
	private JobLock lock;

	@Autowired
	private Clock clock;

	/** The build's champion, and a challenger when {@code withChallenger}. */
	private final class TestModels implements ActiveModels {

		final AtomicLong generation = new AtomicLong(100);

		volatile boolean withChallenger = true;

		@Override
		public ModelInUse champion() {
			return ShadowScoresIntegrationTests.this.build.champion();
		}

		@Override
		public Optional<ModelInUse> challenger() {
			ModelInUse c = champion();
			return this.withChallenger
					? Optional.of(new ModelInUse("challenger-test", "7", c.sha256(), c.model(), null))
					: Optional.empty();
		}

		@Override
		public long generation() {
			return this.generation.get();
		}

	}

	@Test
	void theChallengersScoreIsStoredBesideTheChampionsReadByModelPeopleAndGoesWhenTheChallengerGoes() {
		TestModels models = new TestModels();
		LiveScoring scoring = new LiveScoring(this.ledgers, models, this.store, this.properties, this.clock);
		String id = customerWithHistory();
		scoring.refresh(List.of(id));
		String query = "query($id: ID!) { customer(id: $id) { score { probabilityOfDefault model { name } } "
				+ "challengerScore { status probabilityOfDefault model { name version } } } }";
		GraphQlTester.Response response = as("datasci").document(query).variable("id", id).execute();
		response.path("customer.challengerScore.model.name").entity(String.class).isEqualTo("challenger-test");
		response.path("customer.challengerScore.model.version").entity(String.class).isEqualTo("7");
		response.path("customer.challengerScore.status").entity(String.class).isEqualTo("SCORED");
		response.path("customer.score.model.name").entity(String.class).isEqualTo(models.champion().name());
		assertThat(this.store.current(id).orElseThrow().generation()).isEqualTo(100);
		// The shadow score is for the people who evaluate models: an analyst reads the
		// customer and its champion score, not the challenger's (null, FORBIDDEN).
		GraphQlTester.Response analyst = as("analyst").document(query).variable("id", id).execute();
		analyst.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))
					&& "customer.challengerScore".equals(error.getPath()))
			.verify();
		analyst.path("customer.challengerScore").valueIsNull();
		analyst.path("customer.score.model.name").entity(String.class).isEqualTo(models.champion().name());
		as("manager").document(query)
			.variable("id", id)
			.execute()
			.path("customer.challengerScore.model.name")
			.entity(String.class)
			.isEqualTo("challenger-test");

		models.withChallenger = false;
		scoring.refresh(List.of(id));
		as("datasci").document(query).variable("id", id).execute().path("customer.challengerScore").valueIsNull();
	}

	@Test
	void aChangeOfTheActiveModelsAsksForAPortfolioRun() {
		TestModels models = new TestModels();
		LiveScoring scoring = new LiveScoring(this.ledgers, models, this.store, this.properties, this.clock);
		PortfolioRuns runs = new PortfolioRuns(scoring, this.store, this.lock, this.properties, this.clock);
		this.store.runFinished(scoring.activeModels(), this.clock.instant(), 0);
		assertThat(runs.modelsChanged()).isFalse();
		models.generation.incrementAndGet();
		assertThat(runs.modelsChanged()).as("a promotion (new generation)").isTrue();
		this.store.runFinished(scoring.activeModels(), this.clock.instant(), 0);
		models.withChallenger = false;
		assertThat(runs.modelsChanged()).as("the challenger withdrawn").isTrue();
		runs.destroy();
	}

	private String customerWithHistory() {
		String id = TestCustomers.create(as("admin"), "SHADOW", "SILVER", "RETAIL", "EUR");
		mutation("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", "20000", "reason", "test"));
		String ref = TestCustomers.uniqueRef();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int m = 9; m >= 1; m--) {
			mutation("integration", "issueInvoice", "IssueInvoiceInput",
					Map.of("invoiceId", ref + "-" + m, "customerId", id, "amount", "2000", "currency", "EUR",
							"invoiceDate", today.minusMonths(m).withDayOfMonth(2).toString()));
		}
		// The service's own refresh of these bookings comes first, so it cannot overwrite
		// the test's scores afterwards.
		Instant booked = this.clock.instant();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.store.current(id).map(c -> c.champion().scoredAt().isAfter(booked)).orElse(false));
		return id;
	}

	private void mutation(String user, String name, String inputType, Map<String, Object> input) {
		as(user)
			.document("mutation($input: " + inputType + "!) { " + name + "(input: $input) { userErrors { code } } }")
			.variable("input", input)
			.execute()
			.path(name + ".userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

}
