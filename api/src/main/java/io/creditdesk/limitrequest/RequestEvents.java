package io.creditdesk.limitrequest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.limitrequest.CreditLimitRequest.Decision;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;

import org.springframework.stereotype.Component;

/**
 * The credit events of requests: {@code CreditLimitRequested},
 * {@code CreditLimitRequestStepDecided}, {@code CreditLimitRequestDecided} and
 * {@code CreditLimitRequestEscalated}, written with the change itself (see
 * {@link Outbox}); the schema is in {@code docs/events.md}.
 */
@Component
class RequestEvents {

	private final Outbox outbox;

	RequestEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	Outbox.Event requested(CreditLimitRequest r) {
		Map<String, Object> data = base(r);
		data.put("type", r.type().name());
		data.put("origin", r.origin().name());
		data.put("requestedLimit", Outbox.money(r.requestedLimit()));
		data.put("validUntil", (r.validUntil() != null) ? r.validUntil().toString() : null);
		data.put("requestedBy", r.createdBy());
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_REQUESTED, r.customerId(), data);
	}

	Outbox.Event stepDecided(CreditLimitRequest r, Step step, Decision decision) {
		Map<String, Object> data = base(r);
		data.put("step", step.index() + 1);
		data.put("role", step.role().name());
		data.put("outcome", decision.outcome().name());
		data.put("decidedBy", decision.by());
		data.put("limit", Outbox.money(decision.limit()));
		data.put("justification", decision.justification());
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED, r.customerId(), data);
	}

	/**
	 * The final decision, with what the requester and the customer's sales owner are
	 * told: who asked for what, the decision, who took it, and the limit that applies.
	 */
	Outbox.Event decided(CreditLimitRequest r) {
		Map<String, Object> data = base(r);
		data.put("type", r.type().name());
		data.put("decision", r.status().name());
		data.put("decidedBy", r.decidedBy());
		data.put("decidedAt", (r.decidedAt() != null) ? r.decidedAt().toString() : null);
		data.put("requestedLimit", Outbox.money(r.requestedLimit()));
		data.put("approvedLimit", Outbox.money(r.approvedLimit()));
		data.put("validUntil", (r.approvedValidUntil() != null) ? r.approvedValidUntil().toString() : null);
		data.put("reasonCodes", r.rejectionReasons().stream().map(Enum::name).toList());
		data.put("note", r.decisionNote());
		data.put("requestedBy", r.createdBy());
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_REQUEST_DECIDED, r.customerId(), data);
	}

	/**
	 * The approval runs again, at the open step (resubmitted after a return, or routed
	 * anew by a re-analysis).
	 * @param why {@code RESUBMITTED}, {@code REANALYSED} or {@code APPROVAL_NOT_APPLIED}
	 */
	Outbox.Event resumed(CreditLimitRequest r, String why) {
		Map<String, Object> data = base(r);
		data.put("reason", why);
		data.put("analysisRound", r.analysisRound());
		data.put("openRole", (r.openRole() != null) ? r.openRole().name() : null);
		data.put("dueAt", (r.openDueAt() != null) ? r.openDueAt().toString() : null);
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_REQUEST_RESUMED, r.customerId(), data);
	}

	/**
	 * @param step the step as it was before the escalation (its due time)
	 * @param notified the next level up, told of the overdue step
	 * @param nextLevelMayAct whether the policy lets the notified level take the step
	 */
	Outbox.Event escalated(CreditLimitRequest r, Step step, ApproverRole notified, boolean nextLevelMayAct) {
		Map<String, Object> data = base(r);
		data.put("step", step.index() + 1);
		data.put("role", step.role().name());
		data.put("dueAt", (step.dueAt() != null) ? step.dueAt().toString() : null);
		data.put("escalatedAt", r.updatedAt().toString());
		data.put("notifiedRole", (notified != null) ? notified.name() : null);
		data.put("nextLevelMayAct", nextLevelMayAct);
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_REQUEST_ESCALATED, r.customerId(), data);
	}

	private static Map<String, Object> base(CreditLimitRequest r) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("requestId", r.id());
		data.put("customerId", r.customerId());
		data.put("status", r.status().name());
		return data;
	}

}
