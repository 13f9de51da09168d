package io.creditdesk.limitrequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.Changes;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.customer.ApprovedLimit;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.limitrequest.CreditLimitRequest.Application;
import io.creditdesk.limitrequest.CreditLimitRequest.Decision;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies an approved limit to the customer: two documents, and no multi-document
 * transactions. The final approval first records the approved limit in the request
 * ({@code application}, in the same conditional update as the decision); the limit is
 * then applied to the customer through the same rules as {@code setCreditLimit}, marked
 * with the request's id; last, the request is decided and the application cleared. Each
 * step is idempotent, and {@link #complete} can be repeated from any point: a crash
 * between the writes leaves an application that the sweeper ({@link RequestJobs})
 * completes within seconds, so an applied limit never stays without its decided request
 * or the reverse. A customer whose limit changed since the request was made is not
 * overwritten: the request is analysed again. A decrease the dynamic limit policy
 * proposed carries its principal reasons to the customer, whose update writes the
 * {@code CustomerNoticeIssued} with the lower limit.
 */
@Component
class LimitApplication {

	private static final Logger log = LoggerFactory.getLogger(LimitApplication.class);

	private final CreditLimitRequestService requests;

	private final CustomerService customers;

	private final RequestStore store;

	private final RequestEvents events;

	private final Clock clock;

	LimitApplication(CreditLimitRequestService requests, CustomerService customers, RequestStore store,
			RequestEvents events, Clock clock) {
		this.requests = requests;
		this.customers = customers;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Completes the request's application if it has one; returns the request as it is
	 * then.
	 */
	CreditLimitRequest completeIfPending(CreditLimitRequest request) {
		return (request.application() != null) ? complete(request) : request;
	}

	/**
	 * Completes an approver's approval: as {@link #completeIfPending}, but an approval
	 * that could not apply because the customer's limit changed since the request was
	 * made is the approver's to hear ({@code LIMIT_CHANGED_SINCE_REQUEST}, with both
	 * limits and where the request, analysed again, now waits), not a success answer for
	 * a request that quietly went back to its first step.
	 */
	CreditLimitRequest completeApproved(CreditLimitRequest approved) {
		CreditLimitRequest after = completeIfPending(approved);
		if (approved.application() != null && after.analysisRound() > approved.analysisRound()) {
			Money then = approved.snapshot().currentLimit();
			Money now = (after.snapshot() != null) ? after.snapshot().currentLimit() : null;
			throw CreditDeskException.refuse(RequestErrorCode.LIMIT_CHANGED_SINCE_REQUEST, "requestId", approved.id(),
					limitFigure(then), limitFigure(now), after.status(),
					(after.openRole() != null) ? after.openRole() : "-");
		}
		return after;
	}

	/**
	 * A limit as a figure of a sentence, "no limit" in the reader's language when none.
	 */
	private static Object limitFigure(Money limit) {
		return (limit != null) ? limit : (MessageCatalogue.Localized) (language) -> MessageCatalogue.render(language,
				"figure.noLimit", List.of());
	}

	/** Applies the limit to the customer, then decides the request; repeatable. */
	CreditLimitRequest complete(CreditLimitRequest request) {
		Application application = request.application();
		if (application == null) {
			return request;
		}
		// Suspended or flagged between the last approval and now: as with a hard cap
		// lowered meanwhile (below), the approval does not apply.
		Optional<CheckResult> blocked = this.requests.standingBlocks(request, application.limit());
		if (blocked.isPresent()) {
			CreditDeskException ex = CreditLimitRequestService.raiseBlocked(request, blocked.get());
			if (!application.straightThrough()) {
				undoApproval(request, ex);
				throw ex;
			}
			return refuse(request, ex, blocked.get().reason());
		}
		ApprovedLimit.Outcome outcome;
		try {
			outcome = applyToCustomer(request);
		}
		catch (CreditDeskException ex) {
			// The limit's own rules refuse it now (a hard cap lowered meanwhile, a closed
			// customer). The last approver is refused the same before the approval is
			// recorded (CustomerService.checkLimit); a change between the two ends the
			// same way: the approval is taken back, the request waits at its last step
			// for an approval within the rules, a counter-offer or a rejection, and the
			// refusal is the approver's to hear. An approval straight through has no
			// approver to wait for: it is rejected with the reason.
			if (!request.application().straightThrough()) {
				undoApproval(request, ex);
				throw ex;
			}
			return refuse(request, ex, "OVER_HARD_CAP".equals(ex.code()) ? ReasonCode.OVER_HARD_CAP : ReasonCode.OTHER);
		}
		if (outcome == ApprovedLimit.Outcome.LIMIT_CHANGED) {
			return this.requests.reanalyse(request,
					"The customer's limit changed since the request was made: analysed again instead of overwriting.");
		}
		return decide(request);
	}

	/** The customer's side: the limit applied, or recognised as applied. */
	ApprovedLimit.Outcome applyToCustomer(CreditLimitRequest request) {
		Application a = request.application();
		CreditLimitRequest.Snapshot s = request.snapshot();
		return this.customers.applyApprovedLimit(new ApprovedLimit(
				request.customerId(), request.id(), a.limit(), a.validUntil(), a.nextReviewDate(), a.approvedBy(),
				a.at(), s.currentLimit(), s.currentLimitApprovedAt(), "Credit limit request " + request.id()
						+ " approved by " + a.approvedBy() + ((a.note() != null) ? ": " + a.note() : ""),
				request.noticeReasons()));
	}

	/** The request's side: decided, the application cleared. */
	CreditLimitRequest decide(CreditLimitRequest request) {
		return this.requests.change(request.id(), (r) -> {
			Application a = r.application();
			if (a == null) {
				// Already decided by another completion.
				return null;
			}
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			d.status = a.straightThrough() ? RequestStatus.AUTO_APPROVED : RequestStatus.APPROVED;
			d.approvedLimit = a.limit();
			d.approvedValidUntil = a.validUntil();
			d.decisionNote = a.note();
			d.decidedAt = a.at();
			d.application = null;
			d.updatedAt = now;
			d.withinSla = a.straightThrough() ? null : CreditLimitRequestService.withinSla(r.steps());
			CreditLimitRequest after = d.build();
			return new CreditLimitRequestService.Transition(after,
					a.straightThrough() ? "CREDIT_LIMIT_REQUEST_AUTO_APPROVED" : "CREDIT_LIMIT_REQUEST_APPROVED",
					new Changes().set("status", after.status())
						.set("approvedLimit", a.limit())
						.set("validUntil", a.validUntil())
						.set("approvedBy", a.approvedBy()),
					a.note(), List.of(this.events.decided(after)));
		});
	}

	/**
	 * Takes back the last approval its application records: the last step is open again
	 * as before it (its other decisions, due time and escalation kept), the proposal is
	 * the one before it, and the refusal is the reason on the record (audit) and in the
	 * {@code CreditLimitRequestResumed} event ({@code APPROVAL_NOT_APPLIED}), from which
	 * the step's approvers hear it again. Repeatable: once taken back, nothing changes.
	 */
	CreditLimitRequest undoApproval(CreditLimitRequest request, CreditDeskException refusal) {
		log.info("Approved limit of request {} refused by the limit's rules, approval taken back: {}", request.id(),
				refusal.getMessage());
		Application applied = request.application();
		return this.requests.change(request.id(), (r) -> {
			Application a = r.application();
			if (a == null || !a.at().equals(applied.at()) || r.steps().isEmpty()) {
				return null;
			}
			Step last = r.steps().get(r.steps().size() - 1);
			List<Decision> decisions = new ArrayList<>(last.decisions());
			int approval = decisions.size() - 1;
			while (approval >= 0 && !(decisions.get(approval).at().equals(a.at())
					&& decisions.get(approval).by().equals(a.approvedBy()))) {
				approval--;
			}
			if (approval < 0) {
				return null;
			}
			Decision taken = decisions.remove(approval);
			Step reopened = new Step(last.index(), last.role(), last.requiredApprovers(),
					(last.escalatedAt() != null) ? StepStatus.ESCALATED : StepStatus.PENDING, last.startedAt(),
					last.dueAt(), last.escalatedAt(), null, decisions);
			List<Step> steps = new ArrayList<>(r.steps());
			steps.set(last.index(), reopened);
			// The proposal as the decision before this one left it (each decision records
			// the proposal after it), else as requested.
			Decision before = steps.stream()
				.flatMap((step) -> step.decisions().stream())
				.filter((d) -> d.analysisRound() == r.analysisRound())
				.max(Comparator.comparing(Decision::at))
				.orElse(null);
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			d.application = null;
			d.steps = steps;
			d.status = RequestStatus.IN_APPROVAL;
			d.openRole = reopened.role();
			d.openDueAt = reopened.dueAt();
			d.proposedLimit = (before != null) ? before.limit() : r.requestedLimit();
			d.proposedValidUntil = (before != null) ? before.validUntil() : r.validUntil();
			d.updatedAt = now;
			CreditLimitRequest after = d.build();
			String why = "The approval by " + taken.by() + " of "
					+ MessageCatalogue.figure(MessageCatalogue.DEFAULT_LANGUAGE, taken.limit())
					+ " cannot apply, taken back; the request waits at step " + (last.index() + 1) + ": "
					+ refusal.errors().get(0).message();
			return new CreditLimitRequestService.Transition(after, "CREDIT_LIMIT_REQUEST_APPROVAL_NOT_APPLIED",
					new Changes().set("step", last.index() + 1)
						.set("approvedBy", taken.by())
						.set("limit", taken.limit())
						.set("refusal", refusal.code()),
					why, List.of(this.events.resumed(after, "APPROVAL_NOT_APPLIED")));
		});
	}

	private CreditLimitRequest refuse(CreditLimitRequest request, CreditDeskException refusal, ReasonCode reason) {
		log.info("Approved limit of request {} refused by the limit's rules: {}", request.id(), refusal.getMessage());
		return this.requests.change(request.id(), (r) -> {
			if (r.application() == null) {
				return null;
			}
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			d.status = RequestStatus.REJECTED;
			d.application = null;
			d.rejectionReasons = List.of(reason);
			d.decisionNote = "Approved, but the limit cannot apply: " + refusal.errors().get(0).message();
			d.decidedAt = now;
			d.updatedAt = now;
			CreditLimitRequest after = d.build();
			return new CreditLimitRequestService.Transition(after, "CREDIT_LIMIT_REQUEST_REJECTED",
					new Changes().set("status", after.status()).set("refusal", refusal.code()), d.decisionNote,
					List.of(this.events.decided(after)));
		});
	}

	/** Completes every application older than the grace; what the sweeper runs. */
	int sweep(Instant recordedBefore) {
		int completed = 0;
		for (CreditLimitRequest pending : this.store.pendingApplications(recordedBefore, 100)) {
			try {
				complete(pending);
				completed++;
			}
			catch (RuntimeException ex) {
				log.warn("Approved limit of request {} not completed yet: {}", pending.id(), ex.toString());
			}
		}
		return completed;
	}

}
