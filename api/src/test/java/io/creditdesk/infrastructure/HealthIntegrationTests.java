package io.creditdesk.infrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On embedded defaults both stores are real servers and report UP; only signed-in callers
 * see details.
 */
@CreditDeskIntegrationTest
class HealthIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MongoIndexes indexes;

	@Autowired
	private KafkaReadiness kafka;

	private HttpResponse<String> health(String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void bothEmbeddedServersAreUp() throws Exception {
		this.broker.awaitReady(Duration.ofSeconds(60));
		assertThat(this.kafka.awaitReady(Duration.ofSeconds(60))).isTrue();
		// The intake consumers start once Kafka is ready and their topics have leaders: a
		// moment later.
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
			.until(() -> health(
					"Basic " + Base64.getEncoder().encodeToString("datasci:demo".getBytes(StandardCharsets.UTF_8))),
					r -> r.statusCode() == 200);
		assertThat(response.body()).contains("\"status\":\"UP\"")
			.containsPattern("\"kafka\":\\{\"details\":\\{[^}]*\"embedded\":true[^}]*\"ready\":true[^}]*\"brokers\":1")
			.containsPattern("\"mongo\":\\{\"details\":\\{[^}]*\"embedded\":true")
			.containsPattern("\"creditEvents\":\\{\"details\":\\{.*\"oldestWaitingSeconds\":\\{");
		assertThat(this.indexes.applied()).isTrue();
	}

	/**
	 * Anonymous callers (load balancers, uptime checks) see each component's status,
	 * never addresses or paths.
	 */
	@Test
	void anonymousCallersSeeStatusesWithoutDetails() throws Exception {
		this.broker.awaitReady(Duration.ofSeconds(60));
		assertThat(this.kafka.awaitReady(Duration.ofSeconds(60))).isTrue();
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
			.until(() -> health(null), r -> r.statusCode() == 200);
		assertThat(response.body()).contains("\"status\":\"UP\"")
			.contains("\"mongo\":{\"status\":\"UP\"}")
			.contains("\"kafka\":{\"status\":\"UP\"}")
			.doesNotContain("details")
			.doesNotContain("127.0.0.1")
			.doesNotContain("test-data");
	}

}
