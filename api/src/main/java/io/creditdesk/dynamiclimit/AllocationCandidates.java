package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerBatches;
import io.creditdesk.customer.CustomerBatches.CustomerCredit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.BudgetAllocationLine.Exclusion;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Candidate;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.insight.AverageExposures;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.ledger.CreditAccountService.Exposure;
import io.creditdesk.limitrequest.SystemLimitRequests;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.policy.PolicySubject;
import io.creditdesk.risk.CustomerScores;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads the customers a credit budget covers, a page at a time, into the allocation's
 * candidates:
 * <ul>
 * <li>PD: the champion's current score. A customer without one (never scored, or too
 * little history), without a limit, not active or on hold, or in a currency without a
 * stored rate to the budget's is kept at its current limit and left out of the program
 * (the budget and shares then apply to the others). So is a customer with an open credit
 * limit request (one at a time per customer): its line carries the
 * {@code REQUEST_ALREADY_OPEN} sentence naming that request and its amount (applying the
 * allocation leaves out, the same way, a customer whose request was opened since).</li>
 * <li>Expected utilization: the 90-day time-weighted average net exposure over the
 * current limit, 0 to 1.</li>
 * <li>Bounds, from the customer's guardrails ({@link AllocationGuardrails}): at most the
 * step up (percent and amount) and the hard cap, and no increase for a grade that gets
 * none; at least the step down and, unless the policy allows going below it, the net
 * exposure now. A customer whose exposure is above its cap gets the cap (its orders then
 * hold).</li>
 * <li>Amounts converted to the budget's currency at the stored rate: the current limit
 * half-even, the lowest bound up and the highest down, so a limit within the converted
 * bounds is within the customer's own.</li>
 * </ul>
 */
@Component
class AllocationCandidates {

	private static final int PAGE = 500;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final CustomerBatches customers;

	private final CreditAccountService accounts;

	private final AverageExposures averages;

	private final CreditPolicyService policies;

	private final ObjectProvider<CustomerScores> scores;

	private final FxRateService fx;

	private final AllocationGuardrails guardrails;

	private final SystemLimitRequests requests;

	private final Clock clock;

	AllocationCandidates(CustomerBatches customers, CreditAccountService accounts, AverageExposures averages,
			CreditPolicyService policies, ObjectProvider<CustomerScores> scores, FxRateService fx,
			AllocationGuardrails guardrails, SystemLimitRequests requests, Clock clock) {
		this.customers = customers;
		this.accounts = accounts;
		this.averages = averages;
		this.policies = policies;
		this.scores = scores;
		this.fx = fx;
		this.guardrails = guardrails;
		this.requests = requests;
		this.clock = clock;
	}

	/**
	 * The portfolio read for one budget.
	 *
	 * @param lines every customer covered, in ascending id (proposed = current so far)
	 * @param candidates the customers in the program, with the position of their line
	 * @param positions for each candidate, its line's position
	 */
	record Read(List<BudgetAllocationLine> lines, List<Candidate> candidates, List<Integer> positions) {
	}

	Read read(CreditBudget budget, String allocationId, IntConsumer progress) {
		List<BudgetAllocationLine> lines = new ArrayList<>();
		List<Candidate> candidates = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		CustomerScores scoring = this.scores.getIfAvailable();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.customers.forEach(Optional.ofNullable(budget.segment()), PAGE, page -> {
			List<Customer> batch = page.stream().map(CustomerCredit::customer).toList();
			List<String> ids = batch.stream().map(Customer::id).toList();
			Map<String, Exposure> exposures = this.accounts.exposures(ids);
			Map<String, CustomerScores.Current> pageScores = (scoring != null) ? scoring.current(ids) : Map.of();
			Map<String, Money> average = this.averages.averages(batch);
			Map<String, UserError> openRequests = this.requests.openRequests(ids);
			Map<PolicySubject, EffectivePolicy> effective = this.policies
				.effectiveFor(batch.stream().map(Customer::policySubject).toList());
			for (Customer customer : batch) {
				int position = lines.size();
				Money current = (customer.creditLimit() != null) ? customer.creditLimit().amount() : null;
				Exclusion exclusion = null;
				BudgetAllocationRecord.Refusal reason = null;
				CustomerScores.Current score = null;
				if (customer.status() != CustomerStatus.ACTIVE && customer.status() != CustomerStatus.ON_HOLD) {
					exclusion = Exclusion.NOT_ACTIVE;
				}
				else if (current == null) {
					exclusion = Exclusion.NO_LIMIT;
				}
				else if (openRequests.containsKey(customer.id())) {
					exclusion = Exclusion.REQUEST_OPEN;
					reason = BudgetAllocationRecord.Refusal.of(openRequests.get(customer.id()));
				}
				else {
					score = pageScores.get(customer.id());
					if (score == null || score.insufficientHistory() || score.probabilityOfDefault() == null) {
						exclusion = Exclusion.NO_SCORE;
					}
				}
				BigDecimal rate = null;
				if (exclusion == null) {
					try {
						rate = this.fx.convertStored(current, budget.currency(), today, "currency").rate();
					}
					catch (CreditDeskException ex) {
						exclusion = Exclusion.NO_FX_RATE;
					}
				}
				if (exclusion != null) {
					lines.add(new BudgetAllocationLine(BudgetAllocationLine.id(allocationId, position), allocationId,
							position, customer.id(), customer.name(), customer.segment(), customer.industry(), current,
							null, null, null, null, null, null, (score != null) ? score.grade() : null,
							(score != null) ? score.probabilityOfDefault() : null, 0, 0, exclusion, null, reason));
					continue;
				}
				LimitAdjustmentPolicy policy = this.guardrails.policyFor(customer);
				BigDecimal limit = current.amount();
				Exposure exposure = exposures.get(customer.id());
				BigDecimal net = (exposure != null) ? exposure.net().amount().max(BigDecimal.ZERO) : BigDecimal.ZERO;
				BigDecimal up = limit.multiply(policy.maxStepUpPercent())
					.divide(HUNDRED, 2, RoundingMode.FLOOR)
					.min(policy.maxStepUpAmount());
				BigDecimal down = limit.multiply(policy.maxStepDownPercent())
					.divide(HUNDRED, 2, RoundingMode.FLOOR)
					.min(policy.maxStepDownAmount());
				BigDecimal high = limit.add(up);
				EffectivePolicy effectivePolicy = effective.get(customer.policySubject());
				if (effectivePolicy != null && effectivePolicy.hardCap() != null) {
					high = high
						.min(this.fx.convertStored(effectivePolicy.hardCap(), current.currency(), today, "hardCap")
							.converted()
							.amount());
				}
				if (policy.noIncreaseGrades().contains(score.grade())) {
					high = high.min(limit);
				}
				BigDecimal low = limit.subtract(down);
				if (!policy.allowBelowExposure()) {
					low = low.max(net);
				}
				low = low.max(BigDecimal.ZERO).min(high);
				double utilization = expectedUtilization(average.get(customer.id()), limit);
				double margin = budget.marginRate(customer.segment()).doubleValue();
				int digits = Currency.getInstance(budget.currency()).getDefaultFractionDigits();
				BigDecimal currentInBudget = limit.multiply(rate).setScale(digits, RoundingMode.HALF_EVEN);
				BigDecimal maxInBudget = high.multiply(rate).setScale(digits, RoundingMode.FLOOR);
				BigDecimal minInBudget = low.multiply(rate).setScale(digits, RoundingMode.CEILING).min(maxInBudget);
				candidates.add(new Candidate(customer.id(), customer.segment(), customer.industry(), currentInBudget,
						minInBudget, maxInBudget, score.probabilityOfDefault(), utilization, margin));
				positions.add(position);
				lines.add(new BudgetAllocationLine(BudgetAllocationLine.id(allocationId, position), allocationId,
						position, customer.id(), customer.name(), customer.segment(), customer.industry(), current,
						rate, currentInBudget, minInBudget, maxInBudget, currentInBudget, current, score.grade(),
						score.probabilityOfDefault(), utilization, margin, null, null, null));
			}
			progress.accept(lines.size());
		});
		return new Read(lines, candidates, positions);
	}

	/** The 90-day average net exposure over the limit, 0 to 1. */
	static double expectedUtilization(Money average, BigDecimal limit) {
		BigDecimal used = (average != null) ? average.amount().max(BigDecimal.ZERO) : BigDecimal.ZERO;
		if (limit.signum() <= 0) {
			return (used.signum() > 0) ? 1.0 : 0.0;
		}
		return Math.min(1.0, used.doubleValue() / limit.doubleValue());
	}

}
