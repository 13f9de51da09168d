package io.creditdesk.alert;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.creditdesk.scoring.model.RiskGrade;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The conditions raised for one customer and one alert type: the document every decision
 * about them is made on, with one conditional update (on {@code version}). The update
 * also carries the alerts it raises and resolves ({@code pending}, until they are written
 * to their own documents), their credit events (the outbox) and their audit records (the
 * audit outbox), so a decision is never stored without them.
 *
 * @param id {@code <customerId>|<TYPE>} ({@code portfolio|MODEL_DRIFT} for drift)
 * @param customerId the customer, or null for the portfolio
 * @param type the alert type
 * @param raised the conditions raised now, each with its alert
 * @param version bumped by every decision
 * @param seen the ids of the last credit events applied (an event alert is raised once
 * per event, however often it is delivered)
 * @param reference the score a deterioration is measured from
 * ({@code SCORE_DETERIORATED})
 * @param pending alerts decided but not yet written to (or resolved in) their documents
 */
@Document(AlertState.COLLECTION)
record AlertState(@Id String id, String customerId, AlertType type, List<Raised> raised, long version,
		List<String> seen, Reference reference, List<Pending> pending) {

	static final String COLLECTION = "alert_states";

	/** The portfolio's pseudo customer in state ids (alerts without a customer). */
	static final String PORTFOLIO = "portfolio";

	AlertState {
		raised = (raised != null) ? List.copyOf(raised) : List.of();
		seen = (seen != null) ? List.copyOf(seen) : List.of();
		pending = (pending != null) ? List.copyOf(pending) : List.of();
	}

	static String id(String customerId, AlertType type) {
		return ((customerId != null) ? customerId : PORTFOLIO) + "|" + type.name();
	}

	Set<String> raisedKeys() {
		return this.raised.stream().map(Raised::key).collect(Collectors.toSet());
	}

	String alertOf(String key) {
		return this.raised.stream().filter(r -> r.key().equals(key)).map(Raised::alertId).findFirst().orElse(null);
	}

	/** A condition raised, and the alert that reports it. */
	record Raised(String key, String alertId) {
	}

	/** The score deterioration is measured from. */
	record Reference(RiskGrade grade, Double probabilityOfDefault) {
	}

	/**
	 * An alert to write ({@code alert} set) or to resolve ({@code resolvedAt} set) in its
	 * own document.
	 */
	record Pending(String alertId, Alert alert, Instant resolvedAt) {
	}

}
