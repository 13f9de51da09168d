package io.creditdesk.ratelimit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The signed-in caller a bucket belongs to: its name (the bucket's key) and its roles
 * (which only choose the limit).
 */
final class Principals {

	private Principals() {
	}

	record Caller(String name, List<String> roles) {
	}

	/** The caller of {@code authentication}, or null when nobody is signed in. */
	static Caller of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		List<String> roles = new ArrayList<>(2);
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				roles.add(name.substring(5));
			}
		}
		return new Caller(authentication.getName(), roles);
	}

}
