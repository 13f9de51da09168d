package io.creditdesk.ledger;

import java.time.LocalDate;

import io.creditdesk.common.DecimalInput;

/** The GraphQL inputs of the order operations. */
public final class OrderInputs {

	private OrderInputs() {
	}

	public record PlaceOrderInput(String orderId, String customerId, DecimalInput amount, String currency,
			String channel, LocalDate requestedDeliveryDate) {
	}

	public record AmendOrderInput(String orderId, DecimalInput amount, String reason) {
	}

	public record CancelOrderInput(String orderId, String reason) {
	}

	public record ReopenOrderInput(String orderId, String reason) {
	}

	public record ShipOrderInput(String orderId, String shipmentId, DecimalInput amount) {
	}

	public record ReleaseOrderInput(String orderId, String reason, Boolean overrideLimit) {
	}

	public record RejectOrderInput(String orderId, String reason) {
	}

	public record OrderFilter(String customerId, String segment, String channel) {
	}

}
