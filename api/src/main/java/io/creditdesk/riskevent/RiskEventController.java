package io.creditdesk.riskevent;

import java.util.ArrayList;
import java.util.List;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.riskevent.RiskEventLog.ExternalRiskEventFilter;
import io.creditdesk.riskevent.RiskEventPolicies.UpsertRiskEventPolicyInput;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class RiskEventController {

	private final RiskEventLog events;

	private final RiskEventPolicies policies;

	private final AuditLog audit;

	RiskEventController(RiskEventLog events, RiskEventPolicies policies, AuditLog audit) {
		this.events = events;
		this.policies = policies;
		this.audit = audit;
	}

	@QueryMapping
	Connection<AppliedRiskEvent> externalRiskEvents(@Argument ExternalRiskEventFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.events.list(filter, first, after);
	}

	@SchemaMapping(typeName = "ExternalRiskEvent", field = "customerReference")
	ExternalRiskEvent.CustomerReference customerReference(AppliedRiskEvent event) {
		return event.customer();
	}

	@QueryMapping
	List<StoredRiskEventPolicy> riskEventPolicies() {
		List<StoredRiskEventPolicy> all = new ArrayList<>(this.policies.list());
		all.add(this.policies.shipped());
		return all;
	}

	@SchemaMapping(typeName = "RiskEventPolicy", field = "auditTrail")
	Connection<AuditRecord> auditTrail(StoredRiskEventPolicy policy, @Argument Integer first, @Argument String after) {
		return this.audit.forEntity(RiskEventPolicies.ENTITY, policy.id(), first, after);
	}

	@MutationMapping
	UpsertRiskEventPolicyPayload upsertRiskEventPolicy(@Argument UpsertRiskEventPolicyInput input) {
		return Payloads.run(() -> this.policies.upsert(input), UpsertRiskEventPolicyPayload::new);
	}

	record UpsertRiskEventPolicyPayload(StoredRiskEventPolicy policy, List<UserError> userErrors) {
	}

}
