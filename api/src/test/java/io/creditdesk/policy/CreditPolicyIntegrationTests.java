package io.creditdesk.policy;

import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policies per level and the effective policy of a customer, through the API. */
@CreditDeskIntegrationTest
class CreditPolicyIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private CreditPolicyService policies;

	private static String code(String prefix) {
		return prefix + "_" + TestCustomers.uniqueRef().replace("-", "_");
	}

	private GraphQlTester.Response upsert(Map<String, Object> input) {
		return GraphQlClients.as(this.graphQl, "cfo")
			.documentName("upsertCreditPolicy")
			.variable("input", input)
			.execute();
	}

	@Test
	void effectivePolicyShowsTheLevelOfEachValue() {
		String segment = code("SEG");
		String tier = code("TIER");
		String industry = code("IND");
		upsert(Map.of("level", "SEGMENT", "code", segment, "hardCap", Map.of("amount", "500000", "currency", "EUR"),
				"defaultLimit", Map.of("amount", "50000", "currency", "EUR"), "graceDays", 5, "reason", "segment"))
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		upsert(Map.of("level", "TIER", "code", tier.toLowerCase(), "paymentTerms",
				Map.of("netDays", 30, "discountPercent", "2", "discountDays", 10), "reason", "tier"))
			.path("upsertCreditPolicy.policy.paymentTerms.label")
			.entity(String.class)
			.isEqualTo("2/10 Net 30");
		upsert(Map.of("level", "INDUSTRY", "code", industry, "graceDays", 12, "reason", "industry"));

		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String id = TestCustomers.create(admin, segment, tier, industry, "EUR");
		upsert(Map.of("level", "CUSTOMER", "code", id, "hardCap", Map.of("amount", "80000", "currency", "EUR"),
				"reason", "customer-specific cap"));

		GraphQlTester.Response customer = admin.documentName("customer").variable("id", id).execute();
		customer.path("customer.paymentTerms.label").entity(String.class).isEqualTo("2/10 Net 30");
		customer.path("customer.effectivePolicy.hardCap.amount").entity(String.class).isEqualTo("80000.00");
		customer.path("customer.effectivePolicy.defaultLimit.amount").entity(String.class).isEqualTo("50000.00");
		customer.path("customer.effectivePolicy.graceDays").entity(Integer.class).isEqualTo(12);
		customer.path("customer.effectivePolicy.sources[?(@.field=='hardCap')].level")
			.entityList(String.class)
			.containsExactly("CUSTOMER");
		customer.path("customer.effectivePolicy.sources[?(@.field=='paymentTerms')].code")
			.entityList(String.class)
			.containsExactly(tier);
		customer.path("customer.effectivePolicy.sources[?(@.field=='graceDays')].level")
			.entityList(String.class)
			.containsExactly("INDUSTRY");
		customer.path("customer.effectivePolicy.sources[?(@.field=='defaultLimit')].level")
			.entityList(String.class)
			.containsExactly("SEGMENT");
	}

	/**
	 * The order path resolves most customers' policies from the policies read for all at
	 * once: the same effective policy as a reading for the customer, and nothing for a
	 * customer with a policy of its own (which is then read for it).
	 */
	@Test
	void storedPoliciesResolveEveryCustomerWithoutItsOwnPolicyAsAReadingForItDoes() {
		String segment = code("SEG");
		String tier = code("TIER");
		String industry = code("IND");
		upsert(Map.of("level", "SEGMENT", "code", segment, "hardCap", Map.of("amount", "400000", "currency", "EUR"),
				"graceDays", 4, "reason", "segment"));
		upsert(Map.of("level", "TIER", "code", tier, "paymentTerms", Map.of("netDays", 45), "reason", "tier"));
		upsert(Map.of("level", "INDUSTRY", "code", industry, "graceDays", 11, "reason", "industry"));
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String plain = TestCustomers.create(admin, segment, tier, industry, "EUR");
		String own = TestCustomers.create(admin, segment, tier, industry, "EUR");
		upsert(Map.of("level", "CUSTOMER", "code", own, "graceDays", 2, "reason", "negotiated"))
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);

		StoredPolicies stored = this.policies.stored();
		List<PolicySubject> subjects = List.of(new PolicySubject(plain, segment, tier, industry),
				new PolicySubject(plain, segment, null, null), new PolicySubject(plain, null, tier, industry),
				new PolicySubject("unknown-customer", code("OTHER"), code("OTHER"), code("OTHER")),
				new PolicySubject(plain, segment, tier, code("OTHER")));
		for (PolicySubject subject : subjects) {
			assertThat(stored.covers(subject)).as("%s", subject).isTrue();
			assertThat(stored.effectiveFor(subject)).as("%s", subject).isEqualTo(this.policies.effectiveFor(subject));
		}
		PolicySubject withOwn = new PolicySubject(own, segment, tier, industry);
		assertThat(stored.covers(withOwn)).isFalse();
		assertThat(this.policies.effectiveFor(withOwn).graceDays()).isEqualTo(2);
		assertThat(stored.effectiveFor(subjects.get(0)).graceDays()).isEqualTo(11);
		assertThatThrownBy(() -> stored.effectiveFor(withOwn)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aCodeWithoutItsOwnPolicyFallsBackToTheNextLevel() {
		String segment = code("SEG");
		upsert(Map.of("level", "SEGMENT", "code", segment, "graceDays", 9, "reason", "segment"));
		String id = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"), segment, code("NEWTIER"),
				code("NEWIND"), "EUR");
		// An analyst: the effective policy is read as the policies are (not by sales, see
		// AuthorizationIntegrationTests).
		GraphQlTester.Response customer = GraphQlClients.as(this.graphQl, "analyst")
			.documentName("customer")
			.variable("id", id)
			.execute();
		customer.path("customer.effectivePolicy.graceDays").entity(Integer.class).isEqualTo(9);
		customer.path("customer.effectivePolicy.sources[?(@.field=='graceDays')].level")
			.entityList(String.class)
			.containsExactly("SEGMENT");
	}

	@Test
	void invalidPoliciesAreRefusedWithStableCodes() {
		GraphQlTester.Response response = upsert(Map.of("level", "SEGMENT", "code", code("BAD"), "paymentTerms",
				Map.of("netDays", 30, "discountPercent", "2"), "alertThresholds", List.of(0.95, 0.8), "graceDays", -1,
				"hardCap", Map.of("amount", "-1", "currency", "EUR"), "reason", "bad"));
		response.path("upsertCreditPolicy.userErrors[*].code")
			.entityList(String.class)
			.contains("INCOMPLETE_DISCOUNT", "INVALID_THRESHOLDS", "OUT_OF_RANGE", "NEGATIVE_AMOUNT");
		response.path("upsertCreditPolicy.policy").valueIsNull();
		upsert(Map.of("level", "SYSTEM_DEFAULT", "reason", "x")).path("upsertCreditPolicy.userErrors[*].code")
			.entityList(String.class)
			.contains("READ_ONLY_LEVEL");
		upsert(Map.of("level", "CUSTOMER", "code", "missing", "graceDays", 1, "reason", "x"))
			.path("upsertCreditPolicy.userErrors[*].code")
			.entityList(String.class)
			.contains("CUSTOMER_NOT_FOUND");
	}

	@Test
	void policyVersionsGuardAgainstLostUpdatesAndChangesAreAudited() {
		String segment = code("VER");
		upsert(Map.of("level", "SEGMENT", "code", segment, "graceDays", 1, "reason", "v1", "expectedVersion", 0))
			.path("upsertCreditPolicy.policy.version")
			.entity(Integer.class)
			.isEqualTo(1);
		upsert(Map.of("level", "SEGMENT", "code", segment, "graceDays", 2, "reason", "v2", "expectedVersion", 1))
			.path("upsertCreditPolicy.policy.version")
			.entity(Integer.class)
			.isEqualTo(2);
		upsert(Map.of("level", "SEGMENT", "code", segment, "graceDays", 3, "reason", "stale", "expectedVersion", 1))
			.path("upsertCreditPolicy.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("STALE_VERSION");
		GraphQlClients.as(this.graphQl, "analyst")
			.document("{ policyAuditTrail(level: SEGMENT, code: \"" + segment
					+ "\") { edges { node { action reason actor changes { field before after } } } } }")
			.execute()
			.path("policyAuditTrail.edges[*].node.reason")
			.entityList(String.class)
			.containsExactly("v2", "v1");
	}

}
