package io.creditdesk.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ahead of HTTP Basic sign-in: a credential verified a moment ago passes untouched;
 * otherwise, while its user name or client address has to wait (or is locked), the
 * attempt is answered at once with HTTP 429, {@code Retry-After} and
 * {@code LOGIN_THROTTLED} (or {@code LOGIN_LOCKED}), without checking the password.
 * Failures are counted from Spring Security's authentication events
 * ({@link LoginAttempts}).
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
		ThrottledAnswer.write(response, verdict);
	}

}
