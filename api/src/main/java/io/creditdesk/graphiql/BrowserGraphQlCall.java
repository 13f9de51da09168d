package io.creditdesk.graphiql;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.WebUtils;

/**
 * A {@code /graphql} call (HTTP or the WebSocket upgrade) made by the GraphiQL page with
 * its session cookie: it carries a session id, no {@code Authorization} header, and comes
 * from the service's own origin (or names none). Everything else on {@code /graphql} is a
 * program's call and goes to the stateless API chain, so a stale cookie never stands in
 * for credentials and a page of another origin cannot ride on a signed-in person's
 * cookie.
 */
final class BrowserGraphQlCall implements RequestMatcher {

	private final String path;

	BrowserGraphQlCall(String path) {
		this.path = path;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		return this.path.equals(uri) && request.getRequestedSessionId() != null
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && sameOrigin(request);
	}

	private static boolean sameOrigin(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.ORIGIN) == null
				|| WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
	}

}
