package io.creditdesk.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The {@link SignInThrottleFilter} ahead of a sign-in form (GraphiQL's in demo mode):
 * reads the user name and password the form posts to its processing URL, as Spring
 * Security's {@link UsernamePasswordAuthenticationFilter} does, so that guesses through
 * the form wait and are locked out exactly as guesses through HTTP Basic (the same
 * {@link LoginThrottle}, the same counts). Add it before that filter.
 */
public final class FormLoginThrottleFilter extends SignInThrottleFilter {

	private final RequestMatcher signIn;

	/**
	 * @param throttle the throttle of failed sign-ins
	 * @param verified the verified-credential cache, or null where there is none
	 * @param signIn the form's processing requests (its POSTs)
	 */
	public FormLoginThrottleFilter(LoginThrottle throttle, VerifiedCredentials verified, RequestMatcher signIn) {
		super(throttle, verified);
		this.signIn = signIn;
	}

	@Override
	UsernamePasswordAuthenticationToken attempt(HttpServletRequest request) {
		if (!this.signIn.matches(request)) {
			return null;
		}
		String user = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		String password = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_PASSWORD_KEY);
		// As the form filter signs in: a missing field is empty, the name is trimmed (the
		// throttle counts it in lower case).
		return UsernamePasswordAuthenticationToken.unauthenticated((user != null) ? user.trim() : "",
				(password != null) ? password : "");
	}

}
