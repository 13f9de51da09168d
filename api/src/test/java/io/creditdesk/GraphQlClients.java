package io.creditdesk;

import java.time.Duration;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** GraphQL testers signed in as the demo users. */
public final class GraphQlClients {

	private GraphQlClients() {
	}

	public static HttpGraphQlTester as(HttpGraphQlTester tester, String user) {
		// A generous timeout, the tester's and the client's under it (whose own is 5 s):
		// on a busy 2-core machine a request may queue for seconds; assertions stay
		// exact.
		return tester.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.headers(headers -> headers.setBasicAuth(user, "demo"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
