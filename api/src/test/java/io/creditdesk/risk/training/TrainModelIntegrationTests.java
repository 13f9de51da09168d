package io.creditdesk.risk.training;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.risk.RiskHttp;
import io.creditdesk.risk.RiskTestBeans;
import io.creditdesk.scoring.data.StatementsCsv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trainModel} on the service's ledger (here a generated portfolio whose 18 months
 * end now): a job with progress that registers a candidate with its out-of-time metrics
 * and card; a job that cannot train fails with the reason; the training set as CSV.
 */
@CreditDeskIntegrationTest
@Import(RiskTestBeans.class)
class TrainModelIntegrationTests {

	@LocalServerPort
	private int port;

	private JsonNode graphQl(String user, String document) {
		return RiskHttp.graphQl(this.port, user, document);
	}

	private JsonNode awaitFinished(String jobId) {
		await().atMost(Duration.ofSeconds(120))
			.until(() -> List.of("SUCCEEDED", "FAILED")
				.contains(
						graphQl("datasci", "{ job(id: \"" + jobId + "\") { status } }").at("/job/status").asString()));
		return graphQl("datasci",
				"{ job(id: \"" + jobId
						+ "\") { kind status progress phase message result requestedBy startedAt finishedAt } }")
			.get("job");
	}

	@Test
	void trainingOnTheLedgerRegistersACandidateWithOutOfTimeMetrics() {
		JsonNode started = graphQl("datasci",
				"mutation { trainModel(input: {name: \"ledger-lr\", trainer: LOGISTIC}) { job { id status kind } userErrors { code } } }")
			.get("trainModel");
		assertThat(started.get("userErrors")).isEmpty();
		JsonNode job = awaitFinished(started.at("/job/id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("progress").asDouble()).isEqualTo(100.0);
		assertThat(job.get("requestedBy").asString()).isEqualTo("datasci");
		JsonNode result = RiskHttp.JSON.readTree(job.get("result").asString());
		assertThat(result.get("trainingRows").asInt()).isGreaterThan(1000);
		assertThat(result.get("holdoutRows").asInt()).isGreaterThan(500);
		assertThat(result.get("auc").asDouble()).isGreaterThan(0.7);

		JsonNode model = graphQl("analyst", "{ model(id: \"" + result.get("modelId").asString()
				+ "\") { name version status source registeredBy trainer metrics { auc brier baseRate } card cardMarkdown } }")
			.get("model");
		assertThat(model.get("name").asString()).isEqualTo("ledger-lr");
		assertThat(model.get("status").asString()).isEqualTo("CANDIDATE");
		assertThat(model.get("source").asString()).isEqualTo("training");
		assertThat(model.get("registeredBy").asString()).isEqualTo("datasci");
		assertThat(model.at("/metrics/auc").asDouble()).isEqualTo(result.get("auc").asDouble());
		JsonNode card = RiskHttp.JSON.readTree(model.get("card").asString());
		assertThat(card.get("evaluationMethod").asString()).startsWith("out-of-time holdout");
		assertThat(card.get("label").asString()).contains("within 3 months").contains("60+ days past due");
		assertThat(card.at("/trainingSet/holdoutFrom").asString()).isEqualTo(result.get("holdoutFrom").asString());
		assertThat(card.has("baseline")).isTrue();
		assertThat(model.get("cardMarkdown").asString()).contains("out-of-time holdout");
	}

	@Test
	void aJobThatCannotTrainFailsWithTheReasonAndBadInputStartsNone() {
		JsonNode refused = graphQl("datasci",
				"mutation { trainModel(input: {holdoutMonths: 5, asOfMonths: 5}) { job { id } userErrors { code field } } }")
			.get("trainModel");
		assertThat(refused.get("job").isNull()).isTrue();
		assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("OUT_OF_RANGE");
		assertThat(refused.at("/userErrors/0/field").asString()).isEqualTo("holdoutMonths");

		// A 24-month horizon: every as-of date whose window is over lies before the
		// portfolio's first month.
		String jobId = graphQl("datasci",
				"mutation { trainModel(input: {horizonMonths: 24, asOfMonths: 3, holdoutMonths: 1}) { job { id } } }")
			.at("/trainModel/job/id")
			.asString();
		JsonNode job = awaitFinished(jobId);
		assertThat(job.get("status").asString()).isEqualTo("FAILED");
		assertThat(job.get("message").asString()).startsWith("No customer has the 6 months of history");
		assertThat(job.get("finishedAt").isNull()).isFalse();
	}

	@Test
	void theTrainingSetIsExportedAsLabelledStatements() throws Exception {
		HttpResponse<String> csv = RiskHttp
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/training-set?asOfMonths=2"))
				.header("Authorization", RiskHttp.basic("datasci"))
				.build());
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(StatementsCsv.HEADER);
		// Two as-of dates, up to 12 months each, for most of the 400 customers.
		assertThat(lines.size()).isGreaterThan(2 * 12 * 300);
		assertThat(lines.get(1)).matches("C\\d+@\\d{4}-\\d{2}-01,\\w+,1,.*,[01]");

		HttpResponse<String> sales = RiskHttp
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/training-set"))
				.header("Authorization", RiskHttp.basic("sales"))
				.build());
		assertThat(sales.statusCode()).isEqualTo(403);
		HttpResponse<String> bad = RiskHttp.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/training-set?horizonMonths=99"))
			.header("Authorization", RiskHttp.basic("datasci"))
			.build());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("\"code\":\"OUT_OF_RANGE\"");
	}

	/**
	 * A candidate's name with a bidi override is refused before a job starts, naming the
	 * character: the job failed later with the registry's refusal, which echoed it raw.
	 */
	@Test
	void aNameWithABidiOverrideIsRefusedBeforeAJobStarts() {
		JsonNode refused = graphQl("datasci",
				"mutation { trainModel(input: {name: \"x\\u202Egpj.exe\"}) { job { id } userErrors { code field message } } }")
			.get("trainModel");
		assertThat(refused.get("job").isNull()).isTrue();
		assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("CONTROL_CHARACTERS");
		assertThat(refused.at("/userErrors/0/field").asString()).isEqualTo("name");
		assertThat(refused.at("/userErrors/0/message").asString()).contains("U+202E").doesNotContain("\u202E");
	}

	/**
	 * A number out of range is refused in the caller's language, as {@code /api/models}
	 * refuses (it was English whatever the caller read).
	 */
	@Test
	void aNumberOutOfRangeIsRefusedInTheCallersLanguage() throws Exception {
		HttpResponse<String> zero = export("datasci", "?horizonMonths=0", "de");
		assertThat(zero.statusCode()).isEqualTo(400);
		JsonNode refused = json(zero);
		assertThat(refused.get("code").asString()).isEqualTo("OUT_OF_RANGE");
		assertThat(refused.get("field").asString()).isEqualTo("horizonMonths");
		assertThat(refused.get("message").asString())
			.isEqualTo("horizonMonths muss zwischen 1 und 24 liegen, erhalten: 0.");
	}

	/**
	 * A number that is none is {@code INVALID_VALUE} on the parameter with a sentence (it
	 * was the servlet container's bare 400: timestamp and error, no code).
	 */
	@Test
	void aNumberThatIsNoneIsRefusedWithACodeAndTheParameter() throws Exception {
		HttpResponse<String> letters = export("datasci", "?horizonMonths=abc", "de");
		assertThat(letters.statusCode()).isEqualTo(400);
		JsonNode refused = json(letters);
		assertThat(refused.get("code").asString()).isEqualTo("INVALID_VALUE");
		assertThat(refused.get("field").asString()).isEqualTo("horizonMonths");
		assertThat(refused.get("message").asString())
			.isEqualTo("horizonMonths muss eine ganze Zahl sein, erhalten: 'abc'.");
		HttpResponse<String> decimal = export("datasci", "?asOfMonths=1.5", null);
		assertThat(decimal.statusCode()).isEqualTo(400);
		assertThat(json(decimal).get("message").asString()).isEqualTo("asOfMonths must be a whole number, got '1.5'.");
	}

	/**
	 * A role that may not export is {@code FORBIDDEN} with the catalogue's sentence (it
	 * was the servlet container's bare 403).
	 */
	@Test
	void aRoleThatMayNotExportIsForbiddenWithASentence() throws Exception {
		HttpResponse<String> sales = export("sales", "", null);
		assertThat(sales.statusCode()).isEqualTo(403);
		JsonNode refused = json(sales);
		assertThat(refused.get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(refused.get("message").asString())
			.isEqualTo("The training set is exported by the roles DATA_SCIENTIST and ADMIN.");
		assertThat(json(export("sales", "", "de")).get("message").asString())
			.isEqualTo("Den Trainingsdatensatz exportieren die Rollen DATA_SCIENTIST und ADMIN.");
	}

	/**
	 * A refusal's JSON body: never the servlet container's error page nor a stack trace.
	 */
	private static JsonNode json(HttpResponse<String> refused) throws Exception {
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
		assertThat(refused.body()).doesNotContain("timestamp").doesNotContain("Exception");
		return RiskHttp.JSON.readTree(refused.body());
	}

	private HttpResponse<String> export(String user, String query, String language) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/training-set" + query))
			.header("Authorization", RiskHttp.basic(user));
		if (language != null) {
			request.header("Accept-Language", language);
		}
		return RiskHttp.send(request.build());
	}

}
