package io.creditdesk.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

/**
 * The {@link SignInThrottleFilter} ahead of HTTP Basic sign-in: reads the
 * {@code Authorization: Basic} credential.
 */
final class LoginThrottleFilter extends SignInThrottleFilter {

	private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

	LoginThrottleFilter(LoginThrottle throttle) {
		super(throttle);
	}

	@Override
	UsernamePasswordAuthenticationToken attempt(HttpServletRequest request) {
		try {
			return this.basic.convert(request);
		}
		catch (AuthenticationException ex) {
			// Malformed: the Basic filter answers it.
			return null;
		}
	}

}
