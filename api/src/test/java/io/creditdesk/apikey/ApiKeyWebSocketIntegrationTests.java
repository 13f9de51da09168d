package io.creditdesk.apikey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket opened with an API key does not outlive the key: once it is revoked or
 * expired, every new operation on the open socket is refused with
 * {@code INVALID_API_KEY}, as the key is over HTTP, in the socket's language. Before, the
 * socket went on running operations with the key's roles for as long as it stayed open.
 */
@CreditDeskIntegrationTest
class ApiKeyWebSocketIntegrationTests {

	private static final String CUSTOMERS = "{ customers(first: 1) { totalCount } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private String[] create(String name, Instant expiresAt) {
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, "admin")
			.document(
					"mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } secret userErrors { code } } }")
			.variable("i",
					(expiresAt != null) ? Map.of("name", name, "roles", List.of("CREDIT_ANALYST"), "expiresAt",
							expiresAt.toString()) : Map.of("name", name, "roles", List.of("CREDIT_ANALYST")))
			.execute();
		response.path("createApiKey.userErrors").entityList(Object.class).hasSize(0);
		return new String[] { response.path("createApiKey.apiKey.id").entity(String.class).get(),
				response.path("createApiKey.secret").entity(String.class).get() };
	}

	private int httpStatus(String secret) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", secret)
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + CUSTOMERS + "\"}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private static final String ENGLISH = "The API key is not valid any more: revoked or expired."
			+ " Open a new connection with a valid key.";

	private static final String GERMAN = "Der API-Schlüssel ist nicht mehr gültig: widerrufen oder abgelaufen."
			+ " Öffnen Sie eine neue Verbindung mit einem gültigen Schlüssel.";

	private WebSocketGraphQlTester socket(String secret) {
		return socket(secret, null);
	}

	/**
	 * A socket opened with the key {@code secret}, its handshake asking for
	 * {@code language} (none when null).
	 */
	private WebSocketGraphQlTester socket(String secret, String language) {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.headers(h -> {
				h.set("X-API-Key", secret);
				if (language != null) {
					h.set("Accept-Language", language);
				}
			})
			.build();
	}

	private static void refused(WebSocketGraphQlTester socket) {
		refused(socket, ENGLISH);
	}

	/** The socket's next operation is refused with {@code message}. */
	private static void refused(WebSocketGraphQlTester socket, String message) {
		socket.document(CUSTOMERS).execute().errors().satisfy(errors -> {
			assertThat(errors).singleElement().satisfies(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "INVALID_API_KEY");
				assertThat(error.getMessage()).isEqualTo(message);
			});
		});
	}

	/**
	 * The refusal reads in the language the socket was opened with (its handshake's
	 * {@code Accept-Language}; before: English whatever was asked for).
	 */
	@Test
	void aRevokedKeyIsRefusedOnAnOpenWebSocket() throws Exception {
		String[] key = create("ws revoke", null);
		WebSocketGraphQlTester socket = socket(key[1]);
		socket.document(CUSTOMERS).execute().path("customers.totalCount").hasValue();
		WebSocketGraphQlTester german = socket(key[1], "de-DE,de;q=0.9,en;q=0.5");
		german.document(CUSTOMERS).execute().path("customers.totalCount").hasValue();
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { revokeApiKey(input: {id: \"" + key[0]
					+ "\"}) { apiKey { revokedAt } userErrors { code } } }")
			.execute()
			.path("revokeApiKey.apiKey.revokedAt")
			.hasValue();
		Thread.sleep(3000);
		assertThat(httpStatus(key[1])).isEqualTo(401);
		// The same socket refuses the key's next operation:
		refused(socket, ENGLISH);
		refused(german, GERMAN);
		socket.stop().block(Duration.ofSeconds(5));
		german.stop().block(Duration.ofSeconds(5));
	}

	@Test
	void anExpiredKeyIsRefusedOnAnOpenWebSocket() throws Exception {
		String[] key = create("ws expiry", Instant.now().plusSeconds(4));
		WebSocketGraphQlTester socket = socket(key[1]);
		socket.document(CUSTOMERS).execute().path("customers.totalCount").hasValue();
		Thread.sleep(5000);
		assertThat(httpStatus(key[1])).isEqualTo(401);
		refused(socket);
		socket.stop().block(Duration.ofSeconds(5));
	}

	/**
	 * Made-up keys sent from an address (every client behind one proxy shares it) do not
	 * lock a valid key out from that address: only failures are throttled. Before, 20
	 * bogus keys got the valid one a 429.
	 */
	@Test
	void bogusKeysFromAnAddressDoNotLockOutAValidKeyFromThatAddress() throws Exception {
		String[] key = create("address lockout", null);
		String from = "127.0.0.81";
		Map<String, String> good = Map.of("Content-Type", "application/json", "X-API-Key", key[1]);
		String body = "{\"query\":\"" + CUSTOMERS + "\"}";
		assertThat(RawHttp.post(this.port, from, "/graphql", good, body).status()).isEqualTo(200);
		int throttled = 0;
		for (int i = 0; i < 40; i++) {
			Map<String, String> bad = Map.of("Content-Type", "application/json", "X-API-Key", "cdk_nope" + i);
			int status = RawHttp.post(this.port, from, "/graphql", bad, "{}").status();
			assertThat(status).isIn(401, 429);
			throttled += (status == 429) ? 1 : 0;
		}
		assertThat(throttled).as("the flood of bad keys is throttled").isPositive();
		assertThat(RawHttp.post(this.port, from, "/graphql", good, body).status()).isEqualTo(200);
	}

}
