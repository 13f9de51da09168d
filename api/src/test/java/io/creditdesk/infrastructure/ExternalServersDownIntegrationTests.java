package io.creditdesk.infrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With MONGODB_URI and KAFKA_BOOTSTRAP_SERVERS set, no embedded server starts; when those
 * servers are unreachable the service still starts and its health is DOWN with the
 * reasons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "MONGODB_URI=mongodb://127.0.0.1:9/creditdesk", "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9",
				"creditdesk.infrastructure.connect-timeout=1s" })
@ActiveProfiles("test")
// Closed after the class: its clients would go on trying the unreachable addresses (and
// warning about them) for the rest of the run, in the log other tests read.
@DirtiesContext
class ExternalServersDownIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void noEmbeddedServerStartsWhenAddressesAreConfigured() {
		assertThat(this.context.getBeanNamesForType(EmbeddedMongoServer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(EmbeddedKafkaBroker.class)).isEmpty();
	}

	@Test
	void healthIsDownWithAClearReason() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
				// Details are shown to signed-in callers only: admin:demo.
				.header("Authorization", "Basic YWRtaW46ZGVtbw==")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"status\":\"DOWN\"")
			.contains("MongoDB did not answer")
			.contains("No Kafka broker answered at 127.0.0.1:9")
			.contains("\"embedded\":false");
	}

}
