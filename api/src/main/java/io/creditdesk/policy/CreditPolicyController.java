package io.creditdesk.policy;

import java.util.List;
import java.util.Locale;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class CreditPolicyController {

	private final CreditPolicyService policies;

	private final AuditLog audit;

	CreditPolicyController(CreditPolicyService policies, AuditLog audit) {
		this.policies = policies;
		this.audit = audit;
	}

	@QueryMapping
	List<CreditPolicy> creditPolicies(@Argument PolicyLevel level) {
		return this.policies.list(level);
	}

	@QueryMapping
	CreditPolicy creditPolicy(@Argument PolicyLevel level, @Argument String code) {
		return this.policies.get(level, code);
	}

	@QueryMapping
	Connection<AuditRecord> policyAuditTrail(@Argument PolicyLevel level, @Argument String code,
			@Argument Integer first, @Argument String after) {
		String normalized = (code == null || level == PolicyLevel.CUSTOMER) ? code
				: code.trim().toUpperCase(Locale.ROOT);
		return this.audit.forEntity("POLICY", level.policyId(normalized), first, after);
	}

	@MutationMapping
	UpsertCreditPolicyPayload upsertCreditPolicy(@Argument UpsertCreditPolicyInput input) {
		return Payloads.run(() -> this.policies.upsert(input), UpsertCreditPolicyPayload::new);
	}

	record UpsertCreditPolicyPayload(CreditPolicy policy, List<UserError> userErrors) {
	}

}
