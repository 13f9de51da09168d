package io.creditdesk.events;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import org.bson.Document;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The parked credit events as operators read them ({@code parkedCreditEvents}): what each
 * consumer group could not handle yet, and why. The payload is not shown.
 */
@Controller
class ParkedCreditEventController {

	/** Who follows the service's background work (as {@code scheduledJobs}). */
	static final String READ = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','DATA_SCIENTIST','ADMIN')";

	static final int MAX_FIRST = 200;

	/** The longest reason for a discard. */
	static final int MAX_REASON = 500;

	private final ParkedCreditEvents parked;

	private final CreditEventListeners listeners;

	ParkedCreditEventController(ParkedCreditEvents parked, CreditEventListeners listeners) {
		this.parked = parked;
		this.listeners = listeners;
	}

	/** A parked event as the schema shows it. */
	record ParkedCreditEvent(String id, String groupId, String handler, String eventId, String type, String customerId,
			String source, int attempts, int redrives, String error, Instant parkedAt, Instant lastFailedAt,
			Instant nextAttemptAt) {

		static ParkedCreditEvent of(Document d) {
			return new ParkedCreditEvent(d.getString("_id"), d.getString("groupId"), d.getString("handler"),
					d.getString("eventId"), d.getString("type"), d.getString("customerId"),
					d.getString("topic") + "-" + d.get("partition") + "@" + d.get("offset"),
					d.getInteger("attempts", 0), d.getInteger("redrives", 0), d.getString("error"),
					instant(d.get("parkedAt")), instant(d.get("lastFailedAt")), instant(d.get("nextAttemptAt")));
		}

		private static Instant instant(Object value) {
			return (value instanceof Date date) ? date.toInstant() : null;
		}

	}

	@QueryMapping
	@PreAuthorize(READ)
	List<ParkedCreditEvent> parkedCreditEvents(@Argument String groupId, @Argument Integer first) {
		int limit = Connection.pageSize(first, MAX_FIRST);
		if (limit == 0) {
			return List.of();
		}
		return this.parked.list(groupId, limit).stream().map(ParkedCreditEvent::of).toList();
	}

	/** The group whose parked events an operator hands to its handler now. */
	record RedriveParkedCreditEventsInput(String groupId) {
	}

	/**
	 * What an operator's re-drive did: how many were handled, how many are still parked.
	 */
	record RedriveParkedCreditEventsPayload(String groupId, Integer handled, Integer remaining,
			List<UserError> userErrors) {
	}

	/**
	 * Hands every parked event of a group to its handler now, due or not (after an
	 * incident is over, say); the ones that fail again stay parked with a longer wait.
	 */
	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	RedriveParkedCreditEventsPayload redriveParkedCreditEvents(@Argument RedriveParkedCreditEventsInput input) {
		try {
			Validation v = new Validation();
			String groupId = v.id("groupId", input.groupId(), 200);
			v.throwIfInvalid();
			int handled = this.listeners.redriveParked(groupId, true);
			if (handled == CreditEventListeners.NOT_READ_HERE) {
				throw CreditDeskException.refuse(EventsErrorCode.CONSUMER_GROUP_NOT_FOUND, "groupId",
						UserError.quoted(groupId));
			}
			if (handled < 0) {
				throw CreditDeskException.refuse(EventsErrorCode.REDRIVE_IN_PROGRESS, "groupId",
						UserError.quoted(groupId));
			}
			int remaining = (int) this.parked.counts().getOrDefault(groupId, 0L).longValue();
			return new RedriveParkedCreditEventsPayload(groupId, handled, remaining, List.of());
		}
		catch (CreditDeskException ex) {
			return new RedriveParkedCreditEventsPayload(input.groupId(), null, null, ex.errors());
		}
	}

	/** The parked event an operator gives up on, and why. */
	record DiscardParkedCreditEventInput(String id, String reason) {
	}

	/** The discarded event as it was parked, or the user errors. */
	record DiscardParkedCreditEventPayload(ParkedCreditEvent parkedCreditEvent, List<UserError> userErrors) {
	}

	/**
	 * Discards a parked event that can never be handled (its customer was deleted, a
	 * later event made it moot): it is no longer re-driven, listed or counted. Audited
	 * with the reason.
	 */
	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	DiscardParkedCreditEventPayload discardParkedCreditEvent(@Argument DiscardParkedCreditEventInput input) {
		try {
			Validation v = new Validation();
			String id = v.id("id", input.id(), 500);
			String reason = v.freeText("reason", input.reason(), MAX_REASON);
			v.throwIfInvalid();
			return new DiscardParkedCreditEventPayload(ParkedCreditEvent.of(this.parked.discard(id, reason)),
					List.of());
		}
		catch (CreditDeskException ex) {
			return new DiscardParkedCreditEventPayload(null, ex.errors());
		}
	}

}
