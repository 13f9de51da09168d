package io.creditdesk.apikey;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with an API key: its name is {@code api-key:<id>} (what audit
 * trails record and what the rate limits count by), its authorities exactly the key's
 * roles.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final ApiKey key;

	ApiKeyAuthentication(ApiKey key) {
		super(key.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
		this.key = key;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.key;
	}

	@Override
	public String getName() {
		return "api-key:" + this.key.id();
	}

}
