package io.creditdesk.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every guarded operation, called by every role: the allowed roles get past authorization
 * (the operation then answers normally, here mostly with a user error for an unknown
 * customer), all others get a FORBIDDEN error and no data: the refused field is null as a
 * whole (a connection too), its siblings still answer.
 */
@CreditDeskIntegrationTest
class AuthorizationIntegrationTests {

	private static final List<String> USERS = List.of("sales", "analyst", "manager", "cfo", "datasci", "admin",
			"integration");

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	record Operation(String name, String document, Set<String> allowed) {
		@Override
		public String toString() {
			return this.name;
		}
	}

	static final List<Operation> OPERATIONS = List.of(
			new Operation("customer", "{ customer(id: \"missing\") { id } }", Set.copyOf(USERS)),
			new Operation("customers", "{ customers(first: 1) { totalCount } }", Set.copyOf(USERS)),
			// Scores: read by everyone who reads customers (SALES without contributions,
			// see LiveScoresIntegrationTests); the challenger's shadow score is not (see
			// theChallengersShadowScoreIsForThoseWhoEvaluateModels).
			new Operation("customerScores",
					"{ customers(first: 1) { edges { node { score { grade reasons { direction } } scoreHistory(first: 1) { edges { cursor } } } } } }",
					Set.copyOf(USERS)),
			new Operation("createCustomer",
					"mutation { createCustomer(input: {externalRef: \"\", name: \"\", taxId: \"\", countryCode: \"DE\", segment: \"S\", tier: \"T\", industry: \"I\", creditCurrency: \"EUR\"}) { userErrors { code } } }",
					Set.of("sales", "analyst", "manager", "admin", "integration")),
			new Operation("updateCustomer",
					"mutation { updateCustomer(input: {id: \"missing\", name: \"x\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "admin")),
			new Operation("setCreditLimit",
					"mutation { setCreditLimit(input: {customerId: \"missing\", amount: \"1\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("admin")),
			new Operation("setCustomerStatus",
					"mutation { setCustomerStatus(input: {customerId: \"missing\", status: ON_HOLD, reason: \"r\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("raiseRiskFlag",
					"mutation { raiseRiskFlag(input: {customerId: \"missing\", type: FRAUD, reason: \"r\", source: \"s\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin", "integration")),
			new Operation("clearRiskFlag",
					"mutation { clearRiskFlag(input: {customerId: \"missing\", type: FRAUD, reason: \"r\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("assignCustomer",
					"mutation { assignCustomer(input: {customerId: \"missing\", salesOwner: \"sales\"}) { userErrors { code } } }",
					Set.of("manager", "admin")),
			// Notifications: every user has an inbox and preferences; webhooks are for
			// administrators and integrations.
			new Operation("myNotifications", "{ myNotifications(first: 1) { totalCount } }", Set.copyOf(USERS)),
			new Operation("markNotificationsRead",
					"mutation { markNotificationsRead(input: {ids: [\"missing\"]}) { userErrors { code } } }",
					Set.copyOf(USERS)),
			new Operation("myNotificationPreferences", "{ myNotificationPreferences { language } }", Set.copyOf(USERS)),
			new Operation("updateNotificationPreferences",
					"mutation { updateNotificationPreferences(input: {}) { userErrors { code } } }", Set.copyOf(USERS)),
			new Operation("webhookSubscriptions", "{ webhookSubscriptions { id } }", Set.of("admin", "integration")),
			new Operation("webhookDeliveries", "{ webhookDeliveries(subscriptionId: \"missing\") { totalCount } }",
					Set.of("admin", "integration")),
			new Operation("createWebhookSubscription",
					"mutation { createWebhookSubscription(input: {url: \"ftp://x\", eventTypes: []}) { userErrors { code } } }",
					Set.of("admin", "integration")),
			new Operation("deleteWebhookSubscription",
					"mutation { deleteWebhookSubscription(input: {id: \"missing\"}) { userErrors { code } } }",
					Set.of("admin", "integration")),
			new Operation("rotateWebhookSecret",
					"mutation { rotateWebhookSecret(input: {id: \"missing\"}) { secret userErrors { code } } }",
					Set.of("admin", "integration")),
			new Operation("enableWebhookSubscription",
					"mutation { enableWebhookSubscription(input: {id: \"missing\"}) { userErrors { code } } }",
					Set.of("admin", "integration")),
			new Operation("upsertCreditPolicy",
					"mutation { upsertCreditPolicy(input: {level: CUSTOMER, code: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			new Operation("creditPolicies", "{ creditPolicies { level } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("policyAuditTrail", "{ policyAuditTrail(level: GLOBAL) { edges { cursor } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("limitAdjustmentPolicies", "{ limitAdjustmentPolicies { level } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("effectiveLimitAdjustmentPolicy",
					"{ effectiveLimitAdjustmentPolicy(customerId: \"missing\") { level } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			// Level CUSTOMER: allowed callers get the user error, and no policy is
			// stored.
			new Operation("upsertLimitAdjustmentPolicy",
					"mutation { upsertLimitAdjustmentPolicy(input: {level: CUSTOMER, code: \"missing\", policy: {currency: \"EUR\"}, reason: \"r\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			new Operation("proposeCreditLimit",
					"mutation { proposeCreditLimit(customerId: \"missing\") { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("placeOrder",
					"mutation { placeOrder(input: {orderId: \"authz\", customerId: \"missing\", amount: \"1\", currency: \"EUR\"}) { userErrors { code } } }",
					Set.of("sales", "integration", "admin")),
			new Operation("shipOrder",
					"mutation { shipOrder(input: {orderId: \"missing\", shipmentId: \"s\"}) { userErrors { code } } }",
					Set.of("sales", "integration", "admin")),
			new Operation("releaseOrder",
					"mutation { releaseOrder(input: {orderId: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("pendingOrders", "{ pendingOrders { totalCount edges { cursor } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("issueInvoice",
					"mutation { issueInvoice(input: {invoiceId: \"authz\", customerId: \"missing\", amount: \"1\", currency: \"EUR\"}) { userErrors { code } } }",
					Set.of("integration", "analyst", "manager", "cfo", "admin")),
			new Operation("recordPayment",
					"mutation { recordPayment(input: {paymentId: \"p\", invoiceId: \"missing\", amount: \"1\"}) { userErrors { code } } }",
					Set.of("integration", "analyst", "manager", "cfo", "admin")),
			new Operation("writeOff",
					"mutation { writeOff(input: {invoiceId: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("setFxRate",
					"mutation { setFxRate(input: {base: \"EUR\", quote: \"XXX\", rate: \"1\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("setGroupCreditLimit",
					"mutation { setGroupCreditLimit(input: {parentId: \"missing\", amount: \"1\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("exposureReconciliation", "{ exposureReconciliation(customerId: \"missing\") { drifted } }",
					Set.of("manager", "cfo", "admin")),
			new Operation("intakeFailures", "{ intakeFailures(first: 1) { edges { cursor } } }",
					Set.of("analyst", "manager", "cfo", "admin", "integration")),
			new Operation("replayIntakeFailure",
					"mutation { replayIntakeFailure(input: {id: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "admin", "integration")),
			new Operation("discardIntakeFailure",
					"mutation { discardIntakeFailure(input: {id: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "admin", "integration")),
			new Operation("externalRiskEvents", "{ externalRiskEvents(first: 1) { edges { cursor } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("riskEventPolicies", "{ riskEventPolicies { id } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("upsertRiskEventPolicy",
					"mutation { upsertRiskEventPolicy(input: {level: CUSTOMER, code: \"missing\", reason: \"r\", rules: []}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			new Operation("apiKeys", "{ apiKeys { id } }", Set.of("admin")),
			// An empty list of roles: allowed callers get the user error REQUIRED, and no
			// key is made.
			new Operation("createApiKey",
					"mutation { createApiKey(input: {name: \"authz\", roles: []}) { userErrors { code } } }",
					Set.of("admin")),
			new Operation("revokeApiKey", "mutation { revokeApiKey(input: {id: \"missing\"}) { userErrors { code } } }",
					Set.of("admin")),
			new Operation("job", "{ job(id: \"missing\") { id } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("jobs", "{ jobs(first: 1) { edges { cursor } } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("scheduledJobs", "{ scheduledJobs { name } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("parkedCreditEvents", "{ parkedCreditEvents { eventId } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("redriveParkedCreditEvents",
					"mutation { redriveParkedCreditEvents(input: {groupId: \"missing\"}) { userErrors { code } } }",
					Set.of("admin")),
			new Operation("discardParkedCreditEvent",
					"mutation { discardParkedCreditEvent(input: {id: \"missing\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("admin")),
			new Operation("models", "{ models(first: 1) { edges { cursor } } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("model", "{ model(id: \"missing\") { id } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("modelPromotions", "{ modelPromotions(status: PENDING) { id } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("proposeModelPromotion",
					"mutation { proposeModelPromotion(input: {modelId: \"missing\", target: CHALLENGER, justification: \"authz\"}) { userErrors { code } } }",
					Set.of("datasci", "admin")),
			new Operation("approveModelPromotion",
					"mutation { approveModelPromotion(input: {promotionId: \"missing\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			// A blank justification: allowed callers get REQUIRED, and nothing is rolled
			// back.
			new Operation("rollbackModel",
					"mutation { rollbackModel(input: {justification: \"\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "admin")),
			// A segment that is no code: allowed callers get INVALID_CODE, and no job
			// starts.
			new Operation("rescorePortfolio",
					"mutation { rescorePortfolio(input: {segment: \"no code!\"}) { userErrors { code } } }",
					Set.of("datasci", "manager", "cfo", "admin")),
			// A horizon out of range: allowed callers get OUT_OF_RANGE, and no job
			// starts.
			new Operation("trainModel", "mutation { trainModel(input: {horizonMonths: 0}) { userErrors { code } } }",
					Set.of("datasci", "admin")),
			new Operation("modelComparison", "{ modelComparison(name: \"missing\") { rows } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("scoreDistribution", "{ scoreDistribution(segment: \"NONE_SUCH\") { customers } }",
					Set.of("analyst", "manager", "cfo", "datasci", "admin")),
			new Operation("requestCreditLimit",
					"mutation { requestCreditLimit(input: {customerId: \"missing\", requestedLimit: {amount: \"1\", currency: \"EUR\"}, type: INCREASE, justification: \"j\"}) { userErrors { code } } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("approveCreditLimitRequest",
					"mutation { approveCreditLimitRequest(input: {requestId: \"missing\", justification: \"j\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("rejectCreditLimitRequest",
					"mutation { rejectCreditLimitRequest(input: {requestId: \"missing\", reasonCodes: [OTHER], justification: \"j\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("returnCreditLimitRequest",
					"mutation { returnCreditLimitRequest(input: {requestId: \"missing\", justification: \"j\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("resubmitCreditLimitRequest",
					"mutation { resubmitCreditLimitRequest(input: {requestId: \"missing\", justification: \"j\"}) { userErrors { code } } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("withdrawCreditLimitRequest",
					"mutation { withdrawCreditLimitRequest(input: {requestId: \"missing\", justification: \"j\"}) { userErrors { code } } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("recordVerification",
					"mutation { recordVerification(input: {customerId: \"missing\", evidence: \"e\", reference: \"r\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("fetchBureauReport",
					"mutation { fetchBureauReport(input: {customerId: \"missing\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			// An empty list of bands: allowed callers get the user error REQUIRED, and no
			// matrix is stored.
			new Operation("upsertApprovalMatrix",
					"mutation { upsertApprovalMatrix(input: {segment: \"AUTHZ\", currency: \"EUR\", bands: [], reason: \"r\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			// A ratio out of range: allowed callers get the user error OUT_OF_RANGE, and
			// no policy is stored.
			new Operation("upsertPreAnalysisPolicy",
					"mutation { upsertPreAnalysisPolicy(input: {segment: \"AUTHZ\", warnLimitToRevenue: \"2\", maxLimitToRevenue: \"0.25\", warnAverageDaysBeyondTerms: \"10\", maxAverageDaysBeyondTerms: \"30\", warnOnTimeRate: \"0.8\", minOnTimeRate: \"0.5\", verificationRequired: true, blockingChecks: [], bureauReportMaxAgeMonths: 6, reason: \"r\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			new Operation("preAnalysisPolicy", "{ preAnalysisPolicy { version } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("preAnalysisPolicies", "{ preAnalysisPolicies { id } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("creditLimitRequest", "{ creditLimitRequest(id: \"missing\") { id } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("creditLimitRequests", "{ creditLimitRequests(first: 1) { edges { cursor } } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("approvalRoute",
					"{ approvalRoute(input: {requestedLimit: {amount: \"1000\", currency: \"EUR\"}}) { band } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("approvalMatrix", "{ approvalMatrix { version } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("approvalMatrices", "{ approvalMatrices { id } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			new Operation("creditLimitRequestTurnaround", "{ creditLimitRequestTurnaround { decided } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			// Months out of order: allowed callers get SIMULATION_RANGE_INVALID, and no
			// job starts.
			new Operation("simulateLimitPolicy",
					"mutation { simulateLimitPolicy(input: {policy: {currency: \"EUR\"}, from: \"2026-03\", to: \"2026-01\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "datasci")),
			new Operation("limitPolicySimulation", "{ limitPolicySimulation(id: \"missing\") { id } }",
					Set.of("manager", "cfo", "datasci")),
			// Sales reads the alerts of the customers it owns (an empty page here).
			new Operation("alerts", "{ alerts(first: 1) { edges { cursor } } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")),
			new Operation("acknowledgeAlert",
					"mutation { acknowledgeAlert(input: {alertId: \"missing\", note: \"n\"}) { userErrors { code } } }",
					Set.of("analyst", "manager", "cfo", "admin")),
			// Credit budgets: a negative total or a missing id, so nothing is stored or
			// started.
			new Operation("upsertCreditBudget",
					"mutation { upsertCreditBudget(input: {currency: \"EUR\", periodStart: \"2027-01-01\", periodEnd: \"2027-03-31\", basis: TOTAL_LIMITS, total: \"-1\", reason: \"r\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")),
			new Operation("creditBudgets", "{ creditBudgets { id } }", Set.of("manager", "cfo", "datasci", "admin")),
			new Operation("allocateCreditBudget",
					"mutation { allocateCreditBudget(input: {budgetId: \"missing\"}) { userErrors { code } } }",
					Set.of("manager", "cfo", "datasci")),
			new Operation("creditBudgetAllocation", "{ creditBudgetAllocation(id: \"missing\") { id } }",
					Set.of("manager", "cfo", "datasci", "admin")),
			new Operation("applyCreditBudgetAllocation",
					"mutation { applyCreditBudgetAllocation(input: {allocationId: \"missing\", justification: \"j\"}) { userErrors { code } } }",
					Set.of("cfo", "admin")));

	/** Guarded fields that may be null: a refusal nulls them alone. */
	private static final Set<String> NULLABLE = Set.of("job", "model", "modelPromotions", "modelComparison",
			"scoreDistribution", "creditLimitRequest", "limitPolicySimulation", "webhookSubscriptions",
			"webhookDeliveries", "creditBudgetAllocation");

	static Stream<Arguments> everyOperationForEveryRole() {
		return OPERATIONS.stream().flatMap(op -> USERS.stream().map(user -> Arguments.of(op, user)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource
	void everyOperationForEveryRole(Operation operation, String user) {
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document(operation.document())
			.execute();
		if (operation.allowed().contains(user)) {
			response.errors()
				.satisfy(errors -> assertThat(errors).extracting(ResponseError::getExtensions)
					.noneMatch(ext -> "FORBIDDEN".equals(ext.get("code"))));
		}
		else {
			response.errors()
				.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))
						&& error.getErrorType().toString().equals("FORBIDDEN"))
				.verify();
			if (operation.document().contains("edges") || NULLABLE.contains(operation.name())) {
				// A refused connection is null as a whole: no empty page, no totalCount,
				// no pageInfo.
				response.path(operation.name()).valueIsNull();
			}
			else {
				// Every other guarded field here is non-null, so the refusal nulls the
				// whole data.
				response.path(operation.name()).pathDoesNotExist();
			}
		}
	}

	static Stream<String> usersWithoutAuditAccess() {
		return Stream.of("sales", "datasci", "integration");
	}

	@ParameterizedTest
	@MethodSource("usersWithoutAuditAccess")
	void auditTrailIsASensitiveFieldHiddenFromSalesAndIntegrations(String user) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document("{ customer(id: \"" + id + "\") { name auditTrail { edges { node { action } } } } }")
			.execute();
		response.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
		response.path("customer.name").hasValue();
		response.path("customer.auditTrail").valueIsNull();
	}

	/**
	 * The effective policy carries the hard cap and hold thresholds: read as the policies
	 * are; terms stay open.
	 */
	@ParameterizedTest
	@MethodSource("everyUser")
	void theEffectivePolicyFollowsTheReadRuleOfPolicies(String user) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document("{ customer(id: \"" + id
					+ "\") { name paymentTerms { label } effectivePolicy { hardCap { amount } } } }")
			.execute();
		if (Set.of("analyst", "manager", "cfo", "admin").contains(user)) {
			response.errors().verify();
			response.path("customer.effectivePolicy").hasValue();
		}
		else {
			response.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
			response.path("customer.effectivePolicy").valueIsNull();
		}
		response.path("customer.name").hasValue();
		response.path("customer.paymentTerms.label").hasValue();
	}

	/**
	 * The challenger's shadow score is a model-evaluation artefact: read by the roles
	 * that develop, approve or re-score models; the others get null and FORBIDDEN, the
	 * rest of the customer still answers.
	 */
	@ParameterizedTest
	@MethodSource("everyUser")
	void theChallengersShadowScoreIsForThoseWhoEvaluateModels(String user) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document("{ customer(id: \"" + id + "\") { name score { status } challengerScore { status } } }")
			.execute();
		if (Set.of("datasci", "manager", "cfo", "admin").contains(user)) {
			response.errors().verify();
		}
		else {
			response.errors()
				.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))
						&& "customer.challengerScore".equals(error.getPath()))
				.verify();
		}
		response.path("customer.challengerScore").valueIsNull();
		response.path("customer.name").hasValue();
	}

	/**
	 * A customer's limit proposal shows the guardrails of the limit policy: read as the
	 * policies are.
	 */
	@ParameterizedTest
	@MethodSource("everyUser")
	void theLimitProposalFollowsTheReadRuleOfPolicies(String user) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		admin
			.document("mutation { setCreditLimit(input: {customerId: \"" + id
					+ "\", amount: \"1000\", reason: \"r\"}) { userErrors { code } } }")
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document("{ customer(id: \"" + id + "\") { name limitProposal { direction } } }")
			.execute();
		if (Set.of("analyst", "manager", "cfo", "admin").contains(user)) {
			response.errors().verify();
			response.path("customer.limitProposal.direction").hasValue();
		}
		else {
			response.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
			response.path("customer.limitProposal").valueIsNull();
		}
		response.path("customer.name").hasValue();
	}

	static Stream<String> everyUser() {
		return USERS.stream();
	}

	@Test
	void requestsWithoutCredentialsOrWithAWrongPasswordGet401ButHealthIsOpen() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest anonymous = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers { totalCount } }\"}"))
			.build();
		assertThat(client.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		HttpRequest wrongPassword = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes()))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers { totalCount } }\"}"))
			.build();
		assertThat(client.send(wrongPassword, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
			.build();
		assertThat(client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/metrics"))
			.build();
		assertThat(client.send(metrics, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	@Test
	void metricsAreForOperatorsOnlyAndHealthStaysOpen() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> sales = client.send(actuator("/actuator/metrics", "sales", "en"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sales.statusCode()).isEqualTo(403);
		assertThat(sales.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(sales.body()).contains("\"code\":\"FORBIDDEN\"").contains("for the role ADMIN");
		HttpResponse<String> german = client.send(actuator("/actuator/metrics/jvm.memory.used", "manager", "de"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(german.statusCode()).isEqualTo(403);
		assertThat(german.body()).contains("\"code\":\"FORBIDDEN\"").contains("der Rolle ADMIN vorbehalten");
		assertThat(client.send(actuator("/actuator/metrics", "admin", "en"), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		HttpResponse<String> health = client.send(actuator("/actuator/health", "sales", "en"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"details\"");
	}

	private HttpRequest actuator(String path, String user, String language) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
			.header("Accept-Language", language)
			.build();
	}

}
