package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;

/**
 * What a shipment or an invoice of an order takes in the credit currency. A part is
 * converted at the order's rate and rounded to the credit currency's minor units; the
 * shipment that completes the order in its own currency takes the exact open rest, and
 * the invoice that completes its shipped part in its own currency the exact
 * shipped-not-invoiced rest, so rounded parts leave nothing behind (1000.01 USD at 0.92
 * is 920.01 EUR; three parts of 333.33 USD are 306.66 EUR each, and the 0.02 USD that
 * completes the order takes the 0.03 EUR left). An invoice beyond what was shipped in the
 * order's currency is refused. An order stored before it kept its shipped and invoiced
 * amounts in its own currency ({@link Order#shippedInOrderCurrency}) is taken as before:
 * a converted amount one minor unit off the rest is that rest.
 */
final class OrderRests {

	private OrderRests() {
	}

	/**
	 * A shipment as the order takes it.
	 *
	 * @param credit what it moves from open orders to shipped (more than is open: the
	 * excess raises the order, through the credit check)
	 * @param shipped what it shipped in the order's currency (the rest, for a shipment
	 * without an amount)
	 * @param amountAfter the order's amount after it (raised by a shipment beyond it)
	 * @param complete whether it ships the order in full
	 * @param shippedAfter shipped in the order's currency after it; null when not known
	 */
	record Shipment(BigDecimal credit, Money shipped, Money amountAfter, boolean complete, BigDecimal shippedAfter) {
	}

	/** The shipment of {@code amount} ({@code null}: the open rest) of {@code order}. */
	static Shipment shipment(Order order, Money amount) {
		BigDecimal open = order.openCredit();
		BigDecimal before = order.shippedInOrderCurrency();
		BigDecimal left = (before != null) ? order.amount().amount().subtract(before) : null;
		String currency = order.amount().currency();
		if (left == null || left.signum() <= 0) {
			return shipmentAsBefore(order, amount, open, before);
		}
		Money shipped = (amount != null) ? amount : new Money(left, currency);
		BigDecimal beyond = shipped.amount().subtract(left);
		BigDecimal credit;
		if (beyond.signum() < 0) {
			// A part: converted, and never more than is open (the rest takes what a
			// rounding left).
			credit = atOrderRate(order, shipped.amount()).min(open);
		}
		else {
			credit = (beyond.signum() == 0) ? open : open.add(atOrderRate(order, beyond));
		}
		Money amountAfter = (beyond.signum() > 0) ? new Money(order.amount().amount().add(beyond), currency)
				: order.amount();
		return new Shipment(credit, shipped, amountAfter, beyond.signum() >= 0, before.add(shipped.amount()));
	}

	/**
	 * As shipments were taken before the order's currency was tracked: a converted amount
	 * one minor unit off the open rest is that rest; the rest is recorded at the order's
	 * rate.
	 */
	private static Shipment shipmentAsBefore(Order order, Money amount, BigDecimal open, BigDecimal before) {
		BigDecimal credit = (amount == null) ? open : atOrderRate(order, amount.amount());
		if (order.converted() && credit.subtract(open).abs().compareTo(minorUnit(order)) <= 0) {
			credit = open;
		}
		BigDecimal excess = credit.subtract(open);
		String currency = order.amount().currency();
		Money shipped = (amount != null) ? amount
				: new Money(order.converted() ? backAtOrderRate(order, credit) : credit, currency);
		Money amountAfter = (excess.signum() > 0)
				? new Money(order.amount().amount().add(backAtOrderRate(order, excess)), currency) : order.amount();
		BigDecimal total = order.creditAmount().amount().add(excess.max(BigDecimal.ZERO));
		boolean complete = order.shippedCredit().add(credit).compareTo(total) >= 0;
		return new Shipment(credit, shipped, amountAfter, complete,
				(before != null) ? before.add(shipped.amount()) : null);
	}

	/**
	 * What an invoice of {@code amount} (in the order's currency) takes of the order's
	 * shipped-not-invoiced part, in the credit currency.
	 * @throws CreditDeskException {@code INVOICE_EXCEEDS_SHIPPED} when it is more than
	 * was shipped and not yet invoiced, in the order's currency or (converted, beyond one
	 * minor unit of rounding) in the credit currency
	 */
	static BigDecimal invoice(Order order, Money amount) {
		BigDecimal invoiceable = order.shippedNotInvoicedCredit();
		BigDecimal shipped = order.shippedInOrderCurrency();
		BigDecimal invoiced = order.invoicedInOrderCurrency();
		if (shipped != null && invoiced != null) {
			BigDecimal left = shipped.subtract(invoiced);
			int compared = amount.amount().compareTo(left);
			if (compared > 0) {
				throw CreditDeskException.refuse(LedgerErrorCode.INVOICE_EXCEEDS_SHIPPED, "amount", order.id(),
						new Money(left.max(BigDecimal.ZERO), order.amount().currency()));
			}
			if (compared == 0) {
				return invoiceable;
			}
		}
		BigDecimal credit = atOrderRate(order, amount.amount());
		if (credit.compareTo(invoiceable) > 0) {
			// Only a converted amount may be rounded one minor unit beyond what is left,
			// and only when something is left: an amount in the credit currency is
			// exact, and an order invoiced in full takes no more.
			if (!order.converted() || invoiceable.signum() == 0
					|| credit.subtract(invoiceable).compareTo(minorUnit(order)) > 0) {
				throw CreditDeskException.refuse(LedgerErrorCode.INVOICE_EXCEEDS_SHIPPED, "amount", order.id(),
						new Money(invoiceable, order.creditAmount().currency()));
			}
			credit = invoiceable;
		}
		return credit;
	}

	/** {@code amount} converted at the order's rate, at the credit currency's scale. */
	static BigDecimal atOrderRate(Order order, BigDecimal amount) {
		int digits = Math.max(order.creditAmount().amount().scale(), 0);
		BigDecimal converted = order.converted() ? amount.multiply(order.fxRate()) : amount;
		return converted.setScale(digits, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal backAtOrderRate(Order order, BigDecimal credit) {
		return credit.divide(order.fxRate(), order.amount().amount().scale(), RoundingMode.HALF_EVEN);
	}

	private static BigDecimal minorUnit(Order order) {
		return BigDecimal.ONE.movePointLeft(Math.max(order.creditAmount().amount().scale(), 0));
	}

}
