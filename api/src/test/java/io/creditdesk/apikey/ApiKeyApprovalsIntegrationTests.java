package io.creditdesk.apikey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.Changes;
import io.creditdesk.risk.RiskHttp;
import io.creditdesk.risk.TestModels;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four eyes are two people's, however many API keys one person creates: a key never
 * decides a step of a credit limit request, releases or rejects a held order, or approves
 * a model promotion, whatever its roles ({@code APPROVER_NOT_A_PERSON}); and no key is
 * given an approver's role ({@code ROLE_NOT_FOR_API_KEYS}). The keys with approver roles
 * here are stored directly, as keys made before that refusal existed would be: the rule
 * at the decision holds for them too.
 */
@CreditDeskIntegrationTest
class ApiKeyApprovalsIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private ApiKeyStore store;

	@Autowired
	private AuditLog audit;

	@Autowired
	private JsonMapper json;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	record Key(String id, String secret) {

		String principal() {
			return "api-key:" + this.id;
		}

		/** The refusal's sentence, naming the key. */
		String sentence() {
			return "Four eyes: " + principal()
					+ " is an API key, not a person, and only a person takes this decision; sign in as yourself to decide.";
		}

	}

	/** A key an administrator made, stored as it is, whatever its roles. */
	private Key stored(String name, List<String> roles) {
		String secret = ApiKeySecrets.generate();
		ApiKey key = new ApiKey(new ObjectId().toHexString(), name, roles, ApiKeySecrets.shown(secret),
				ApiKeySecrets.hash(secret), Instant.now().truncatedTo(ChronoUnit.MILLIS), "admin", null, null, null,
				null);
		this.store.insert(key, this.audit.entry("API_KEY_CREATED", "API_KEY", key.id(), null, "API key " + name,
				new Changes().set("roles", roles)));
		return new Key(key.id(), secret);
	}

	/** A key created through createApiKey by {@code admin}. */
	private Key created(String name, String roles) {
		JsonNode created = RiskHttp
			.graphQl(this.port, "admin",
					"mutation { createApiKey(input: {name: \"" + name + "\", roles: [" + roles
							+ "]}) { apiKey { id } secret userErrors { code } } }")
			.get("createApiKey");
		assertThat(created.get("userErrors")).isEmpty();
		return new Key(created.at("/apiKey/id").asString(), created.get("secret").asString());
	}

	/** The {@code data} of a GraphQL call signed in with the key. */
	private JsonNode withKey(Key key, String document) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(ApiKeyAuthenticationFilter.HEADER, key.secret())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(Map.of("query", document))))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.path("errors").isMissingNode() || body.path("errors").isEmpty()).as(response.body()).isTrue();
		return body.get("data");
	}

	private static List<String> strings(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		for (JsonNode element : array) {
			values.add(element.get(field).asString());
		}
		return values;
	}

	private JsonNode as(String user, String document) {
		return RiskHttp.graphQl(this.port, user, document);
	}

	/**
	 * The payload refuses the key with the code, on the field, in the catalogue's words.
	 */
	private static void refusedAsNotAPerson(JsonNode payload, String field, Key key) {
		assertThat(payload.get("userErrors")).as(payload.toString()).hasSize(1);
		JsonNode error = payload.at("/userErrors/0");
		assertThat(error.get("code").asString()).isEqualTo("APPROVER_NOT_A_PERSON");
		assertThat(error.get("field").asString()).isEqualTo(field);
		assertThat(error.get("message").asString()).isEqualTo(key.sentence());
	}

	/**
	 * A customer in a segment of its own, whose matrix routes every limit by
	 * {@code steps}.
	 */
	private String customerRoutedBy(String steps) {
		String segment = "KEYS_" + TestCustomers.uniqueRef().replace("-", "_");
		JsonNode matrix = as("cfo",
				"mutation { upsertApprovalMatrix(input: {segment: \"" + segment
						+ "\", currency: \"EUR\", reason: \"four eyes test\", bands: [{steps: [" + steps
						+ "], slaAmount: 2, slaUnit: \"DAYS\"}]}) { userErrors { code message } } }")
			.get("upsertApprovalMatrix");
		assertThat(matrix.get("userErrors")).as(matrix.toString()).isEmpty();
		String customer = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"), segment, "GOLD", "RETAIL",
				"EUR");
		JsonNode verified = as("analyst",
				"mutation { recordVerification(input: {customerId: \"" + customer
						+ "\", evidence: \"Register extract\", reference: \"HRB 1\"}) { userErrors { code } } }")
			.get("recordVerification");
		assertThat(verified.get("userErrors")).isEmpty();
		return customer;
	}

	/** A request for a first limit of 300,000 EUR, made by {@code admin}: in approval. */
	private String requestedByAdmin(String customer) {
		JsonNode requested = as("admin", "mutation { requestCreditLimit(input: {customerId: \"" + customer
				+ "\", type: NEW_CUSTOMER, requestedLimit: {amount: \"300000\", currency: \"EUR\"}, "
				+ "justification: \"Framework contract\", annualRevenue: {amount: \"12000000\", currency: \"EUR\"}, "
				+ "yearsInBusiness: 18, references: [\"Bank\"]}) { request { id status } userErrors { code } } }")
			.get("requestCreditLimit");
		assertThat(requested.get("userErrors")).isEmpty();
		assertThat(requested.at("/request/status").asString()).isEqualTo("IN_APPROVAL");
		return requested.at("/request/id").asString();
	}

	private static String approve(String requestId) {
		return "mutation { approveCreditLimitRequest(input: {requestId: \"" + requestId
				+ "\", justification: \"fine\"}) { request { status steps { status decisions { by } } } userErrors { field code message } } }";
	}

	private JsonNode request(String requestId) {
		return as("manager", "{ creditLimitRequest(id: \"" + requestId
				+ "\") { status steps { status decisions { by outcome } } } }")
			.get("creditLimitRequest");
	}

	@Test
	void oneAdministratorWithAManagerKeyAndACfoKeyDoesNotApproveHisOwnRequest() throws Exception {
		String requestId = requestedByAdmin(customerRoutedBy("{role: \"CREDIT_MANAGER\"}, {role: \"CFO\"}"));
		Key managerKey = stored("mgr bot", List.of("CREDIT_MANAGER"));
		Key cfoKey = stored("cfo bot", List.of("CFO"));

		refusedAsNotAPerson(withKey(managerKey, approve(requestId)).get("approveCreditLimitRequest"), "requestId",
				managerKey);
		// Nor any other decision on the step: counter-offer, reject, return.
		refusedAsNotAPerson(withKey(managerKey, "mutation { approveCreditLimitRequest(input: {requestId: \"" + requestId
				+ "\", justification: \"less\", counterOffer: {limit: {amount: \"200000\", currency: \"EUR\"}}})"
				+ " { userErrors { field code message } } }")
			.get("approveCreditLimitRequest"), "requestId", managerKey);
		refusedAsNotAPerson(withKey(managerKey, "mutation { rejectCreditLimitRequest(input: {requestId: \"" + requestId
				+ "\", justification: \"no\", reasonCodes: [POOR_PAYMENT_HISTORY]}) { userErrors { field code message } } }")
			.get("rejectCreditLimitRequest"), "requestId", managerKey);
		refusedAsNotAPerson(withKey(managerKey,
				"mutation { returnCreditLimitRequest(input: {requestId: \"" + requestId
						+ "\", justification: \"more\"}) { userErrors { field code message } } }")
			.get("returnCreditLimitRequest"), "requestId", managerKey);
		assertThat(request(requestId).get("status").asString()).isEqualTo("IN_APPROVAL");
		assertThat(request(requestId).at("/steps/0/decisions")).isEmpty();

		// The manager, a person, decides the first step; the CFO key cannot take the
		// second.
		assertThat(as("manager", approve(requestId)).at("/approveCreditLimitRequest/userErrors")).isEmpty();
		refusedAsNotAPerson(withKey(cfoKey, approve(requestId)).get("approveCreditLimitRequest"), "requestId", cfoKey);
		JsonNode waiting = request(requestId);
		assertThat(waiting.get("status").asString()).isEqualTo("IN_APPROVAL");
		assertThat(waiting.at("/steps/1/decisions")).isEmpty();
		assertThat(as("cfo", approve(requestId)).at("/approveCreditLimitRequest/request/status").asString())
			.isEqualTo("APPROVED");
	}

	@Test
	void aStepForTwoManagersIsNotCompletedByAManagerAndAManagerKey() throws Exception {
		String requestId = requestedByAdmin(customerRoutedBy("{role: \"CREDIT_MANAGER\", approvers: 2}"));
		Key managerKey = stored("second manager", List.of("CREDIT_MANAGER"));
		assertThat(as("manager", approve(requestId)).at("/approveCreditLimitRequest/request/steps/0/decisions"))
			.hasSize(1);
		refusedAsNotAPerson(withKey(managerKey, approve(requestId)).get("approveCreditLimitRequest"), "requestId",
				managerKey);
		JsonNode waiting = request(requestId);
		assertThat(waiting.get("status").asString()).isEqualTo("IN_APPROVAL");
		assertThat(waiting.at("/steps/0/decisions")).hasSize(1);
		assertThat(waiting.at("/steps/0/decisions/0/by").asString()).isEqualTo("manager");
		assertThat(waiting.at("/steps/0/status").asString()).isNotEqualTo("APPROVED");
	}

	@Test
	void aPromotionTheAdministratorProposedIsNotApprovedWithAKey() throws Exception {
		HttpResponse<String> uploaded = RiskHttp.send(HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/api/models?name=keys-" + TestCustomers.uniqueRef()))
			.header("Authorization", RiskHttp.basic("datasci"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(TestModels.logistic().model()))
			.build());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		String modelId = this.json.readTree(uploaded.body()).get("id").asString();
		JsonNode proposed = as("admin", "mutation { proposeModelPromotion(input: {modelId: \"" + modelId
				+ "\", target: CHALLENGER, justification: \"shadow\"}) { promotion { id } userErrors { code } } }")
			.get("proposeModelPromotion");
		assertThat(proposed.get("userErrors")).isEmpty();
		String approve = "mutation { approveModelPromotion(input: {promotionId: \""
				+ proposed.at("/promotion/id").asString()
				+ "\"}) { promotion { status } userErrors { field code message } } }";

		Key managerKey = stored("model bot", List.of("CREDIT_MANAGER"));
		refusedAsNotAPerson(withKey(managerKey, approve).get("approveModelPromotion"), "promotionId", managerKey);
		// An administrator's key, which createApiKey still gives, neither.
		Key adminKey = created("admin bot", "ADMIN");
		refusedAsNotAPerson(withKey(adminKey, approve).get("approveModelPromotion"), "promotionId", adminKey);
		JsonNode pending = as("datasci", "{ modelPromotions(status: PENDING) { id } }").get("modelPromotions");
		assertThat(strings(pending, "id")).contains(proposed.at("/promotion/id").asString());
	}

	@Test
	void aHeldOrderIsNotReleasedNorRejectedWithAKey() throws Exception {
		String customer = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"),
				"KEYS_" + TestCustomers.uniqueRef().replace("-", "_"), "SILVER", "RETAIL", "EUR");
		TestCustomers.setLimit(GraphQlClients.as(this.graphQl, "admin"), customer, "1000");
		String orderId = "KEY-" + TestCustomers.uniqueRef();
		JsonNode placed = as("admin",
				"mutation { placeOrder(input: {orderId: \"" + orderId + "\", customerId: \"" + customer
						+ "\", amount: \"1500\", currency: \"EUR\"}) { order { status } userErrors { code } } }")
			.get("placeOrder");
		assertThat(placed.at("/order/status").asString()).as(placed.toString()).isEqualTo("HELD");

		Key adminKey = created("finance bot", "ADMIN");
		refusedAsNotAPerson(withKey(adminKey, "mutation { releaseOrder(input: {orderId: \"" + orderId
				+ "\", reason: \"ok\", overrideLimit: true}) { decision { status } userErrors { field code message } } }")
			.get("releaseOrder"), "orderId", adminKey);
		refusedAsNotAPerson(withKey(adminKey,
				"mutation { rejectOrder(input: {orderId: \"" + orderId
						+ "\", reason: \"no\"}) { order { status } userErrors { field code message } } }")
			.get("rejectOrder"), "orderId", adminKey);
		Key managerKey = stored("release bot", List.of("CREDIT_MANAGER"));
		refusedAsNotAPerson(withKey(managerKey, "mutation { releaseOrder(input: {orderId: \"" + orderId
				+ "\", reason: \"ok\", overrideLimit: true}) { decision { status } userErrors { field code message } } }")
			.get("releaseOrder"), "orderId", managerKey);
		// A person, not the one who placed it, releases it.
		assertThat(as("manager",
				"mutation { releaseOrder(input: {orderId: \"" + orderId
						+ "\", reason: \"ok\", overrideLimit: true}) { decision { status } userErrors { code } } }")
			.at("/releaseOrder/decision/status")
			.asString()).isEqualTo("APPROVED");
	}

	@Test
	void noKeyIsGivenAnApproversRole() {
		for (String roles : List.of("CREDIT_MANAGER", "CFO", "INTEGRATION, CFO")) {
			JsonNode refused = as("admin", "mutation { createApiKey(input: {name: \"approver bot\", roles: [" + roles
					+ "]}) { apiKey { id } secret userErrors { field code message } } }")
				.get("createApiKey");
			assertThat(refused.get("secret").isNull()).as(roles).isTrue();
			assertThat(refused.get("userErrors")).as(roles).hasSize(1);
			JsonNode error = refused.at("/userErrors/0");
			assertThat(error.get("code").asString()).isEqualTo("ROLE_NOT_FOR_API_KEYS");
			assertThat(error.get("field").asString()).isEqualTo("roles");
			String role = roles.endsWith("CFO") ? "CFO" : "CREDIT_MANAGER";
			assertThat(error.get("message").asString()).isEqualTo(role
					+ " is a role of approvers, and approvals are four eyes, which only people have: an API key cannot hold it.");
		}
		assertThat(strings(as("admin", "{ apiKeys { name } }").get("apiKeys"), "name")).doesNotContain("approver bot");
	}

	/** An administrator's key cannot mint itself more keys: a person creates them. */
	@Test
	void aKeyCreatesNoKeys() throws Exception {
		Key admin = created("admin bot", "ADMIN");
		JsonNode refused = withKey(admin,
				"mutation { createApiKey(input: {name: \"minted\", roles: [ADMIN]}) { apiKey { id } secret userErrors { field code message } } }")
			.get("createApiKey");
		assertThat(refused.get("secret").isNull()).isTrue();
		assertThat(refused.get("userErrors")).hasSize(1);
		assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("KEY_CREATED_BY_A_PERSON");
		assertThat(refused.at("/userErrors/0/message").asString())
			.isEqualTo("API keys are created by a person signed in as ADMIN, not by another API key.");
		assertThat(strings(as("admin", "{ apiKeys { name } }").get("apiKeys"), "name")).doesNotContain("minted");
	}

}
