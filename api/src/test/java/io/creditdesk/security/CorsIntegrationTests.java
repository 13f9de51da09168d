package io.creditdesk.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser front end on another origin: its preflight is answered without credentials
 * for the allowed origins (demo default: any port on localhost) and refused for others;
 * its calls carry their own credentials and get the CORS headers back.
 */
@CreditDeskIntegrationTest
class CorsIntegrationTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Test
	void aPreflightFromAnAllowedOriginIsAnsweredWithoutCredentials() throws Exception {
		HttpResponse<String> preflight = preflight("http://localhost:5173");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying(methods -> assertThat(methods).contains("POST"));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
				headers -> assertThat(headers.toLowerCase()).contains("authorization").contains("content-type"));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).as("no cookies across origins")
			.isEmpty();
		assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
		assertThat(preflight.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(preflight("http://127.0.0.1:3000").statusCode()).isEqualTo(200);
	}

	@Test
	void aPreflightFromAnotherOriginIsRefused() throws Exception {
		for (String origin : new String[] { "http://evil.example", "https://localhost.evil.example",
				"http://localhost.evil.example:3000" }) {
			HttpResponse<String> preflight = preflight(origin);
			assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
		}
	}

	@Test
	void theCallItselfCarriesItsOwnCredentialsAndGetsTheCorsHeaders() throws Exception {
		HttpResponse<String> call = this.client.send(
				graphQl("http://localhost:5173")
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.body()).contains("totalCount");
		assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
		HttpResponse<String> anonymous = this.client.send(graphQl("http://localhost:5173").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).as("CORS lets the browser read answers; it grants no access").isEqualTo(401);
	}

	private HttpRequest.Builder graphQl(String origin) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Origin", origin)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"));
	}

	private HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
