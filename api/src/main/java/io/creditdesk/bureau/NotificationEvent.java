package io.creditdesk.bureau;

import java.time.Instant;

/**
 * A change the bureau reports on a monitored company (its rating, limit, status, a
 * filing).
 *
 * @param eventId the bureau's id of the event, unique and increasing
 * @param companyId the bureau's id of the company
 * @param occurredAt when the change happened
 * @param ruleCode the bureau's code of the kind of change (for example
 * {@code RATING_CHANGE})
 * @param ruleName the bureau's words for it
 * @param oldValue the value before, as text; null when none
 * @param newValue the value after, as text; null when none
 */
public record NotificationEvent(String eventId, String companyId, Instant occurredAt, String ruleCode, String ruleName,
		String oldValue, String newValue) {
}
