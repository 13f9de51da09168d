package io.creditdesk.dynamiclimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.limitrequest.CreditLimitRequest;
import io.creditdesk.policy.PolicyLevel;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL side of limit proposals: stored limit adjustment policies, the policy in
 * force for a customer, a customer's proposal and proposing on demand.
 */
@Controller
class LimitProposalController {

	private final LimitAdjustmentPolicies policies;

	private final LimitProposals proposals;

	LimitProposalController(LimitAdjustmentPolicies policies, LimitProposals proposals) {
		this.policies = policies;
		this.proposals = proposals;
	}

	@QueryMapping
	List<StoredLimitAdjustmentPolicy> limitAdjustmentPolicies(@Argument PolicyLevel level) {
		return this.policies.list(level);
	}

	@QueryMapping
	EffectiveLimitAdjustmentPolicy effectiveLimitAdjustmentPolicy(@Argument String customerId) {
		return this.policies.effective(customerId);
	}

	@MutationMapping
	UpsertLimitAdjustmentPolicyPayload upsertLimitAdjustmentPolicy(@Argument UpsertLimitAdjustmentPolicyInput input) {
		return Payloads.run(() -> this.policies.upsert(input), UpsertLimitAdjustmentPolicyPayload::new);
	}

	@MutationMapping
	ProposeCreditLimitPayload proposeCreditLimit(@Argument String customerId) {
		return Payloads.run(() -> this.proposals.propose(customerId), (outcome, errors) -> (outcome == null)
				? new ProposeCreditLimitPayload(null, null, null, errors)
				: new ProposeCreditLimitPayload(view(outcome.proposal()), outcome.action(), outcome.request(), errors));
	}

	/** The proposals of every customer in a result, from their figures read at once. */
	@BatchMapping(typeName = "Customer", field = "limitProposal")
	Map<Customer, LimitProposalView> limitProposal(List<Customer> customers) {
		Map<String, LimitProposals.Proposal> byId = this.proposals.show(customers);
		Map<Customer, LimitProposalView> views = new LinkedHashMap<>();
		for (Customer customer : customers) {
			LimitProposals.Proposal proposal = byId.get(customer.id());
			if (proposal != null) {
				views.put(customer, view(proposal));
			}
		}
		return views;
	}

	@SchemaMapping(typeName = "LimitAdjustmentPolicy", field = "settings")
	LimitPolicyDraft settings(StoredLimitAdjustmentPolicy policy) {
		return LimitPolicyDraft.of(policy.policy(), policy.currency());
	}

	@SchemaMapping(typeName = "LimitProposalReason", field = "description")
	String description(AdjustmentReason reason, Locale locale) {
		return ProposalReasons.describe(reason, locale);
	}

	static LimitProposalView view(LimitProposals.Proposal proposal) {
		LimitProposal p = proposal.proposal();
		String currency = p.currency();
		EffectiveLimitAdjustmentPolicy policy = proposal.policy();
		return new LimitProposalView(new Money(p.currentLimit(), currency),
				(p.targetLimit() != null) ? new Money(p.targetLimit(), currency) : null,
				new Money(p.proposedLimit(), currency), p.direction(), p.autoApplicable(), p.immediate(), p.reasons(),
				p.noticeReasons(), new PolicyRef(policy.level(), policy.code(), policy.enabled(), policy.version()),
				proposal.modelVersion());
	}

	/** A proposal as the schema's {@code LimitProposal} shows it. */
	record LimitProposalView(Money currentLimit, Money targetLimit, Money proposedLimit, Direction direction,
			boolean autoApplicable, boolean immediate, List<AdjustmentReason> reasons, List<String> noticeReasons,
			PolicyRef policy, String modelVersion) {
	}

	/** Which stored policy a proposal came from. */
	record PolicyRef(PolicyLevel level, String code, boolean enabled, long version) {
	}

	record UpsertLimitAdjustmentPolicyPayload(StoredLimitAdjustmentPolicy policy, List<UserError> userErrors) {
	}

	record ProposeCreditLimitPayload(LimitProposalView proposal, ProposalAction action, CreditLimitRequest request,
			List<UserError> userErrors) {
	}

}
