package io.creditdesk.limitrequest;

import java.time.Clock;

import io.creditdesk.limitrequest.CreditLimitRequest.Step;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes in-app notifications. The escalation itself is durable with its
 * {@code CreditLimitRequestEscalated} event in the request's outbox; the notification
 * document is written right after, by id, so a repeat does not duplicate it.
 */
@Component
class Notifications {

	private final MongoTemplate mongo;

	private final Clock clock;

	Notifications(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	void escalated(CreditLimitRequest request, Step step, ApproverRole notified) {
		this.mongo.save(new Notification(request.id() + ":" + (step.index() + 1) + ":ESCALATED", notified, null,
				request.id(), request.customerId(), "ESCALATED",
				"Step " + (step.index() + 1) + " (" + step.role() + ") of credit limit request " + request.id()
						+ " was due at " + step.dueAt() + " and is not decided.",
				this.clock.instant()));
	}

	/** Tells the requester that their request was decided. */
	void decided(CreditLimitRequest request) {
		this.mongo.save(new Notification(request.id() + ":DECIDED", null, request.createdBy(), request.id(),
				request.customerId(), "DECIDED",
				"Your credit limit request " + request.id() + " is " + request.status()
						+ ((request.approvedLimit() != null) ? " at " + request.approvedLimit() : "")
						+ ((request.decisionNote() != null) ? ": " + request.decisionNote() : "."),
				this.clock.instant()));
	}

}
