package io.creditdesk.limitrequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.limitrequest.CreditLimitRequest.Decision;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;

/**
 * One entry of a customer's decision record: a decision on a step of one of its requests
 * (including steps of routes before a re-analysis), a decision the pre-analysis took
 * alone (approved straight through, refused at once), or a withdrawal. Entries are read
 * from the requests, whose decisions are immutable once taken.
 *
 * @param requestId the request
 * @param type what the request asked for
 * @param step the step (1 for the first); null for the pre-analysis and a withdrawal
 * @param role the step's role; null without a step
 * @param by who decided ({@code pre-analysis} for the pre-analysis)
 * @param at when
 * @param outcome what was decided
 * @param justification why
 * @param reasonCodes for a rejection, the reasons
 * @param limit the limit decided on; null for a rejection by the pre-analysis or a
 * withdrawal
 * @param validUntil the end date of that limit; null for a permanent one
 * @param analysisRound the analysis (figures) the decision was taken on
 */
public record CreditLimitDecision(String requestId, RequestType type, Integer step, ApproverRole role, String by,
		Instant at, Outcome outcome, String justification, List<ReasonCode> reasonCodes, Money limit,
		LocalDate validUntil, int analysisRound) {

	/** What was decided. */
	public enum Outcome {

		APPROVED, COUNTER_OFFER, REJECTED, RETURNED, WITHDRAWN

	}

	/** The entries of these requests, newest first. */
	static List<CreditLimitDecision> of(List<CreditLimitRequest> requests) {
		List<CreditLimitDecision> all = new ArrayList<>();
		for (CreditLimitRequest r : requests) {
			List<Step> steps = new ArrayList<>(r.previousSteps());
			steps.addAll(r.steps());
			boolean anyDecision = false;
			for (Step s : steps) {
				for (Decision d : s.decisions()) {
					anyDecision = true;
					all.add(new CreditLimitDecision(r.id(), r.type(), s.index() + 1, s.role(), d.by(), d.at(),
							Outcome.valueOf(d.outcome().name()), d.justification(), d.reasonCodes(), d.limit(),
							d.validUntil(), d.analysisRound()));
				}
			}
			if (r.status() == RequestStatus.WITHDRAWN) {
				all.add(new CreditLimitDecision(r.id(), r.type(), null, null, r.createdBy(), r.decidedAt(),
						Outcome.WITHDRAWN, r.decisionNote(), List.of(), null, null, r.analysisRound()));
			}
			else if (!anyDecision && r.status() == RequestStatus.AUTO_APPROVED) {
				all.add(new CreditLimitDecision(r.id(), r.type(), null, null, CreditLimitRequestService.PRE_ANALYSIS,
						r.decidedAt(), Outcome.APPROVED, r.decisionNote(), List.of(), r.approvedLimit(),
						r.approvedValidUntil(), r.analysisRound()));
			}
			else if (!anyDecision && r.status() == RequestStatus.REJECTED) {
				all.add(new CreditLimitDecision(r.id(), r.type(), null, null, CreditLimitRequestService.PRE_ANALYSIS,
						r.decidedAt(), Outcome.REJECTED, r.decisionNote(), r.rejectionReasons(), null, null,
						r.analysisRound()));
			}
		}
		all.sort(Comparator.comparing(CreditLimitDecision::at, Comparator.nullsLast(Comparator.reverseOrder())));
		return all;
	}

}
