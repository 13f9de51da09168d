package io.creditdesk.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One WebSocket is no way around the rate limit: costly operations sent over it empty the
 * caller's bucket as over HTTP, and the next one is refused with {@code RATE_LIMITED} and
 * when to retry. Before, the socket's operations were charged but never refused (80
 * costly queries ran in 13 s against a bucket that holds a fraction of that).
 */
@CreditDeskIntegrationTest
class RateLimitWebSocketIntegrationTests {

	private static final String COSTLY = "{ a: customers(first: 200) { totalCount } b: customers(first: 200) { totalCount }"
			+ " c: customers(first: 200) { totalCount } d: customers(first: 200) { totalCount } }";

	@LocalServerPort
	private int port;

	@Test
	void operationsOverASocketAreRefusedOnceTheBucketIsEmpty() {
		WebSocketGraphQlTester socket = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.headers(h -> h.setBasicAuth("datasci", "demo"))
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
		assertThat(refused.get().getMessage()).startsWith("Too many requests (or too costly ones) from you");
	}

}
