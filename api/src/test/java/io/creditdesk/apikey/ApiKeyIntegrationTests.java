package io.creditdesk.apikey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.RawHttp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API keys end to end: created by an administrator with its secret shown once and stored
 * as a SHA-256, accepted in {@code X-API-Key} and as a bearer token, acting with exactly
 * its roles, and refused at once when revoked or expired.
 */
@CreditDeskIntegrationTest
class ApiKeyIntegrationTests {

	private static final String CUSTOMERS = "{ customers(first: 1) { totalCount } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	record Created(String id, String secret, String prefix) {
	}

	private Created create(String name, List<String> roles, Instant expiresAt) {
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, "admin")
			.document(
					"mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id name roles prefix createdBy"
							+ " expiresAt lastUsedAt } secret userErrors { code } } }")
			.variable("i",
					(expiresAt != null) ? Map.of("name", name, "roles", roles, "expiresAt", expiresAt.toString())
							: Map.of("name", name, "roles", roles))
			.execute();
		response.path("createApiKey.userErrors").entityList(Object.class).hasSize(0);
		response.path("createApiKey.apiKey.roles")
			.entityList(String.class)
			.containsExactly(roles.toArray(String[]::new));
		response.path("createApiKey.apiKey.createdBy").entity(String.class).isEqualTo("admin");
		return new Created(response.path("createApiKey.apiKey.id").entity(String.class).get(),
				response.path("createApiKey.secret").entity(String.class).get(),
				response.path("createApiKey.apiKey.prefix").entity(String.class).get());
	}

	private HttpResponse<String> call(String header, String value, String document) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("query", document))))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static void invalidKey(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"INVALID_API_KEY\"");
	}

	@Test
	void theSecretIsShownOnceAndStoredOnlyAsItsHash() {
		Created key = create("ERP production", List.of("INTEGRATION"), null);
		assertThat(key.secret()).startsWith("cdk_").hasSize(47);
		assertThat(key.prefix()).isEqualTo(key.secret().substring(0, 12));
		Document stored = this.mongo.getCollection("api_keys")
			.find(new Document("_id", new ObjectId(key.id())))
			.first();
		if (stored == null) {
			stored = this.mongo.getCollection("api_keys").find(new Document("_id", key.id())).first();
		}
		assertThat(stored).isNotNull();
		assertThat(stored.toJson()).doesNotContain(key.secret().substring(12));
		assertThat(stored.getString("hash")).isEqualTo(ApiKeySecrets.hash(key.secret()));
		// The list shows the key, never its secret or hash.
		GraphQlClients.as(this.graphQl, "admin")
			.document("{ apiKeys { id name prefix } }")
			.execute()
			.path("apiKeys[?(@.id == '" + key.id() + "')].prefix")
			.entityList(String.class)
			.containsExactly(key.prefix());
	}

	@Test
	void aKeySignsInWithXApiKeyOrAsABearerTokenAndItsUseIsRecorded() throws Exception {
		Created key = create("web shop", List.of("INTEGRATION"), null);
		assertThat(ok(call("X-API-Key", key.secret(), CUSTOMERS)).path("data").path("customers").has("totalCount"))
			.isTrue();
		assertThat(ok(call("Authorization", "Bearer " + key.secret(), CUSTOMERS)).path("data")
			.path("customers")
			.has("totalCount")).isTrue();
		GraphQlClients.as(this.graphQl, "admin")
			.document("{ apiKeys { id lastUsedAt } }")
			.execute()
			.path("apiKeys[?(@.id == '" + key.id() + "')].lastUsedAt")
			.entityList(String.class)
			.satisfies(used -> assertThat(used).hasSize(1).doesNotContainNull());
	}

	@Test
	void aKeyCannotGainRolesItWasNotGiven() throws Exception {
		Created key = create("bureau feed", List.of("INTEGRATION"), null);
		JsonNode refused = ok(call("X-API-Key", key.secret(),
				"mutation { setCreditLimit(input: {customerId: \"missing\", amount: \"1\", reason: \"r\"}) { userErrors { code } } }"));
		assertThat(refused.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
		JsonNode noKeys = ok(call("X-API-Key", key.secret(),
				"mutation { createApiKey(input: {name: \"escalate\", roles: [ADMIN]}) { secret } }"));
		assertThat(noKeys.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("FORBIDDEN");
		assertThat(noKeys.path("data").isNull()).isTrue();
		// Nor by adding another credential to the request.
		HttpRequest both = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", key.secret())
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ apiKeys { id } }\"}"))
			.build();
		invalidKey(this.http.send(both, HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void aRevokedKeyIsRefusedAtOnce() throws Exception {
		Created key = create("old ERP", List.of("INTEGRATION"), null);
		ok(call("X-API-Key", key.secret(), CUSTOMERS));
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { revokeApiKey(input: {id: \"" + key.id()
					+ "\", reason: \"Leaked\"}) { apiKey { revokedAt revokedBy } userErrors { code } } }")
			.execute()
			.path("revokeApiKey.apiKey.revokedBy")
			.entity(String.class)
			.isEqualTo("admin");
		invalidKey(call("X-API-Key", key.secret(), CUSTOMERS));
		invalidKey(call("Authorization", "Bearer " + key.secret(), CUSTOMERS));
	}

	@Test
	void aRevocationWrittenByAnotherInstanceAppliesWithinTheCacheTime() throws Exception {
		Created key = create("shared", List.of("INTEGRATION"), null);
		ok(call("X-API-Key", key.secret(), CUSTOMERS));
		// Another instance revokes it: straight in the store, this instance's cache still
		// holds the key.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(key.id())),
				new Update().set("revokedAt", Instant.now()).set("revokedBy", "admin"), ApiKey.class);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> invalidKey(call("X-API-Key", key.secret(), CUSTOMERS)));
	}

	@Test
	void anExpiredKeyIsRefusedAtOnce() throws Exception {
		Instant expiresAt = Instant.now().plusSeconds(3);
		Created key = create("trial", List.of("INTEGRATION"), expiresAt);
		ok(call("X-API-Key", key.secret(), CUSTOMERS));
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
		// The key is still in this instance's cache: expiry is judged at every request.
		invalidKey(call("X-API-Key", key.secret(), CUSTOMERS));
	}

	/**
	 * The 401 reads in the caller's {@code Accept-Language} (before: English whatever was
	 * asked for) for a key revoked, expired, unknown, or sent with another credential;
	 * status, header and body shape unchanged. From an address of its own: its failures
	 * count against that address only.
	 */
	@Test
	void aRefusedKeyReadsInTheCallersLanguage() throws Exception {
		Instant expiresAt = Instant.now().plusSeconds(3);
		Created expiring = create("trial de", List.of("INTEGRATION"), expiresAt);
		Created revoked = create("old ERP de", List.of("INTEGRATION"), null);
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { revokeApiKey(input: {id: \"" + revoked.id()
					+ "\", reason: \"Leaked\"}) { apiKey { revokedAt } userErrors { code } } }")
			.execute()
			.path("revokeApiKey.apiKey.revokedAt")
			.hasValue();
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiresAt));
		String invalidEn = "The API key is not valid: unknown, revoked or expired."
				+ " Send a valid key, or ask an administrator for a new one.";
		String invalidDe = "Der API-Schlüssel ist nicht gültig: unbekannt, widerrufen oder abgelaufen."
				+ " Senden Sie einen gültigen Schlüssel oder bitten Sie einen Administrator um einen neuen.";
		String bothEn = "Send one credential: an API key in X-API-Key, or an Authorization header, not both.";
		String bothDe = "Senden Sie nur eine Anmeldung: einen API-Schlüssel in X-API-Key oder einen Authorization-Header,"
				+ " nicht beides.";
		String basic = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
		for (String[] asked : new String[][] { { null, invalidEn, bothEn }, { "de-DE,de;q=0.9", invalidDe, bothDe },
				{ "fr", invalidEn, bothEn } }) {
			refusedIn(asked[0], Map.of("X-API-Key", revoked.secret()), asked[1]);
			refusedIn(asked[0], Map.of("Authorization", "Bearer " + expiring.secret()), asked[1]);
			refusedIn(asked[0], Map.of("X-API-Key", "cdk_" + "B".repeat(43)), asked[1]);
			refusedIn(asked[0], Map.of("X-API-Key", revoked.secret(), "Authorization", basic), asked[2]);
		}
	}

	/**
	 * A request with {@code credentials}, asking for {@code language} (none when null),
	 * is refused with {@code message}.
	 */
	private void refusedIn(String language, Map<String, String> credentials, String message) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(credentials);
		headers.put("Content-Type", "application/json");
		if (language != null) {
			headers.put("Accept-Language", language);
		}
		RawHttp.Answer answer = RawHttp.post(this.port, "127.0.0.83", "/graphql", headers,
				"{\"query\":\"" + CUSTOMERS + "\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(401);
		assertThat(answer.headers()).containsEntry("www-authenticate", "Bearer error=\"invalid_token\"");
		assertThat(answer.body()).isEqualTo(
				"{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"INVALID_API_KEY\"}}]}");
	}

	@Test
	void unknownAndMalformedKeysAreRefused() throws Exception {
		invalidKey(call("X-API-Key", "cdk_" + "A".repeat(43), CUSTOMERS));
		invalidKey(call("X-API-Key", "not-a-key", CUSTOMERS));
		invalidKey(call("Authorization", "Bearer cdk_short", CUSTOMERS));
	}

	@Test
	void creatingAKeyIsValidatedAndAudited() {
		GraphQlClients.as(this.graphQl, "admin")
			.document(
					"mutation { createApiKey(input: {name: \" \", roles: [], expiresAt: \"2020-01-01T00:00:00Z\"}) { apiKey { id } secret userErrors { field code } } }")
			.execute()
			.path("createApiKey.secret")
			.valueIsNull()
			.path("createApiKey.userErrors[*].code")
			.entityList(String.class)
			.satisfies(codes -> assertThat(codes).containsExactlyInAnyOrder("REQUIRED", "REQUIRED", "EXPIRY_IN_PAST"));
		Created key = create("audited", List.of("INTEGRATION", "SALES"), null);
		assertThat(this.mongo.getCollection("audit_records")
			.countDocuments(new Document("entityId", key.id()).append("action", "API_KEY_CREATED"))).isEqualTo(1);
	}

}
