package io.creditdesk.intake;

import java.util.List;

/**
 * The credit decision on a placed order.
 *
 * @param status {@code APPROVED}, {@code PENDING_APPROVAL} or {@code REJECTED}
 * @param reasonCodes machine-readable reasons of the decision (empty when approved
 * without remarks)
 */
public record GatewayDecision(String orderId, String status, List<String> reasonCodes) {

	public GatewayDecision {
		reasonCodes = (reasonCodes != null) ? List.copyOf(reasonCodes) : List.of();
	}

}
