package io.creditdesk.apikey;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.security.LoginThrottle;
import io.creditdesk.security.ThrottledAnswer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in a request that presents an API key, in {@code X-API-Key} or as
 * {@code Authorization: Bearer cdk_...}, with exactly the key's roles. A key that is
 * unknown, revoked or expired is refused at once (HTTP 401, {@code INVALID_API_KEY}, its
 * message in the caller's {@code Accept-Language}) and counted against the client address
 * by the {@link LoginThrottle}, which holds back an address that keeps guessing (HTTP
 * 429). A request presenting a key and another credential is refused: which one it meant
 * to act as is not for the service to guess.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	static final String CODE = "INVALID_API_KEY";

	private final ApiKeyService keys;

	private final LoginThrottle throttle;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiKeyAuthenticationFilter(ApiKeyService keys, LoginThrottle throttle) {
		this.keys = keys;
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HEADER);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String bearer = bearerKey(authorization);
		if (header == null && bearer == null) {
			chain.doFilter(request, response);
			return;
		}
		if (header != null && authorization != null) {
			refuse(request, response, "apiKey.twoCredentials");
			return;
		}
		String address = request.getRemoteAddr();
		// A valid key is let in whatever others sent from its address (behind a proxy or
		// a NAT, every client shares one): only failures are throttled. Guessing a key
		// (256 random bits) is hopeless anyway; the throttle slows the flood.
		Optional<ApiKey> key = this.keys.authenticate((header != null) ? header.trim() : bearer);
		if (key.isEmpty()) {
			LoginThrottle.Verdict verdict = this.throttle.check(null, address);
			if (!verdict.allowed()) {
				ThrottledAnswer.write(request, response, verdict);
				return;
			}
			this.throttle.failed(null, address);
			refuse(request, response, "apiKey.invalid");
			return;
		}
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(key.get()));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

	/**
	 * The API key in an {@code Authorization: Bearer} header, or null when the header
	 * holds something else (a JWT).
	 */
	private static String bearerKey(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.startsWith(ApiKeySecrets.PREFIX) ? token : null;
	}

	/**
	 * HTTP 401 {@code INVALID_API_KEY}, its message the catalogue's sentence {@code key}
	 * in the caller's {@code Accept-Language}.
	 */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, String key)
			throws IOException {
		String message = MessageCatalogue.render(RequestLanguage.of(request), key, List.of());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		GraphQlErrorAnswer.write(response, HttpStatus.UNAUTHORIZED, CODE, message);
	}

}
