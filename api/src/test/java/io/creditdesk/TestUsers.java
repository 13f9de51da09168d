package io.creditdesk;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Calls a service as a named user with one role, as the GraphQL layer would after
 * authentication (the services check roles themselves).
 */
public final class TestUsers {

	private TestUsers() {
	}

	public static <T> T as(String user, String role, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
					List.of(new SimpleGrantedAuthority("ROLE_" + role))));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
