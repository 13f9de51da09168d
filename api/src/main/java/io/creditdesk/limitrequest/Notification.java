package io.creditdesk.limitrequest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An in-app notification to the holders of a role or to one person (email and other
 * channels are a later issue). The id names the request and step, so a notification
 * written twice is stored once.
 *
 * @param id {@code <requestId>:<step>:<kind>}, or {@code <requestId>:DECIDED}
 * @param recipientRole the role notified; null when a person is
 * @param recipientUser the person notified (the requester of a decided request); null
 * when a role is
 * @param requestId the request
 * @param customerId its customer
 * @param kind {@code ESCALATED} or {@code DECIDED}
 * @param message what happened, in words
 * @param at when
 */
@Document("notifications")
public record Notification(@Id String id, ApproverRole recipientRole, String recipientUser, String requestId,
		String customerId, String kind, String message, Instant at) {
}
