package io.creditdesk.limitrequest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An in-app notification to the holders of a role (email and other channels are a later
 * issue). The id names the request and step, so a notification written twice is stored
 * once.
 *
 * @param id {@code <requestId>:<step>:<kind>}
 * @param recipientRole who is notified
 * @param requestId the request
 * @param customerId its customer
 * @param kind {@code ESCALATED}
 * @param message what happened, in words
 * @param at when
 */
@Document("notifications")
public record Notification(@Id String id, ApproverRole recipientRole, String requestId, String customerId, String kind,
		String message, Instant at) {
}
