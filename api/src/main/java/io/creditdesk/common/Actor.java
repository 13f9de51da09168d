package io.creditdesk.common;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: the authenticated principal's name and roles, as recorded in audit
 * trails and decision records, and whether it is a person. Background jobs act as
 * {@code system}.
 *
 * @param person whether a person acts: false for {@code system} and for a
 * {@link MachineClient} (an API key), which never take a four-eyes decision
 * ({@link FourEyes})
 */
public record Actor(String name, Set<String> roles, boolean person) {

	public static final Actor SYSTEM = new Actor("system", Set.of("SYSTEM"), false);

	public static Actor current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return SYSTEM;
		}
		Set<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a.startsWith("ROLE_"))
			.map(a -> a.substring(5))
			.collect(Collectors.toUnmodifiableSet());
		return new Actor(authentication.getName(), roles, !(authentication instanceof MachineClient));
	}

}
