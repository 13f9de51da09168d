package io.creditdesk.limitrequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditdesk.audit.Changes;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.customer.ApprovedLimit;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.limitrequest.CreditLimitRequest.Application;
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

	/** Applies the limit to the customer, then decides the request; repeatable. */
	CreditLimitRequest complete(CreditLimitRequest request) {
		Application application = request.application();
		if (application == null) {
			return request;
		}
		ApprovedLimit.Outcome outcome;
		try {
			outcome = applyToCustomer(request);
		}
		catch (CreditDeskException ex) {
			// The limit's own rules refuse it now (a hard cap lowered meanwhile, a closed
			// customer): the request is rejected with the reason, nothing applied. The
			// last approver was refused the same before the approval was recorded
			// (CustomerService.checkLimit); only a change between the two ends here.
			return refuse(request, ex);
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

	private CreditLimitRequest refuse(CreditLimitRequest request, CreditDeskException refusal) {
		log.info("Approved limit of request {} refused by the limit's rules: {}", request.id(), refusal.getMessage());
		return this.requests.change(request.id(), (r) -> {
			if (r.application() == null) {
				return null;
			}
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			d.status = RequestStatus.REJECTED;
			d.application = null;
			d.rejectionReasons = List
				.of("OVER_HARD_CAP".equals(refusal.code()) ? ReasonCode.OVER_HARD_CAP : ReasonCode.OTHER);
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
