package io.creditdesk.dynamiclimit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.ProposedLimit;
import io.creditdesk.limitrequest.CreditLimitRequest;
import io.creditdesk.limitrequest.SystemLimitRequests;
import io.creditdesk.security.Roles;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Score-driven limit proposals for one customer and what is done with them. The proposal
 * is {@link LimitAdjustment} on the customer's figures ({@link ProposalInputs}) under the
 * effective policy ({@link LimitAdjustmentPolicies}); acting on it, only while that
 * policy is switched on:
 * <ul>
 * <li>a change within automatic authority, and a severe deterioration's reduction, is
 * applied at once as a system change through the customer's limit-setting path (audited
 * with the reasons and the model version, its {@code CreditLimitChanged} event; a
 * decrease with its {@code CustomerNoticeIssued} in the same write);</li>
 * <li>a larger change becomes a credit limit request of origin SYSTEM, routed by the
 * approval matrix, with the proposal's reasons as its justification; never a second one
 * while one is open.</li>
 * </ul>
 */
@Service
public class LimitProposals {

	/** Who a routed proposal's request names as its requester. */
	static final String REQUESTER = "dynamic-limits";

	private final MongoTemplate mongo;

	private final LimitAdjustmentPolicies policies;

	private final ProposalInputs inputs;

	private final CustomerService customers;

	private final SystemLimitRequests requests;

	private final Clock clock;

	LimitProposals(MongoTemplate mongo, LimitAdjustmentPolicies policies, ProposalInputs inputs,
			CustomerService customers, SystemLimitRequests requests, Clock clock) {
		this.mongo = mongo;
		this.policies = policies;
		this.inputs = inputs;
		this.customers = customers;
		this.requests = requests;
		this.clock = clock;
	}

	/**
	 * A proposal for one customer, and the policy and model it came from.
	 *
	 * @param customerId the customer
	 * @param proposal what the policy proposes
	 * @param policy the policy in force
	 * @param modelVersion the model whose score it used; null without a score
	 */
	public record Proposal(String customerId, LimitProposal proposal, EffectiveLimitAdjustmentPolicy policy,
			String modelVersion) {

		public Proposal {
			Objects.requireNonNull(proposal, "proposal");
			Objects.requireNonNull(policy, "policy");
		}

	}

	/**
	 * A proposal and what was done with it.
	 *
	 * @param proposal the proposal; null when the scheduled run skipped a customer whose
	 * policy is switched off
	 * @param request the SYSTEM request it opened, or the open one it found; null
	 * otherwise
	 */
	public record Outcome(Proposal proposal, ProposalAction action, CreditLimitRequest request) {
	}

	/**
	 * The proposal for a customer, without acting on it; empty for a customer without a
	 * limit or closed.
	 */
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Optional<Proposal> show(Customer customer) {
		return proposal(customer);
	}

	/**
	 * The proposals for a page of customers (a list showing each customer's proposal),
	 * keyed by id, from the page's figures read at once; a customer without a limit or
	 * closed is absent.
	 */
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Map<String, Proposal> show(List<Customer> customers) {
		List<Customer> adjustable = customers.stream().filter(LimitProposals::adjustable).toList();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Map<String, ProposalInputs.Read> reads = this.inputs.readAll(adjustable, today);
		Map<String, Proposal> proposals = new LinkedHashMap<>();
		for (Customer customer : adjustable) {
			proposals.put(customer.id(), proposal(customer, reads.get(customer.id()), today));
		}
		return proposals;
	}

	/**
	 * Proposes for one customer and acts on the proposal when the policy is switched on
	 * ({@code proposeCreditLimit}).
	 */
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Outcome propose(String customerId) {
		Customer customer = require(customerId);
		Proposal proposal = proposal(customer).orElseThrow(
				() -> CreditDeskException.refuse(ProposalErrorCode.NO_LIMIT_TO_ADJUST, "customerId", customer.id()));
		return act(proposal);
	}

	/**
	 * Proposes and acts for one customer, for the scheduled run (no caller); empty when
	 * the customer has no limit to adjust.
	 */
	Optional<Outcome> proposeAndAct(Customer customer) {
		if (!this.policies.effectiveFor(customer).enabled()) {
			// Nothing would be done: the figures are not even read.
			return Optional.of(new Outcome(null, ProposalAction.POLICY_DISABLED, null));
		}
		return proposal(customer).map(this::act);
	}

	private Optional<Proposal> proposal(Customer customer) {
		if (!adjustable(customer)) {
			return Optional.empty();
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return Optional.of(proposal(customer, this.inputs.read(customer, today), today));
	}

	private Proposal proposal(Customer customer, ProposalInputs.Read read, LocalDate today) {
		EffectiveLimitAdjustmentPolicy policy = this.policies.effectiveFor(customer);
		LimitProposal proposal = LimitAdjustment.propose(read.figures(), policy.policy());
		return new Proposal(customer.id(), proposal, policy, read.modelVersion());
	}

	/** A customer with a limit that is not closed: one whose limit can be adjusted. */
	private static boolean adjustable(Customer customer) {
		return customer.creditLimit() != null && customer.creditLimit().amount() != null
				&& customer.status() != CustomerStatus.CLOSED;
	}

	private Outcome act(Proposal proposal) {
		LimitProposal p = proposal.proposal();
		if (p.direction() == Direction.UNCHANGED) {
			return new Outcome(proposal, ProposalAction.NO_CHANGE, null);
		}
		if (!proposal.policy().enabled()) {
			return new Outcome(proposal, ProposalAction.POLICY_DISABLED, null);
		}
		Money proposed = new Money(p.proposedLimit(), p.currency());
		if (p.autoApplicable()) {
			ProposedLimit change = new ProposedLimit(proposal.customerId(), proposed,
					new Money(p.currentLimit(), p.currency()), justification(proposal), reasonLines(p),
					proposal.modelVersion(), p.noticeReasons());
			ProposedLimit.Outcome applied = this.customers.applyProposedLimit(change);
			return new Outcome(proposal,
					(applied == ProposedLimit.Outcome.APPLIED) ? ProposalAction.APPLIED : ProposalAction.LIMIT_CHANGED,
					null);
		}
		Optional<CreditLimitRequest> open = this.requests.openFor(proposal.customerId());
		if (open.isPresent()) {
			return new Outcome(proposal, ProposalAction.ALREADY_ROUTED, open.get());
		}
		Optional<CreditLimitRequest> opened = this.requests.open(proposal.customerId(), proposed,
				justification(proposal), REQUESTER, p.noticeReasons());
		return opened.map((r) -> new Outcome(proposal, ProposalAction.ROUTED, r))
			.orElseGet(() -> new Outcome(proposal, ProposalAction.ALREADY_ROUTED,
					this.requests.openFor(proposal.customerId()).orElse(null)));
	}

	/**
	 * The sentence recorded with a change or a request (English, as stored records are
	 * written): the policy, the limits and every reason.
	 */
	static String justification(Proposal proposal) {
		LimitProposal p = proposal.proposal();
		String reasons = String.join(" ",
				p.reasons()
					.stream()
					.map((r) -> ProposalReasons.describe(r, MessageCatalogue.DEFAULT_LANGUAGE))
					.toList());
		EffectiveLimitAdjustmentPolicy policy = proposal.policy();
		return MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE, "proposal.justification",
				List.of(MessageCatalogue.Phrase.of("policy.level." + policy.level().name(),
						(policy.code() != null) ? policy.code() : ""), new Money(p.currentLimit(), p.currency()),
						new Money(p.proposedLimit(), p.currency()), reasons,
						(proposal.modelVersion() != null) ? proposal.modelVersion() : "-"));
	}

	private static List<String> reasonLines(LimitProposal p) {
		return p.reasons()
			.stream()
			.map((r) -> r.code().name() + ((r.threshold() != null) ? " " + r.threshold() : "")
					+ ((r.actual() != null) ? " / " + r.actual() : ""))
			.toList();
	}

	private Customer require(String id) {
		if (id == null || id.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "customerId");
		}
		Customer customer = this.mongo.findById(id.trim(), Customer.class);
		if (customer == null) {
			throw CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, "customerId", UserError.quoted(id));
		}
		return customer;
	}

}
