package io.creditdesk.limitrequest;

import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL side of requests on the shared service (no bureau configured): the route
 * simulation, approval matrices per segment with fallback to global (versioned, refused
 * whole with codes), manual verification as the path without a bureau.
 */
@CreditDeskIntegrationTest
class LimitRequestGraphQlIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Test
	void aSegmentMatrixRoutesItsSegmentAndOthersFallBackToTheGlobalOne() {
		HttpGraphQlTester cfo = GraphQlClients.as(this.graphQl, "cfo");
		String segment = "SEG" + TestCustomers.uniqueRef().replace("-", "");
		String upsert = "mutation($input: UpsertApprovalMatrixInput!) { upsertApprovalMatrix(input: $input) "
				+ "{ matrix { id version definition { bands { upTo steps { role approvers } } } } userErrors { field code } } }";
		Map<String, Object> input = Map.of("segment", segment, "currency", "EUR", "reason", "test", "bands", List.of(
				Map.of("upTo", "1000000", "steps", List.of(Map.of("role", "CFO")), "slaAmount", 1, "slaUnit", "DAYS"),
				Map.of("steps", List.of(Map.of("role", "CFO", "approvers", 2)), "slaAmount", 2, "slaUnit", "DAYS")));
		cfo.document(upsert)
			.variable("input", input)
			.execute()
			.path("upsertApprovalMatrix.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("upsertApprovalMatrix.matrix.version")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("upsertApprovalMatrix.matrix.id")
			.entity(String.class)
			.isEqualTo("SEGMENT:" + segment);
		// Saved again: version 2.
		cfo.document(upsert)
			.variable("input", input)
			.execute()
			.path("upsertApprovalMatrix.matrix.version")
			.entity(Integer.class)
			.isEqualTo(2);
		String route = "{ approvalRoute(input: {segment: \"%s\", requestedLimit: {amount: \"300000\", currency: \"EUR\"}}) "
				+ "{ matrixId steps { role approvers } sla { amount unit } } }";
		HttpGraphQlTester sales = GraphQlClients.as(this.graphQl, "sales");
		sales.document(route.formatted(segment))
			.execute()
			.path("approvalRoute.steps[*].role")
			.entityList(String.class)
			.containsExactly("CFO");
		sales.document(route.formatted("NO_MATRIX_OF_ITS_OWN"))
			.execute()
			.path("approvalRoute.steps[*].role")
			.entityList(String.class)
			.containsExactly("CREDIT_MANAGER", "CFO");
	}

	@Test
	void aRouteSimulationWithAnUnknownGradeIsRefusedWithItsCodeOnTheGrade() {
		HttpGraphQlTester sales = GraphQlClients.as(this.graphQl, "sales");
		for (String grade : new String[] { "Z", "AA", "F" }) {
			sales
				.document("{ approvalRoute(input: {segment: \"SMB\", grade: \"" + grade
						+ "\", requestedLimit: {amount: \"20000\", currency: \"EUR\"}}) { band } }")
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getExtensions()).containsEntry("code", "UNKNOWN_GRADE")
						.containsEntry("field", "grade");
					assertThat(error.getMessage()).contains(grade).contains("is not a risk grade");
				}));
		}
		sales
			.document("{ approvalRoute(input: {segment: \"SMB\", grade: \"d\", "
					+ "requestedLimit: {amount: \"20000\", currency: \"EUR\"}}) { grade steps { role } } }")
			.execute()
			.path("approvalRoute.steps[*].role")
			.entityList(String.class)
			.containsExactly("CREDIT_MANAGER");
	}

	@Test
	void anInvalidMatrixIsRefusedWholeWithEveryProblem() {
		GraphQlClients.as(this.graphQl, "cfo")
			.document("mutation { upsertApprovalMatrix(input: {segment: \"BROKEN\", currency: \"EUR\", reason: \"r\", "
					+ "bands: [{upTo: \"5000\", steps: [{role: \"INTERN\"}], slaAmount: 4, slaUnit: \"WEEKS\"}]}) "
					+ "{ matrix { id } userErrors { field code } } }")
			.execute()
			.path("upsertApprovalMatrix.matrix")
			.valueIsNull()
			.path("upsertApprovalMatrix.userErrors[*].code")
			.entityList(String.class)
			.contains("UNKNOWN_ROLE", "UNKNOWN_SLA_UNIT", "MATRIX_GAP");
	}

	@Test
	void withoutABureauFetchingAReportIsRefusedAndManualVerificationIsThePath() {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String customer = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		HttpGraphQlTester analyst = GraphQlClients.as(this.graphQl, "analyst");
		analyst
			.document("mutation { fetchBureauReport(input: {customerId: \"" + customer
					+ "\"}) { verification { bureauReport { rating } } userErrors { code } } }")
			.execute()
			.path("fetchBureauReport.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("BUREAU_NOT_CONFIGURED");
		analyst.document("mutation { recordVerification(input: {customerId: \"" + customer
				+ "\", evidence: \"Register extract\", reference: \"HRB 1\"}) { verification { manual { by reference } } userErrors { code } } }")
			.execute()
			.path("recordVerification.verification.manual.by")
			.entity(String.class)
			.isEqualTo("analyst");
		analyst
			.document("{ customer(id: \"" + customer
					+ "\") { verification { manual { reference } } bureauReport { rating } } }")
			.execute()
			.path("customer.verification.manual.reference")
			.entity(String.class)
			.isEqualTo("HRB 1")
			.path("customer.bureauReport")
			.valueIsNull();
	}

	@Test
	void turnaroundAndTheInboxAnswer() {
		HttpGraphQlTester manager = GraphQlClients.as(this.graphQl, "manager");
		manager
			.document("{ creditLimitRequestTurnaround { segment band decided medianHours p90Hours withinSlaShare } }")
			.execute()
			.path("creditLimitRequestTurnaround")
			.entityList(Object.class);
		manager
			.document("{ creditLimitRequests(filter: {assignedRole: [CREDIT_MANAGER], overdue: false}, first: 5) "
					+ "{ totalCount edges { node { id status openRole openDueAt } } pageInfo { hasNextPage } } }")
			.execute()
			.path("creditLimitRequests.totalCount")
			.hasValue();
	}

	/**
	 * Four eyes in demo mode: a request the demo credit manager files that routes to a
	 * credit manager is approved by the second demo credit manager.
	 */
	@Test
	void aRequestTheDemoManagerFiledIsApprovedByTheSecondDemoManager() {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String customer = TestCustomers.create(admin, "SMB", "SILVER", "RETAIL", "EUR");
		TestCustomers.setLimit(admin, customer, "10000");
		Map<String, Object> filed = GraphQlClients.as(this.graphQl, "manager")
			.document("mutation { requestCreditLimit(input: {customerId: \"" + customer
					+ "\", type: INCREASE, requestedLimit: {amount: \"100000\", currency: \"EUR\"}, "
					+ "justification: \"More business\"}) { request { id status createdBy steps { role } } "
					+ "userErrors { code } } }")
			.execute()
			.path("requestCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("requestCreditLimit.request")
			.entity(Map.class)
			.get();
		assertThat(filed).containsEntry("status", "IN_APPROVAL").containsEntry("createdBy", "manager");
		assertThat(filed.get("steps")).isEqualTo(List.of(Map.of("role", "CREDIT_MANAGER")));
		String approve = "mutation { approveCreditLimitRequest(input: {requestId: \"" + filed.get("id")
				+ "\", justification: \"Four eyes\"}) { request { status approvedLimit { amount } } userErrors { code } } }";
		GraphQlClients.as(this.graphQl, "manager")
			.document(approve)
			.execute()
			.path("approveCreditLimitRequest.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("REQUESTER_CANNOT_APPROVE");
		GraphQlClients.as(this.graphQl, "manager2")
			.document(approve)
			.execute()
			.path("approveCreditLimitRequest.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("approveCreditLimitRequest.request.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
	}

	@Test
	void aTurnaroundPeriodRunningBackwardsOrTooLongIsRefused() {
		HttpGraphQlTester manager = GraphQlClients.as(this.graphQl, "manager");
		for (String period : new String[] { "from: \"2026-01-01\", to: \"2025-01-01\"",
				"from: \"2000-01-01\", to: \"2026-01-01\"" }) {
			manager.document("{ creditLimitRequestTurnaround(" + period + ") { decided } }")
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getExtensions()).containsEntry("code", "OUT_OF_RANGE")
						.containsEntry("field", "from");
					assertThat(error.getMessage()).startsWith("The period must run forwards and span at most");
				}));
		}
		manager.document("{ creditLimitRequestTurnaround(from: \"2016-01-01\", to: \"2026-01-01\") { decided } }")
			.execute()
			.path("creditLimitRequestTurnaround")
			.entityList(Object.class);
	}

}
