package io.creditdesk.common;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The body of a refusal answered before a request runs, shaped as a GraphQL error:
 * {@code {"errors":[{"message":…,"extensions":{"code":…,…}}]}}, written by Jackson, so a
 * sentence, code or detail holding a quote, a backslash or a control character is still
 * valid JSON that reads back as the same text. The one writer of the sign-in's refusals
 * ({@code AuthenticationRefusal}, {@code ThrottledAnswer}), the API key's
 * ({@code INVALID_API_KEY}), the rate limit's ({@code RATE_LIMITED}), GraphiQL's
 * ({@code CSRF_TOKEN_INVALID}), the actuator's ({@code FORBIDDEN}) and the GraphQL
 * endpoint's before it parses ({@code REQUEST_TOO_LARGE}, {@code INVALID_REQUEST}).
 */
public final class GraphQlErrorAnswer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private GraphQlErrorAnswer() {
	}

	/**
	 * The body: one error with {@code message} and {@code extensions} holding
	 * {@code code} first, then {@code details} in their order.
	 */
	public static byte[] body(String code, String message, Map<String, ?> details) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", code);
		extensions.putAll(details);
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", extensions);
		return JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
	}

	/** Answers {@code status} with {@code body} as JSON. */
	public static void write(HttpServletResponse response, HttpStatus status, byte[] body) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** Answers {@code status} with the error {@code code} and its {@code message}. */
	public static void write(HttpServletResponse response, HttpStatus status, String code, String message)
			throws IOException {
		write(response, status, body(code, message, Map.of()));
	}

}
