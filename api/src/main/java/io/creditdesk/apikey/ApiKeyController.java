package io.creditdesk.apikey;

import java.util.List;

import io.creditdesk.apikey.ApiKeyInputs.CreateApiKeyInput;
import io.creditdesk.apikey.ApiKeyInputs.RevokeApiKeyInput;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@QueryMapping
	List<ApiKey> apiKeys() {
		return this.keys.all();
	}

	@MutationMapping
	CreateApiKeyPayload createApiKey(@Argument CreateApiKeyInput input) {
		return Payloads.run(() -> this.keys.create(input),
				(created, errors) -> new CreateApiKeyPayload((created != null) ? created.apiKey() : null,
						(created != null) ? created.secret() : null, errors));
	}

	@MutationMapping
	RevokeApiKeyPayload revokeApiKey(@Argument RevokeApiKeyInput input) {
		return Payloads.run(() -> this.keys.revoke(input), RevokeApiKeyPayload::new);
	}

	record CreateApiKeyPayload(ApiKey apiKey, String secret, List<UserError> userErrors) {
	}

	record RevokeApiKeyPayload(ApiKey apiKey, List<UserError> userErrors) {
	}

}
