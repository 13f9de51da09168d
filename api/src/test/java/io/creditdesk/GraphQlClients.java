package io.creditdesk;

import java.time.Duration;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** GraphQL testers signed in as the demo users. */
public final class GraphQlClients {

	private GraphQlClients() {
	}

	public static HttpGraphQlTester as(HttpGraphQlTester tester, String user) {
		// A generous timeout: on a busy 2-core machine a request may queue for seconds;
		// assertions stay exact.
		return tester.mutate()
			.headers(headers -> headers.setBasicAuth(user, "demo"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
