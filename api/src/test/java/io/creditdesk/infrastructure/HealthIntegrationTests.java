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
import static org.awaitility.Awaitility.await;

/** On embedded defaults both stores are real servers and report UP. */
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

	@Test
	void bothEmbeddedServersAreUp() throws Exception {
		this.broker.awaitReady(Duration.ofSeconds(60));
		assertThat(this.kafka.awaitReady(Duration.ofSeconds(60))).isTrue();
		// The intake consumers start once Kafka is ready and their topics have leaders: a moment later.
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(60))
			.until(() -> HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
		assertThat(response.body()).contains("\"status\":\"UP\"")
			.containsPattern("\"kafka\":\\{\"details\":\\{[^}]*\"embedded\":true[^}]*\"ready\":true[^}]*\"brokers\":1")
			.containsPattern("\"mongo\":\\{\"details\":\\{[^}]*\"embedded\":true")
			.containsPattern("\"creditEvents\":\\{\"details\":\\{.*\"oldestWaitingSeconds\":\\{");
		assertThat(this.indexes.applied()).isTrue();
	}

}
