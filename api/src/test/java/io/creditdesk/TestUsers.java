package io.creditdesk;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Calls a service as a named user with one role (or several), as the GraphQL layer would
 * after authentication (the services check roles themselves).
 */
public final class TestUsers {

	private TestUsers() {
	}

	public static <T> T as(String user, String role, Supplier<T> action) {
		return as(user, Set.of(role), action);
	}

	/** The same with several roles (a person who is both credit manager and CFO). */
	public static <T> T as(String user, Set<String> roles, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
					roles.stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList()));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
