package io.creditdesk.intake;

/**
 * Where a normalized order goes: the same atomic credit check as the GraphQL
 * {@code placeOrder}. The order credit check capability implements it; until a bean of
 * this type exists the intake consumers do not start.
 */
public interface OrderGateway {

	/**
	 * Places the order. Idempotent on {@link CanonicalOrder#orderId()}: placing the same
	 * order again returns the first decision and reserves nothing more.
	 * @throws io.creditdesk.common.CreditDeskException for a refused or invalid order (a
	 * permanent failure: the record goes to the dead-letter topic with its code); a
	 * failure of the store or the broker (its own exception, wrapped or not) is retried
	 * with backoff when the {@link TransientFailurePolicy} knows it as transient; any
	 * other exception is dead-lettered at once
	 */
	GatewayDecision place(CanonicalOrder order);

}
