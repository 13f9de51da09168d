package io.creditdesk.ratelimit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits through the running service, each test signed in with API keys of its
 * own (a principal no other test uses): a person's role flooding the costliest allowed
 * query gets HTTP 429 with {@code Retry-After} once its burst is spent, and is admitted
 * again after waiting that long; another principal is not affected.
 */
@CreditDeskIntegrationTest
class RateLimitIntegrationTests {

	/** 2 + 200 x 4 = 802 points, and no data: no customer is in this segment. */
	private static final String COSTLY = "{ customers(first: 200, filter: {segment: \"NO_SUCH_SEGMENT\"}) { edges { node {"
			+ " creditLimit { amount } exposure { net { amount } } } } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private String key(String role) {
		return GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { createApiKey(input: {name: \"rate limit test\", roles: [" + role + "]}) { secret } }")
			.execute()
			.path("createApiKey.secret")
			.entity(String.class)
			.get();
	}

	private HttpResponse<String> call(String key, String document) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("query", document))))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void everyAnswerShowsTheCallersBucket() throws Exception {
		HttpResponse<String> response = call(key("DATA_SCIENTIST"), "{ customers(first: 10) { totalCount } }");
		JsonNode cost = this.json.readTree(response.body()).path("extensions").path("cost");
		assertThat(cost.path("requestedQueryCost").asLong()).isEqualTo(12);
		assertThat(cost.path("throttleStatus").path("maximumAvailable").asLong()).isEqualTo(20_000);
		assertThat(cost.path("throttleStatus").path("restoreRate").asLong()).isEqualTo(2_000);
		assertThat(cost.path("throttleStatus").path("currentlyAvailable").asLong()).isBetween(19_900L, 20_000L);
	}

	@Test
	void aFloodOfCostlyQueriesIsAnswered429WithRetryAfterAndOthersAreNotAffected() throws Exception {
		String flooder = key("DATA_SCIENTIST");
		String colleague = key("DATA_SCIENTIST");
		HttpResponse<String> refused = null;
		int admitted = 0;
		for (int i = 0; i < 200 && refused == null; i++) {
			HttpResponse<String> response = call(flooder, COSTLY);
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				admitted++;
			}
		}
		assertThat(refused).as("refused after " + admitted + " requests").isNotNull();
		// The burst of 20,000 points is 25 of these (802 each), plus what flowed back
		// meanwhile.
		assertThat(admitted).isGreaterThanOrEqualTo(24);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 2L);
		JsonNode error = this.json.readTree(refused.body()).path("errors").get(0);
		assertThat(error.path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
		assertThat(error.path("extensions").path("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		assertThat(call(colleague, COSTLY).statusCode()).isEqualTo(200);
		Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
		assertThat(call(flooder, "{ __typename }").statusCode()).isEqualTo(200);
	}

	@Test
	void aMachineIsNotThrottledWhereAPersonIs() throws Exception {
		String machine = key("INTEGRATION");
		for (int i = 0; i < 60; i++) {
			assertThat(call(machine, COSTLY).statusCode()).isEqualTo(200);
		}
	}

}
