package io.creditdesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

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

	/**
	 * As {@link #as(HttpGraphQlTester, String)}, asking for {@code language}
	 * ({@code Accept-Language}; none when null).
	 */
	public static HttpGraphQlTester as(HttpGraphQlTester tester, String user, String language) {
		HttpGraphQlTester caller = as(tester, user);
		return (language != null) ? caller.mutate().header("Accept-Language", language).build() : caller;
	}

	/** The request errors {@code document} with {@code variables} gets, run so. */
	public static List<ResponseError> errors(HttpGraphQlTester tester, String user, String language, String document,
			Map<String, Object> variables) {
		HttpGraphQlTester.Request<?> request = as(tester, user, language).document(document);
		variables.forEach(request::variable);
		List<ResponseError> errors = new ArrayList<>();
		request.execute().errors().satisfy(errors::addAll);
		return errors;
	}

	/** The one request error {@code document} gets, run so (exactly one). */
	public static ResponseError onlyError(HttpGraphQlTester tester, String user, String language, String document,
			Map<String, Object> variables) {
		List<ResponseError> errors = errors(tester, user, language, document, variables);
		assertThat(errors).as("errors of %s in %s", document, language).hasSize(1);
		return errors.get(0);
	}

}
