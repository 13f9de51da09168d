package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One order from any sales channel, normalized: the customer resolved, codes trimmed and
 * upper-cased, the amount exact in the order currency.
 *
 * @param orderId the idempotency key: {@code channel + ":" + channelOrderNumber}, e.g.
 * {@code webshop:WS-100234}
 * @param channel the channel code, e.g. {@code webshop}
 * @param channelOrderNumber the channel's order number, trimmed and upper-cased
 * @param customerId the resolved CreditDesk customer id
 * @param amount the order value in {@code currency}, with the currency's minor-unit
 * digits
 * @param currency ISO 4217 code
 * @param requestedDeliveryDate the requested delivery date, or null
 */
public record CanonicalOrder(String orderId, String channel, String channelOrderNumber, String customerId,
		BigDecimal amount, String currency, LocalDate requestedDeliveryDate, List<Line> lines) {

	public CanonicalOrder {
		lines = List.copyOf(lines);
	}

	/**
	 * One order line: item id (trimmed, upper case), quantity and unit price in the order
	 * currency.
	 */
	public record Line(String sku, BigDecimal quantity, BigDecimal unitPrice) {
	}

}
