package io.creditdesk.risk.training;

import java.time.Duration;
import java.util.List;

import io.creditdesk.risk.RiskHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trainModel} on the demo portfolio through the service's own ledger reader (no
 * stand-in): the demo's 14 months of generated invoices and payments give a candidate
 * with out-of-time metrics, as the README's data scientist's loop promises.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.demo.enabled=true", "creditdesk.demo.customers=120" })
@ActiveProfiles("test")
class TrainOnTheDemoIntegrationTests {

	@LocalServerPort
	private int port;

	private JsonNode graphQl(String user, String document) {
		return RiskHttp.graphQl(this.port, user, document);
	}

	@Test
	void trainingOnTheDemoLedgerRegistersAUsableCandidate() {
		// The demo seeds in the background: train once its customers have their history.
		await().atMost(Duration.ofSeconds(300))
			.pollInterval(Duration.ofSeconds(2))
			.until(() -> graphQl("analyst", "{ customers(first: 500) { totalCount } }").at("/customers/totalCount")
				.asInt() >= 120);
		JsonNode started = graphQl("datasci",
				"mutation { trainModel(input: {name: \"demo-lr\", trainer: LOGISTIC}) { job { id } userErrors { code message } } }")
			.get("trainModel");
		assertThat(started.get("userErrors")).as(started.toString()).isEmpty();
		String jobId = started.at("/job/id").asString();
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> List.of("SUCCEEDED", "FAILED")
				.contains(
						graphQl("datasci", "{ job(id: \"" + jobId + "\") { status } }").at("/job/status").asString()));
		JsonNode job = graphQl("datasci", "{ job(id: \"" + jobId + "\") { status message result } }").get("job");
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		JsonNode result = RiskHttp.JSON.readTree(job.get("result").asString());
		assertThat(result.get("trainingRows").asInt()).as(result.toString()).isGreaterThan(100);
		assertThat(result.get("holdoutRows").asInt()).as(result.toString()).isGreaterThan(50);
		assertThat(result.get("auc").asDouble()).as("holdout AUC: " + result).isGreaterThan(0.6);
		JsonNode model = graphQl("analyst",
				"{ model(id: \"" + result.get("modelId").asString() + "\") { name status source } }")
			.get("model");
		assertThat(model.get("status").asString()).isEqualTo("CANDIDATE");
		assertThat(model.get("source").asString()).isEqualTo("training");
	}

}
