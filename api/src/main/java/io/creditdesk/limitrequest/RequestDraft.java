package io.creditdesk.limitrequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.limitrequest.BusinessCalendar.Pause;
import io.creditdesk.limitrequest.CreditLimitRequest.Applicant;
import io.creditdesk.limitrequest.CreditLimitRequest.Application;
import io.creditdesk.limitrequest.CreditLimitRequest.Routing;
import io.creditdesk.limitrequest.CreditLimitRequest.Snapshot;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;

/**
 * A request being changed: a copy of its fields to set, then {@link #build()} the new
 * value. Only the service's decisions use it; the store writes the result in one
 * conditional update.
 */
final class RequestDraft {

	String id;

	String customerId;

	String segment;

	RequestType type;

	RequestStatus status;

	RequestOrigin origin;

	Money requestedLimit;

	LocalDate validUntil;

	String justification;

	Applicant applicant;

	String createdBy;

	Instant createdAt;

	Instant updatedAt;

	Instant decidedAt;

	long version;

	Snapshot snapshot;

	List<String> earlierRequestIds;

	Analysis analysis;

	Routing routing;

	List<Step> steps;

	List<Step> previousSteps;

	List<Pause> pauses;

	Money proposedLimit;

	LocalDate proposedValidUntil;

	Money approvedLimit;

	LocalDate approvedValidUntil;

	List<ReasonCode> rejectionReasons;

	String decisionNote;

	Application application;

	ApproverRole openRole;

	Instant openDueAt;

	Boolean withinSla;

	int analysisRound;

	List<String> noticeReasons;

	boolean systemRequester;

	private RequestDraft() {
	}

	static RequestDraft of(CreditLimitRequest r) {
		RequestDraft d = new RequestDraft();
		d.id = r.id();
		d.customerId = r.customerId();
		d.segment = r.segment();
		d.type = r.type();
		d.status = r.status();
		d.origin = r.origin();
		d.requestedLimit = r.requestedLimit();
		d.validUntil = r.validUntil();
		d.justification = r.justification();
		d.applicant = r.applicant();
		d.createdBy = r.createdBy();
		d.createdAt = r.createdAt();
		d.updatedAt = r.updatedAt();
		d.decidedAt = r.decidedAt();
		d.version = r.version();
		d.snapshot = r.snapshot();
		d.earlierRequestIds = r.earlierRequestIds();
		d.analysis = r.analysis();
		d.routing = r.routing();
		d.steps = r.steps();
		d.previousSteps = r.previousSteps();
		d.pauses = r.pauses();
		d.proposedLimit = r.proposedLimit();
		d.proposedValidUntil = r.proposedValidUntil();
		d.approvedLimit = r.approvedLimit();
		d.approvedValidUntil = r.approvedValidUntil();
		d.rejectionReasons = r.rejectionReasons();
		d.decisionNote = r.decisionNote();
		d.application = r.application();
		d.openRole = r.openRole();
		d.openDueAt = r.openDueAt();
		d.withinSla = r.withinSla();
		d.analysisRound = r.analysisRound();
		d.noticeReasons = r.noticeReasons();
		d.systemRequester = r.systemRequester();
		return d;
	}

	static RequestDraft empty() {
		return new RequestDraft();
	}

	CreditLimitRequest build() {
		return new CreditLimitRequest(this.id, this.customerId, this.segment, this.type, this.status, this.origin,
				this.requestedLimit, this.validUntil, this.justification, this.applicant, this.createdBy,
				this.createdAt, this.updatedAt, this.decidedAt, this.version, this.snapshot, this.earlierRequestIds,
				this.analysis, this.routing, this.steps, this.previousSteps, this.pauses, this.proposedLimit,
				this.proposedValidUntil, this.approvedLimit, this.approvedValidUntil, this.rejectionReasons,
				this.decisionNote, this.application, this.openRole, this.openDueAt, this.withinSla, this.analysisRound,
				this.noticeReasons, this.systemRequester);
	}

}
