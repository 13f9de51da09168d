package io.creditdesk.insight;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read each insight, for every demo role. */
@CreditDeskIntegrationTest
class InsightRolesIntegrationTests {

	private static final List<String> USERS = List.of("sales", "analyst", "manager", "cfo", "datasci", "admin",
			"integration");

	record Operation(String name, String document, Set<String> allowed) {
		@Override
		public String toString() {
			return this.name;
		}
	}

	static final List<Operation> OPERATIONS = List.of(
			new Operation("portfolioKpis", "{ portfolioKpis { utilizationTarget } }",
					Set.of("analyst", "manager", "cfo", "admin", "datasci")),
			new Operation("paymentHistoryReport",
					"{ paymentHistoryReport(customerId: \"missing\", from: \"2026-01-01\", to: \"2026-01-31\") { invoiceCount } }",
					Set.of("sales", "analyst", "manager", "cfo", "admin")));

	@Autowired
	private HttpGraphQlTester graphQl;

	static Stream<Arguments> everyInsightForEveryRole() {
		return OPERATIONS.stream().flatMap(op -> USERS.stream().map(user -> Arguments.of(op, user)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource
	void everyInsightForEveryRole(Operation operation, String user) {
		GraphQlTester.Response response = GraphQlClients.as(this.graphQl, user)
			.document(operation.document())
			.execute();
		if (operation.allowed().contains(user)) {
			response.errors()
				.satisfy(errors -> assertThat(errors).extracting(ResponseError::getExtensions)
					.noneMatch(ext -> "FORBIDDEN".equals(ext.get("code"))));
		}
		else {
			response.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
			response.path(operation.name()).pathDoesNotExist();
		}
	}

}
