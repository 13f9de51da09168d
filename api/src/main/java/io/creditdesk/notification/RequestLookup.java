package io.creditdesk.notification;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import io.creditdesk.limitrequest.CreditLimitRequest;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The open step and the requester of a credit limit request, which the request events do
 * not carry ({@code CreditLimitRequested} names no step, {@code StepDecided} not the next
 * one). Reads three fields of the request's document, as the request stands when the
 * event is handled: normally the step the event opened, or a later one if the request
 * moved on meanwhile (whose approvers are then the right ones to ask).
 */
@Component
class RequestLookup {

	private final MongoTemplate mongo;

	RequestLookup(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Optional<CreditEventNotices.RequestView> find(String requestId) {
		if (requestId == null) {
			return Optional.empty();
		}
		Query query = Query.query(Criteria.where("_id").is(requestId));
		query.fields().include("openRole", "openDueAt", "createdBy");
		Document request = this.mongo.findOne(query, Document.class,
				this.mongo.getCollectionName(CreditLimitRequest.class));
		if (request == null) {
			return Optional.empty();
		}
		Object due = request.get("openDueAt");
		Instant dueAt = (due instanceof Date date) ? date.toInstant() : null;
		return Optional.of(new CreditEventNotices.RequestView(request.getString("openRole"), dueAt,
				request.getString("createdBy")));
	}

}
