package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An external risk event that arrived and what it did ({@code external_risk_events}),
 * keyed by its source and event id: the record by which a redelivery is recognised and
 * changes nothing.
 *
 * @param id {@code <source>:<eventId>} (a source never holds {@code :})
 * @param via how it arrived
 * @param customerId the customer it was matched to
 * @param status {@code RECEIVED} while its actions are carried out, {@code APPLIED} once
 * all are
 * @param actions the actions the policy chose
 * @param policyLevel the policy level whose rule chose them ({@code SYSTEM_DEFAULT}: the
 * shipped rules)
 * @param reviewRequestId the {@code REVIEW} request opened, or null
 * @param notes what an action could not do (e.g. no review opened: one is open already)
 * @param deliveries how many times it arrived (redeliveries count)
 */
@Document("external_risk_events")
public record AppliedRiskEvent(@Id String id, String eventId, String source, ExternalEventType type,
		ExternalRiskEvent.CustomerReference customer, String oldValue, String newValue, Instant occurredAt, Via via,
		String customerId, Status status, List<RiskEventAction> actions, String policyLevel, String reviewRequestId,
		List<String> notes, Instant receivedAt, Instant appliedAt, int deliveries) {

	public AppliedRiskEvent {
		actions = (actions != null) ? List.copyOf(actions) : List.of();
		notes = (notes != null) ? List.copyOf(notes) : List.of();
	}

	/**
	 * Between the source and the event id in the record id; never in a source name (a
	 * source with it is refused as it is read), so each id names one source and event.
	 */
	static final char SEPARATOR = ':';

	/**
	 * The record id of an event: event ids are unique per source. The first
	 * {@value #SEPARATOR} ends the source (the event id may hold more), so no two
	 * sources' events share an id; records stored before sources were checked keep their
	 * ids.
	 * @throws IllegalArgumentException for a source with the separator
	 */
	static String key(ExternalRiskEvent event) {
		if (event.source().indexOf(SEPARATOR) >= 0) {
			throw new IllegalArgumentException(
					"A risk event source must not contain '" + SEPARATOR + "': " + event.source());
		}
		return event.source() + SEPARATOR + event.eventId();
	}

	/** How an event arrived. */
	public enum Via {

		/** On the Kafka topic ({@code risk.events.external}). */
		KAFKA,
		/** From the configured bureau's monitoring feed, pulled by the poller. */
		BUREAU_POLL

	}

	/** Where an event stands. */
	public enum Status {

		/** Matched to its customer; its actions are being carried out. */
		RECEIVED,
		/** Every action was carried out. */
		APPLIED

	}

}
