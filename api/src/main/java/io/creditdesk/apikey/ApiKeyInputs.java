package io.creditdesk.apikey;

import java.time.Instant;
import java.util.List;

/** The inputs of the API key mutations. */
final class ApiKeyInputs {

	private ApiKeyInputs() {
	}

	record CreateApiKeyInput(String name, List<String> roles, Instant expiresAt) {
	}

	record RevokeApiKeyInput(String id, String reason) {
	}

}
