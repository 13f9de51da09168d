package io.creditdesk;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** GraphQL testers signed in as the demo users. */
public final class GraphQlClients {

	private GraphQlClients() {
	}

	public static HttpGraphQlTester as(HttpGraphQlTester tester, String user) {
		return tester.mutate().headers(headers -> headers.setBasicAuth(user, "demo")).build();
	}

}
