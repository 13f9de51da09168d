package io.creditdesk.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WebSocket is no way around the rate limit: costly operations sent over it empty the
 * caller's bucket as over HTTP, and the next one is refused with {@code RATE_LIMITED} and
 * when to retry, in the socket's language. Before, the socket's operations were charged
 * but never refused (80 costly queries ran in 13 s against a bucket that holds a fraction
 * of that).
 */
@CreditDeskIntegrationTest
class RateLimitWebSocketIntegrationTests {

	private static final String COSTLY = "{ a: customers(first: 200) { totalCount } b: customers(first: 200) { totalCount }"
			+ " c: customers(first: 200) { totalCount } d: customers(first: 200) { totalCount } }";

	@LocalServerPort
	private int port;

	@Autowired
	private HttpGraphQlTester graphQl;

	/** The secret of a new API key of a credit analyst. */
	private String apiKey(String name) {
		return GraphQlClients.as(this.graphQl, "admin")
			.document("mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { code } } }")
			.variable("i", Map.of("name", name, "roles", List.of("CREDIT_ANALYST")))
			.execute()
			.path("createApiKey.secret")
			.entity(String.class)
			.get();
	}

	/**
	 * The refusal reads in the language the socket was opened with (its handshake's
	 * {@code Accept-Language}; before: English whatever was asked for), the limit's
	 * figures as that language writes them.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-     | Too many requests (or too costly ones) from you: your limit is 2,000 points a second, up to 20,000 at once. Retry after {0} s.
					de-DE | Zu viele (oder zu aufwendige) Anfragen von Ihnen: Ihr Limit ist 2.000 Punkte pro Sekunde, bis zu 20.000 auf einmal. Versuchen Sie es in {0} s erneut.
					""")
	void operationsOverASocketAreRefusedOnceTheBucketIsEmpty(String language, String message) {
		// A caller of its own (an API key) for each language: its bucket is full when
		// the socket opens.
		String key = apiKey("rate limit " + ((language != null) ? language : "default"));
		WebSocketGraphQlTester socket = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.headers(h -> {
				h.set("X-API-Key", key);
				if (language != null) {
					h.set("Accept-Language", language);
				}
			})
			.build();
		AtomicReference<ResponseError> refused = new AtomicReference<>();
		try {
			for (int i = 0; i < 80 && refused.get() == null; i++) {
				socket.document(COSTLY).execute().errors().satisfy(errors -> {
					if (!errors.isEmpty()) {
						refused.set(errors.get(0));
					}
				});
			}
		}
		finally {
			socket.stop().block(Duration.ofSeconds(5));
		}
		assertThat(refused.get()).as("an operation refused over the socket").isNotNull();
		assertThat(refused.get().getExtensions()).containsEntry("code", "RATE_LIMITED")
			.containsKey("retryAfterSeconds");
		// A credit analyst has the default limit: 20,000 points at once, 2,000 a second.
		assertThat(refused.get().getMessage())
			.isEqualTo(message.replace("{0}", refused.get().getExtensions().get("retryAfterSeconds").toString()));
	}

}
