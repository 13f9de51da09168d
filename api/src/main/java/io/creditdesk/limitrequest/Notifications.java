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
		this.mongo.save(new Notification(request.id() + ":" + (step.index() + 1) + ":ESCALATED", notified, request.id(),
				request.customerId(), "ESCALATED",
				"Step " + (step.index() + 1) + " (" + step.role() + ") of credit limit request " + request.id()
						+ " was due at " + step.dueAt() + " and is not decided.",
				this.clock.instant()));
	}

}
