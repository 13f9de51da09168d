package io.creditdesk.common;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal's body is JSON whatever its sentence, code or details hold: a quote, a
 * backslash, a line break or another control character reads back as the same text.
 * Before, the throttle's 429, the API key's 401 and the rate limit's 429 were written by
 * string concatenation, and such a sentence made their body no JSON at all.
 */
class GraphQlErrorAnswerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SENTENCE = "Say \"no\" to C:\\temp\\\nthen wait\t\u0007 für 2 s.";

	@Test
	void aSentenceWithQuotesBackslashesAndControlCharactersIsValidJsonWithTheExactText() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		GraphQlErrorAnswer.write(response, HttpStatus.TOO_MANY_REQUESTS,
				GraphQlErrorAnswer.body("LOGIN_THROTTLED", SENTENCE, Map.of("retryAfterSeconds", 2L)));
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getContentType()).isEqualTo("application/json");
		byte[] body = response.getContentAsByteArray();
		assertThat(response.getContentLength()).isEqualTo(body.length);
		JsonNode error = JSON.readTree(body).get("errors").get(0);
		assertThat(error.get("message").asString()).isEqualTo(SENTENCE);
		assertThat(error.get("extensions").get("code").asString()).isEqualTo("LOGIN_THROTTLED");
		assertThat(error.get("extensions").get("retryAfterSeconds").isIntegralNumber()).isTrue();
		assertThat(error.get("extensions").get("retryAfterSeconds").asLong()).isEqualTo(2);
	}

	@Test
	void aCodeOrDetailWithQuotesAndBackslashesIsValidJsonToo() throws Exception {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("field", "a\"b\\c\nd");
		MockHttpServletResponse response = new MockHttpServletResponse();
		GraphQlErrorAnswer.write(response, HttpStatus.UNAUTHORIZED, "\"CODE\\\n", SENTENCE);
		JsonNode error = JSON.readTree(response.getContentAsByteArray()).get("errors").get(0);
		assertThat(error.get("message").asString()).isEqualTo(SENTENCE);
		assertThat(error.get("extensions").get("code").asString()).isEqualTo("\"CODE\\\n");
		JsonNode detailed = JSON.readTree(GraphQlErrorAnswer.body("INVALID_API_KEY", SENTENCE, details))
			.get("errors")
			.get(0);
		assertThat(detailed.get("extensions").get("field").asString()).isEqualTo("a\"b\\c\nd");
	}

	@Test
	void theShapeIsMessageThenExtensionsWithTheCodeFirst() {
		assertThat(
				new String(GraphQlErrorAnswer.body("RATE_LIMITED", "Retry after 3 s.", Map.of("retryAfterSeconds", 3L)),
						StandardCharsets.UTF_8))
			.isEqualTo("{\"errors\":[{\"message\":\"Retry after 3 s.\",\"extensions\":{\"code\":\"RATE_LIMITED\","
					+ "\"retryAfterSeconds\":3}}]}");
	}

}
