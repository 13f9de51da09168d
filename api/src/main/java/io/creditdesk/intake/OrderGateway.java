package io.creditdesk.intake;

/**
 * Where a normalized order goes: the same atomic credit check as the GraphQL {@code placeOrder}.
 * The order credit check capability implements it; until a bean of this type exists the intake
 * consumers do not start.
 */
public interface OrderGateway {

	/**
	 * Places the order. Idempotent on {@link CanonicalOrder#orderId()}: placing the same order again
	 * returns the first decision and reserves nothing more.
	 * @throws io.creditdesk.common.CreditDeskException for a refused or invalid order (a permanent
	 * failure: the record goes to the dead-letter topic with its code); any other
	 * {@link RuntimeException} is a transient failure (store unavailable) and is retried with backoff
	 */
	GatewayDecision place(CanonicalOrder order);

}
