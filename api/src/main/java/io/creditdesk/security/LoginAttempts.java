package io.creditdesk.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Feeds the {@link LoginThrottle} from Spring Security's authentication events: every
 * failed and successful sign-in with a user name and password (HTTP Basic, or a sign-in
 * form), whoever checked it.
 */
final class LoginAttempts {

	private final LoginThrottle throttle;

	LoginAttempts(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		Authentication attempt = event.getAuthentication();
		if (attempt instanceof UsernamePasswordAuthenticationToken) {
			this.throttle.failed(attempt.getName(), address(attempt));
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		Authentication signedIn = event.getAuthentication();
		if (signedIn instanceof UsernamePasswordAuthenticationToken) {
			this.throttle.succeeded(signedIn.getName(), address(signedIn));
		}
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

}
