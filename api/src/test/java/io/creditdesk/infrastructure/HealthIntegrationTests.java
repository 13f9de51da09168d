package io.creditdesk.infrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** On embedded defaults both stores are real servers and report UP. */
@CreditDeskIntegrationTest
class HealthIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MongoIndexes indexes;

	@Test
	void bothEmbeddedServersAreUp() throws Exception {
		this.broker.awaitReady(Duration.ofSeconds(60));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"")
			.containsPattern("\"kafka\":\\{\"details\":\\{[^}]*\"embedded\":true[^}]*\"brokers\":1")
			.containsPattern("\"mongo\":\\{\"details\":\\{[^}]*\"embedded\":true")
			.containsPattern("\"creditEvents\":\\{\"details\":\\{.*\"oldestWaitingSeconds\":\\{");
		assertThat(this.indexes.applied()).isTrue();
	}

}
