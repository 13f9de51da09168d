package io.creditdesk.security;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Username and password sign-in that pays the password hash check once per credential and
 * {@link LoginProperties#credentialCacheTtl()}: the user is still loaded and checked
 * (enabled, not locked, roles) for every request; only the comparison of the presented
 * password with the stored hash is skipped when the same pair passed it against the same
 * stored hash a moment ago.
 */
final class CachingPasswordAuthenticationProvider extends DaoAuthenticationProvider {

	private final VerifiedCredentials verified;

	CachingPasswordAuthenticationProvider(UserDetailsService users, VerifiedCredentials verified) {
		super(users);
		this.verified = verified;
	}

	@Override
	protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken authentication)
			throws AuthenticationException {
		Object credentials = authentication.getCredentials();
		String presented = (credentials != null) ? credentials.toString() : null;
		if (presented != null && user.getPassword() != null
				&& this.verified.matches(user.getUsername(), presented, user.getPassword())) {
			return;
		}
		super.additionalAuthenticationChecks(user, authentication);
		if (presented != null && user.getPassword() != null) {
			this.verified.remember(user.getUsername(), presented, user.getPassword());
		}
	}

}
