package io.creditdesk.intake.adapter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One order as a channel sent it, parsed but not yet resolved: the customer is still a
 * reference and the amount is still what the channel declared.
 *
 * @param orderNumber the channel's own order number, as sent (trimmed)
 * @param currency the currency code as sent (alphabetic), or null when the channel left
 * it out
 * @param declaredTotal the order total the channel stated, or null when it states none
 * @param requestedDeliveryDate the requested delivery date, or null
 * @param lines the order lines, in the channel's order
 * @param orderDate the date the channel gives the order (EDI BEG05, the web shop's and
 * marketplace's {@code orderDate}), or null; checked like every ledger document's date
 */
public record ChannelOrder(String orderNumber, CustomerRef customer, String currency, BigDecimal declaredTotal,
		LocalDate requestedDeliveryDate, List<Line> lines, LocalDate orderDate) {

	public ChannelOrder {
		lines = List.copyOf(lines);
	}

	/** An order whose channel gives no order date. */
	public ChannelOrder(String orderNumber, CustomerRef customer, String currency, BigDecimal declaredTotal,
			LocalDate requestedDeliveryDate, List<Line> lines) {
		this(orderNumber, customer, currency, declaredTotal, requestedDeliveryDate, lines, null);
	}

	/** One order line: the channel's item id, the quantity and the price of one unit. */
	public record Line(String sku, BigDecimal quantity, BigDecimal unitPrice) {
	}

	/**
	 * How the channel names the buyer: by the seller's external reference (the ERP
	 * account number), by country and tax id, or both. At least one of the two is set.
	 */
	public record CustomerRef(String externalRef, String countryCode, String taxId) {

		public boolean hasExternalRef() {
			return this.externalRef != null && !this.externalRef.isBlank();
		}

		public boolean hasTaxId() {
			return this.taxId != null && !this.taxId.isBlank();
		}

	}

}
