package io.creditdesk.graphql;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.common.UserError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UrlPathHelper;

/**
 * A REST endpoint under {@code /api/} called with a method it does not take (a
 * {@code GET} of the upload {@code /api/models}) answered as its other refusals are: HTTP
 * 405 with the {@code Allow} header and JSON {@code {"code":"METHOD_NOT_ALLOWED",
 * "message":…}}, the sentence from the catalogue ({@code request.methodNotAllowed}) in
 * the caller's language. Before, Spring's default error page answered
 * ({@code {"timestamp":…,"status":405,"error":"Method Not Allowed"}}): no code, no
 * sentence, English only. One resolver for every {@code /api/} endpoint, so a new one
 * answers the same; {@code /api/} is read within the application, after any context path.
 */
@Component
class ApiMethodNotAllowedResolver implements HandlerExceptionResolver, Ordered {

	static final String CODE = "METHOD_NOT_ALLOWED";

	private final JsonMapper json;

	ApiMethodNotAllowedResolver(JsonMapper json) {
		this.json = json;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(ex instanceof HttpRequestMethodNotSupportedException unsupported) || !underApi(request)
				|| response.isCommitted()) {
			return null;
		}
		String[] allowed = unsupported.getSupportedMethods();
		String allow = (allowed != null) ? StringUtils.arrayToDelimitedString(allowed, ", ") : "";
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", CODE);
		body.put("message", MessageCatalogue.render(RequestLanguage.of(request), "request.methodNotAllowed",
				List.of(UserError.quoted(unsupported.getMethod()), allow)));
		try {
			byte[] bytes = this.json.writeValueAsBytes(body);
			response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
			if (!allow.isEmpty()) {
				response.setHeader(HttpHeaders.ALLOW, allow);
			}
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
			return new ModelAndView();
		}
		catch (IOException writeFailed) {
			return null;
		}
	}

	/**
	 * Whether the request's path within the application (after the context path,
	 * {@code server.servlet.context-path}, decoded as the handler mapping reads it) is
	 * under {@code /api/}.
	 */
	private static boolean underApi(HttpServletRequest request) {
		return UrlPathHelper.defaultInstance.getPathWithinApplication(request).startsWith("/api/");
	}

}
