package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.limitrequest.AnalysisSnapshot.PaymentRecord;
import io.creditdesk.limitrequest.BusinessCalendar.Pause;
import io.creditdesk.scoring.model.RiskGrade;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A credit limit request, one document per request. Every change is one conditional
 * update guarded by {@code version}, carrying its audit record and credit events in the
 * same write ({@link RequestStore}). Decided steps and final statuses are never changed
 * again.
 *
 * @param id the request id
 * @param customerId the customer
 * @param segment the customer's segment when the request was made (routing and KPIs)
 * @param type what it asks for
 * @param status where it stands
 * @param origin a person, the review job or the system
 * @param requestedLimit the requested limit, in the credit currency
 * @param validUntil the end of a temporary limit; null for a permanent one
 * @param justification the requester's reason
 * @param applicant the applicant's data; null when none was given
 * @param createdBy who made it (a person's name, or the job's)
 * @param createdAt when
 * @param updatedAt last change
 * @param decidedAt when it reached a final status; null before
 * @param version optimistic-concurrency version
 * @param snapshot the customer's figures when the request was (last) analysed
 * @param earlierRequestIds the customer's earlier requests, oldest first
 * @param analysis the pre-analysis checklist and verdict
 * @param routing which matrix routed it, and how
 * @param steps the approval steps of the current route
 * @param previousSteps steps of routes before a re-analysis, kept for the record
 * @param pauses times the request was returned to its requester
 * @param proposedLimit the limit later steps decide on (the requested one, or an earlier
 * step's counter-offer)
 * @param proposedValidUntil the end date going with {@code proposedLimit}
 * @param approvedLimit the limit that applied; null unless approved
 * @param approvedValidUntil its end date
 * @param rejectionReasons why it was rejected; empty otherwise
 * @param decisionNote the final decision's sentence
 * @param application the approved limit on its way to the customer: recorded before the
 * customer is written, cleared once the request is decided (see {@link LimitApplication})
 * @param openRole the role the open step waits for; null when no step is open
 * @param openDueAt the open step's due time; null when none is open or the clock is
 * paused
 * @param withinSla whether every step was decided by its due time; null until decided by
 * approvers
 * @param analysisRound 1 for the first analysis, one more for each re-analysis
 * @param noticeReasons for a decrease the dynamic limit policy proposed, the principal
 * reasons of the customer notice written when it is applied (at most four); empty
 * otherwise
 * @param systemRequester whether a system made it in its own name (the review job, risk
 * events, the dynamic limit policy) rather than a person: no one would answer it if it
 * were returned
 */
@Document("credit_limit_requests")
public record CreditLimitRequest(@Id String id, String customerId, String segment, RequestType type,
		RequestStatus status, RequestOrigin origin, Money requestedLimit, LocalDate validUntil, String justification,
		Applicant applicant, String createdBy, Instant createdAt, Instant updatedAt, Instant decidedAt, long version,
		Snapshot snapshot, List<String> earlierRequestIds, Analysis analysis, Routing routing, List<Step> steps,
		List<Step> previousSteps, List<Pause> pauses, Money proposedLimit, LocalDate proposedValidUntil,
		Money approvedLimit, LocalDate approvedValidUntil, List<ReasonCode> rejectionReasons, String decisionNote,
		Application application, ApproverRole openRole, Instant openDueAt, Boolean withinSla, int analysisRound,
		List<String> noticeReasons, boolean systemRequester) {

	public CreditLimitRequest {
		earlierRequestIds = (earlierRequestIds != null) ? List.copyOf(earlierRequestIds) : List.of();
		steps = (steps != null) ? List.copyOf(steps) : List.of();
		previousSteps = (previousSteps != null) ? List.copyOf(previousSteps) : List.of();
		pauses = (pauses != null) ? List.copyOf(pauses) : List.of();
		rejectionReasons = (rejectionReasons != null) ? List.copyOf(rejectionReasons) : List.of();
		noticeReasons = (noticeReasons != null) ? List.copyOf(noticeReasons) : List.of();
	}

	/** The applicant's data a new customer's request carries. */
	public record Applicant(String taxId, Money annualRevenue, Integer yearsInBusiness, List<String> references) {
	}

	/**
	 * The customer's figures when the request was analysed.
	 *
	 * @param currentLimit the limit then; null when none
	 * @param currentLimitApprovedAt when that limit was approved (detects a limit changed
	 * since)
	 * @param currentValidUntil its end date
	 * @param status the customer's status
	 * @param exposure net exposure
	 * @param utilization net exposure / limit (0 to 1 and beyond); null without a limit
	 * @param overdue overdue receivables
	 * @param oldestOverdueDays days the oldest overdue invoice is late
	 * @param dso days sales outstanding, last 90 days; null without credit sales
	 * @param history the payment history summary (last 24 months)
	 * @param hardCap the effective hard cap in the customer's credit currency (converted
	 * at the stored rate when set in another); null when none, or when no rate is known
	 * @param grade the risk grade; null before scores exist
	 * @param probabilityOfDefault null before scores exist
	 * @param scoreModelVersion the model that scored the customer; null without a score
	 * @param requestedInMatrixCurrency the requested limit converted at the stored rate
	 * @param conversionRate the rate used (1 when the currencies agree)
	 * @param verification where verification data comes from
	 * @param hardCapAsSet the effective hard cap in the currency it is set in; null when
	 * none (and on requests analysed before it was recorded)
	 * @param hardCapRate the rate {@code hardCapAsSet} was converted at; null when no
	 * conversion was needed or no rate is known
	 */
	public record Snapshot(Money currentLimit, Instant currentLimitApprovedAt, LocalDate currentValidUntil,
			CustomerStatus status, Money exposure, BigDecimal utilization, Money overdue, int oldestOverdueDays,
			BigDecimal dso, PaymentRecord history, Money hardCap, RiskGrade grade, BigDecimal probabilityOfDefault,
			String scoreModelVersion, Money requestedInMatrixCurrency, BigDecimal conversionRate,
			AnalysisSnapshot.Verification verification, Money hardCapAsSet, BigDecimal hardCapRate) {
	}

	/**
	 * How the request was routed.
	 *
	 * @param matrixId {@code GLOBAL}, {@code SEGMENT:<code>}, or {@code SHIPPED} for the
	 * shipped default
	 * @param matrixVersion the matrix version
	 * @param band the amount band, 0 for the smallest
	 * @param bandUpTo its upper bound in the matrix currency; null for the top band
	 * @param gradeRoute the grade whose own route applied; null for the band's default
	 * @param sla each step's SLA
	 */
	public record Routing(String matrixId, long matrixVersion, int band, BigDecimal bandUpTo, RiskGrade gradeRoute,
			BusinessDuration sla) {
	}

	/**
	 * One approval step.
	 *
	 * @param index 0 for the first
	 * @param role the role that decides it
	 * @param requiredApprovers how many distinct approvers
	 * @param status where it stands
	 * @param startedAt when it opened; null while waiting
	 * @param dueAt when it is due; null while waiting or while the request is returned
	 * @param escalatedAt when it was escalated; null when not
	 * @param decidedAt when it was approved or rejected
	 * @param decisions the decisions taken on it, in order
	 */
	public record Step(int index, ApproverRole role, int requiredApprovers, StepStatus status, Instant startedAt,
			Instant dueAt, Instant escalatedAt, Instant decidedAt, List<Decision> decisions) {

		public Step {
			decisions = (decisions != null) ? List.copyOf(decisions) : List.of();
		}

		Step with(StepStatus status, Instant dueAt, Instant decidedAt) {
			return new Step(this.index, this.role, this.requiredApprovers, status, this.startedAt, dueAt,
					this.escalatedAt, decidedAt, this.decisions);
		}

		Step started(Instant at, Instant dueAt) {
			return new Step(this.index, this.role, this.requiredApprovers, StepStatus.PENDING, at, dueAt, null, null,
					this.decisions);
		}

		Step escalated(Instant at) {
			return new Step(this.index, this.role, this.requiredApprovers, StepStatus.ESCALATED, this.startedAt,
					this.dueAt, at, null, this.decisions);
		}

		Step plus(Decision decision) {
			List<Decision> all = new ArrayList<>(this.decisions);
			all.add(decision);
			return new Step(this.index, this.role, this.requiredApprovers, this.status, this.startedAt, this.dueAt,
					this.escalatedAt, this.decidedAt, all);
		}

		long approvals() {
			return this.decisions.stream()
				.filter((d) -> d.outcome() == DecisionOutcome.APPROVED || d.outcome() == DecisionOutcome.COUNTER_OFFER)
				.count();
		}

	}

	/** What an approver decided on a step. */
	public enum DecisionOutcome {

		/** Approved at the proposed limit. */
		APPROVED,

		/** Approved at a lower or temporary limit. */
		COUNTER_OFFER,

		/** Rejected: the request is rejected. */
		REJECTED,

		/** Returned to the requester for information. */
		RETURNED

	}

	/**
	 * One decision, immutable once taken.
	 *
	 * @param by the approver
	 * @param at when
	 * @param outcome what they decided
	 * @param justification why
	 * @param reasonCodes for a rejection, the reasons
	 * @param limit the limit decided on (the proposed one, or the counter-offer)
	 * @param validUntil the end date of a temporary counter-offer
	 * @param analysisRound the analysis (figures) the decision was taken on
	 */
	public record Decision(String by, Instant at, DecisionOutcome outcome, String justification,
			List<ReasonCode> reasonCodes, Money limit, LocalDate validUntil, int analysisRound) {

		public Decision {
			reasonCodes = (reasonCodes != null) ? List.copyOf(reasonCodes) : List.of();
		}

	}

	/**
	 * An approved limit on its way to the customer's document.
	 *
	 * @param limit the approved limit
	 * @param validUntil its end date; null for a permanent one
	 * @param nextReviewDate the customer's next review date
	 * @param approvedBy who gave the final approval ({@code pre-analysis} when straight
	 * through)
	 * @param at when
	 * @param straightThrough whether pre-analysis approved it without approvers
	 * @param note the decision's sentence
	 */
	public record Application(Money limit, LocalDate validUntil, LocalDate nextReviewDate, String approvedBy,
			Instant at, boolean straightThrough, String note) {
	}

	/**
	 * Who took the final decision: the last approver, the pre-analysis (straight through
	 * or refused at once), the requester (withdrawn); null while the request is open.
	 */
	public String decidedBy() {
		if (!this.status.isFinal()) {
			return null;
		}
		if (this.status == RequestStatus.WITHDRAWN) {
			return this.createdBy;
		}
		return this.steps.stream()
			.flatMap((step) -> step.decisions().stream())
			.filter((decision) -> decision.outcome() != DecisionOutcome.RETURNED)
			.max(Comparator.comparing(Decision::at))
			.map(Decision::by)
			.orElse(CreditLimitRequestService.PRE_ANALYSIS);
	}

	/** The open step, or null when none is open. */
	Step openStep() {
		return this.steps.stream().filter((step) -> step.status().isOpen()).findFirst().orElse(null);
	}

	/**
	 * Whether a person made the request, who answers it when it is returned: not the
	 * review job (whatever the request records) nor another system in its own name.
	 */
	boolean requesterIsPerson() {
		return !this.systemRequester && this.origin != RequestOrigin.REVIEW_JOB;
	}

	/** Whether the request is still open (not in a final status). */
	boolean isOpen() {
		return !this.status.isFinal();
	}

}
