package io.creditdesk.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ahead of a password sign-in: while its user name or client address has to wait (or is
 * locked), the attempt is answered at once with HTTP 429, {@code Retry-After} and
 * {@code LOGIN_THROTTLED} (or {@code LOGIN_LOCKED}), without checking the password,
 * whatever the password: the right one is held back as a wrong one is, even one verified
 * a moment ago ({@link VerifiedCredentials}), else a 200 among the 429s would tell an
 * attacker which guess was right. (The verified-credential cache spares a good caller the
 * password hash, never the throttle; the throttle spares the user the addresses it signed
 * in from, see {@link LoginThrottle}.) Failures are counted from Spring Security's
 * authentication events ({@link LoginAttempts}), wherever the credential came from. Each
 * way of presenting a user name and password (HTTP Basic, a sign-in form) reads it in its
 * subclass; each subclass is a filter class of its own, so that both may run in one
 * chain.
 */
abstract sealed class SignInThrottleFilter extends OncePerRequestFilter
		permits LoginThrottleFilter, FormLoginThrottleFilter {

	private final LoginThrottle throttle;

	SignInThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	/**
	 * The user name and password this request signs in with, or null when it does not.
	 */
	abstract UsernamePasswordAuthenticationToken attempt(HttpServletRequest request);

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UsernamePasswordAuthenticationToken attempt = attempt(request);
		if (attempt == null || attempt.getName() == null) {
			chain.doFilter(request, response);
			return;
		}
		LoginThrottle.Verdict verdict = this.throttle.check(attempt.getName(), request.getRemoteAddr());
		if (verdict.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		refuse(request, response, verdict);
	}

	/**
	 * Answers an attempt the throttle holds back: by default the JSON 429 of
	 * {@link ThrottledAnswer}.
	 */
	void refuse(HttpServletRequest request, HttpServletResponse response, LoginThrottle.Verdict verdict)
			throws IOException {
		ThrottledAnswer.write(request, response, verdict);
	}

}
