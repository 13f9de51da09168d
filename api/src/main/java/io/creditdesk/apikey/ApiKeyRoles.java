package io.creditdesk.apikey;

/** Who may manage API keys, as a method-security expression. */
final class ApiKeyRoles {

	/**
	 * Create, list and revoke API keys: administrators only (a key may carry any role).
	 */
	static final String MANAGE = "hasRole('ADMIN')";

	private ApiKeyRoles() {
	}

}
