package io.creditdesk.security;

import java.io.IOException;
import java.util.List;

import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer to a request that is not signed in: HTTP 401 with the
 * {@code WWW-Authenticate} challenge of its sign-in (HTTP Basic or a bearer JWT, as
 * Spring Security writes it) and a GraphQL error with a stable code and the catalogue's
 * sentence in the caller's {@code Accept-Language}, as the other refusals before a
 * request runs ({@code INVALID_API_KEY}, {@code LOGIN_THROTTLED}):
 * <ul>
 * <li>no credential at all (no {@code Authorization} header): {@code UNAUTHORIZED}
 * ({@code graphql.unauthorized});</li>
 * <li>a credential that is not accepted: {@code INVALID_CREDENTIALS}, a user name and
 * password ({@code signIn.invalidCredentials}: the same answer for a name that does not
 * exist, a wrong password or an account that may not sign in, so the answer tells nobody
 * which names exist) or a bearer token ({@code signIn.invalidToken}: malformed, expired,
 * signed by another key, for another audience). A credential of a kind this mode does not
 * read (a bearer token in demo mode, HTTP Basic in JWT mode) is one that is not accepted
 * too, not a missing one: its sentence follows its scheme (Basic: the user name and
 * password one; any other: the token one).</li>
 * </ul>
 * GraphiQL's page, signed in with a session, is answered alike, without a challenge
 * ({@link #session()}). Before, the 401 had an empty body. Held-back sign-ins are
 * answered before this, by {@link ThrottledAnswer} (HTTP 429).
 */
public final class AuthenticationRefusal implements AuthenticationEntryPoint {

	/** The code of a credential that is not accepted. */
	static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";

	/** The code of a request without a credential. */
	static final String UNAUTHORIZED = "UNAUTHORIZED";

	/** The realm Spring Security's HTTP Basic names by default. */
	private static final String BASIC_CHALLENGE = "Basic realm=\"Realm\"";

	private final AuthenticationEntryPoint challenge;

	private final String invalidKey;

	private AuthenticationRefusal(AuthenticationEntryPoint challenge, String invalidKey) {
		this.challenge = challenge;
		this.invalidKey = invalidKey;
	}

	/**
	 * HTTP Basic sign-in: {@code WWW-Authenticate: Basic realm="Realm"}, except to a
	 * script that says it is one ({@code X-Requested-With: XMLHttpRequest}), which Spring
	 * Security answers without a challenge so that no browser opens its sign-in dialog.
	 */
	static AuthenticationRefusal basic() {
		return new AuthenticationRefusal((request, response, ex) -> {
			if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
			}
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
		}, "signIn.invalidCredentials");
	}

	/**
	 * Bearer JWT sign-in: the challenge of Spring Security's
	 * {@link BearerTokenAuthenticationEntryPoint} (with the token's error).
	 */
	static AuthenticationRefusal bearer() {
		return new AuthenticationRefusal(new BearerTokenAuthenticationEntryPoint(), "signIn.invalidToken");
	}

	/**
	 * A session's sign-in (GraphiQL's page in demo mode): no challenge, so a browser
	 * opens no sign-in dialog of its own over the page; the person signs in on the page's
	 * form again. The body is the API's: {@code UNAUTHORIZED} for a call without a
	 * session that is signed in.
	 */
	public static AuthenticationRefusal session() {
		return new AuthenticationRefusal((request, response, ex) -> {
		}, "signIn.invalidCredentials");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException, ServletException {
		this.challenge.commence(request, response, ex);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean sent = authorization != null && !authorization.isBlank();
		boolean none = !sent && (ex instanceof InsufficientAuthenticationException
				|| ex instanceof AuthenticationCredentialsNotFoundException);
		String code = none ? UNAUTHORIZED : INVALID_CREDENTIALS;
		String message = MessageCatalogue.render(RequestLanguage.of(request),
				none ? "graphql.unauthorized" : invalidKey(authorization, ex), List.of());
		GraphQlErrorAnswer.write(response, HttpStatus.UNAUTHORIZED, code, message);
	}

	/**
	 * The sentence of a credential that is not accepted: this sign-in's own, unless the
	 * request came with a credential of the other kind because nothing in this mode read
	 * it (a bearer token in demo mode, HTTP Basic in JWT mode).
	 */
	private String invalidKey(String authorization, AuthenticationException ex) {
		boolean unread = ex instanceof InsufficientAuthenticationException
				|| ex instanceof AuthenticationCredentialsNotFoundException;
		if (!unread || authorization == null) {
			return this.invalidKey;
		}
		return authorization.regionMatches(true, 0, "Basic ", 0, 6) ? "signIn.invalidCredentials"
				: "signIn.invalidToken";
	}

}
