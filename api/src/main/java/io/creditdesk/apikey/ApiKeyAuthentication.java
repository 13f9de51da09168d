package io.creditdesk.apikey;

import io.creditdesk.common.MachineClient;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with an API key: its name is {@code api-key:<id>} (what audit
 * trails record and what the rate limits count by), its authorities exactly the key's
 * roles. It acts for a machine, not a person ({@link MachineClient}): it takes no
 * four-eyes decision.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken implements MachineClient {

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
