package io.creditdesk.graphql;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a 405 is an {@code /api/} endpoint's is read from the path within the
 * application, whatever the context path it is deployed under
 * ({@code server.servlet.context-path}). Before, the request URI was read: under
 * {@code /creditdesk} an {@code /api/} endpoint's 405 got Spring's default answer, and
 * under {@code /api} any address's 405 was taken for an {@code /api/} endpoint's.
 */
class ApiMethodNotAllowedResolverTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiMethodNotAllowedResolver resolver = new ApiMethodNotAllowedResolver(JSON);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''          | /api/models
			/creditdesk | /creditdesk/api/models
			/api        | /api/api/models
			""")
	void anApiEndpointsRefusalIsItsJsonWhateverTheContextPath(String contextPath, String uri) throws Exception {
		MockHttpServletRequest request = request(contextPath, uri);
		request.addHeader("Accept-Language", "de");
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(request, response, null, unsupported())).isNotNull();
		assertThat(response.getStatus()).isEqualTo(405);
		assertThat(response.getHeader("Allow")).isEqualTo("POST");
		assertThat(response.getContentType()).isEqualTo("application/json");
		JsonNode body = JSON.readTree(response.getContentAsByteArray());
		assertThat(body.get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(body.get("message").asString()).startsWith("Diese Adresse nimmt kein ")
			.endsWith(" an, sondern POST.");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''   | /graphiql
			/api | /api/graphiql
			/api | /api/apimodels
			/x   | /x/apis/models
			""")
	void anotherAddresssRefusalIsLeftToSpring(String contextPath, String uri) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(request(contextPath, uri), response, null, unsupported())).isNull();
		assertThat(response.getContentAsByteArray()).isEmpty();
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void anotherExceptionIsLeftToSpring() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.resolver.resolveException(request("", "/api/models"), response, null,
				new IllegalStateException("no")))
			.isNull();
	}

	private static MockHttpServletRequest request(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		// The dispatcher servlet is mapped to "/": its servlet path is the whole path
		// within the application.
		request.setServletPath(uri.substring(contextPath.length()));
		return request;
	}

	private static HttpRequestMethodNotSupportedException unsupported() {
		return new HttpRequestMethodNotSupportedException("GET", List.of("POST"));
	}

}
