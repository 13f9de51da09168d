package io.creditdesk.graphql;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DatabindException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A request to the GraphQL endpoint ({@code /graphql}) whose body is no GraphQL request
 * (not JSON, a JSON value that is no object, an object without {@code query}, a
 * {@code variables} that is no object, a {@code query} or {@code operationName} that is
 * no string) answered as every other refusal is: HTTP 400 with a GraphQL {@code errors}
 * array, the code {@code INVALID_REQUEST} and a sentence from the catalogue in the
 * caller's language; a text field that is no string is named in the sentence and in the
 * extension {@code field}. Before, Spring's default error page answered
 * ({@code {"timestamp":…,"status":400,"error":"Bad Request"}}): no code, no sentence,
 * English only.
 */
@Component
class UnreadableRequestResolver implements HandlerExceptionResolver, Ordered {

	static final String CODE = "INVALID_REQUEST";

	/** The fields of a GraphQL request read only from a JSON string. */
	private static final Set<String> TEXT_FIELDS = Set.of("query", "operationName");

	private final MeterRegistry registry;

	/** The GraphQL endpoint's path, as configured ({@code spring.graphql.http.path}). */
	private final String path;

	UnreadableRequestResolver(MeterRegistry registry, @Value("${spring.graphql.http.path:/graphql}") String path) {
		this.registry = registry;
		this.path = path;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		boolean unreadable = ex instanceof HttpMessageNotReadableException || ex instanceof ServerWebInputException;
		if (!unreadable || !this.path.equals(request.getRequestURI()) || response.isCommitted()) {
			return null;
		}
		try {
			this.registry.counter("creditdesk.graphql.refused", "code", CODE).increment();
			Locale language = RequestLanguage.of(request);
			String field = textField(ex);
			byte[] body = (field != null) ? GraphQlErrorAnswer.body(CODE,
					MessageCatalogue.render(language, "request.notAString", List.of(field)), Map.of("field", field))
					: GraphQlErrorAnswer.body(CODE, message(language), Map.of());
			GraphQlErrorAnswer.write(response, HttpStatus.BAD_REQUEST, body);
			return new ModelAndView();
		}
		catch (IOException writeFailed) {
			return null;
		}
	}

	/**
	 * The text field of the request ({@code query}, {@code operationName}) whose value
	 * was no JSON string ({@link GraphQlRequestFields}), or null when the body is
	 * unreadable otherwise.
	 */
	private static @Nullable String textField(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				String name = databind.getPath().get(0).getPropertyName();
				return TEXT_FIELDS.contains(name) ? name : null;
			}
		}
		return null;
	}

	/** The refusal's sentence in {@code language} (English when null). */
	static String message(Locale language) {
		return MessageCatalogue.render(language, "request.unreadable", List.of());
	}

}
