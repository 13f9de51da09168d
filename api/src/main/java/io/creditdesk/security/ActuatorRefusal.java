package io.creditdesk.security;

import java.io.IOException;
import java.util.List;

import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The answer to a signed-in caller whose role may not call a URL: HTTP 403 with a
 * GraphQL-shaped error ({@link GraphQlErrorAnswer}) of code {@code FORBIDDEN} and the
 * catalogue's sentence in the caller's {@code Accept-Language}, as the 401 of
 * {@link AuthenticationRefusal}. The only URLs refused by role before a request runs are
 * the operators' actuator endpoints ({@code /actuator/metrics} and every other one but
 * health and info: role {@code ADMIN}); before, the servlet container's error page
 * answered.
 */
final class ActuatorRefusal implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		String message = MessageCatalogue.render(RequestLanguage.of(request), "actuator.forbidden", List.of());
		GraphQlErrorAnswer.write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", message);
	}

}
