package io.creditdesk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ahead of HTTP Basic sign-in: a credential verified a moment ago passes untouched; otherwise,
 * while its user name or client address has to wait (or is locked), the attempt is answered at
 * once with HTTP 429, {@code Retry-After} and {@code LOGIN_THROTTLED} (or {@code LOGIN_LOCKED}),
 * without checking the password. Failures are counted from Spring Security's authentication
 * events ({@link LoginAttempts}).
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

	private final LoginThrottle throttle;

	private final VerifiedCredentials verified;

	LoginThrottleFilter(LoginThrottle throttle, VerifiedCredentials verified) {
		this.throttle = throttle;
		this.verified = verified;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UsernamePasswordAuthenticationToken attempt;
		try {
			attempt = this.basic.convert(request);
		}
		catch (AuthenticationException ex) {
			// Malformed: the Basic filter answers it.
			attempt = null;
		}
		if (attempt == null || attempt.getCredentials() == null
				|| this.verified.knows(attempt.getName(), attempt.getCredentials().toString())) {
			chain.doFilter(request, response);
			return;
		}
		LoginThrottle.Verdict verdict = this.throttle.check(attempt.getName(), request.getRemoteAddr());
		if (verdict.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		refuse(response, verdict);
	}

	/** HTTP 429 with {@code Retry-After} and a GraphQL error: the attempt was not checked. */
	static void refuse(HttpServletResponse response, LoginThrottle.Verdict verdict) throws IOException {
		long seconds = Math.max(1, verdict.retryAfter().toSeconds() + ((verdict.retryAfter().toNanosPart() > 0) ? 1 : 0));
		String code = verdict.locked() ? "LOGIN_LOCKED" : "LOGIN_THROTTLED";
		String message = verdict.locked() ? "Too many failed sign-ins: signing in is locked for " + seconds + " s."
				: "Too many failed sign-ins: wait " + seconds + " s before the next attempt.";
		byte[] body = ("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code
				+ "\",\"retryAfterSeconds\":" + seconds + "}}]}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
