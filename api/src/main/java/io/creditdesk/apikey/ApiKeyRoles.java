package io.creditdesk.apikey;

import java.util.Set;

import io.creditdesk.security.Roles;

/**
 * Who may manage API keys, as a method-security expression, and which roles a key holds.
 */
final class ApiKeyRoles {

	/**
	 * The roles no key is given: they approve (the steps of credit limit requests, held
	 * orders, model promotions), and an approval is one of four eyes, which a person
	 * takes ({@link io.creditdesk.common.FourEyes}). A key holding one could not use it
	 * to approve anyway; refusing it at creation says so at once.
	 */
	static final Set<String> PEOPLE_ONLY = Set.of(Roles.CREDIT_MANAGER, Roles.CFO);

	/**
	 * Create, list and revoke API keys: administrators only (a key may carry any role but
	 * {@link #PEOPLE_ONLY}).
	 */
	static final String MANAGE = "hasRole('ADMIN')";

	private ApiKeyRoles() {
	}

}
