package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A sales order as the credit check sees it. The caller's order id is the document id,
 * which makes placing it idempotent. Amounts are kept in the order's currency and,
 * converted at the rate stored here, in the customer's credit currency.
 *
 * @param creditAmount the order value in the credit currency
 * @param shippedCredit shipped so far, in the credit currency
 * @param invoicedCredit invoiced so far from the shipped part, in the credit currency
 * @param shippedAmount shipped so far, in the order's currency; null in an order stored
 * before it was kept (see {@link #shippedInOrderCurrency})
 * @param invoicedAmount invoiced so far, in the order's currency; null in an order stored
 * before it was kept (see {@link #invoicedInOrderCurrency})
 * @param longDated whether its delivery date lies beyond the check horizon (its
 * reservation is reported but not counted by the check)
 * @param fingerprint the placed content, to tell a retry from a conflicting reuse of the
 * id
 * @param shipmentIds the ids of its shipments, so that a shipment sent again ships
 * nothing more
 * @param shipments what each shipment shipped, to answer a retry of its id and refuse the
 * id sent with another amount; orders stored before it was kept have only the ids
 * @param worklistKey time-ordered key while the order (or an amendment) waits for
 * approval
 */
@Document(Order.COLLECTION)
public record Order(@Id String id, String customerId, String segment, String channel, Money amount, Money creditAmount,
		BigDecimal fxRate, LocalDate fxRateDate, LocalDate requestedDeliveryDate, boolean longDated, OrderStatus status,
		CreditDecision decision, BigDecimal shippedCredit, BigDecimal invoicedCredit, BigDecimal shippedAmount,
		BigDecimal invoicedAmount, List<String> shipmentIds, List<Shipment> shipments,
		PendingAmendment pendingAmendment, String placedBy, Instant placedAt, Instant updatedAt, String fingerprint,
		String worklistKey, long version) {

	/** The collection orders are kept in. */
	public static final String COLLECTION = "orders";

	public Order {
		shippedCredit = (shippedCredit != null) ? shippedCredit : BigDecimal.ZERO;
		invoicedCredit = (invoicedCredit != null) ? invoicedCredit : BigDecimal.ZERO;
		shipmentIds = (shipmentIds != null) ? shipmentIds : List.of();
		shipments = (shipments != null) ? shipments : List.of();
	}

	/**
	 * One shipment of the order (its id is not named {@code id}: the store would keep
	 * that as {@code _id}).
	 *
	 * @param amount what it shipped, in the order's currency
	 * @param rest whether it was sent without an amount, to ship the open rest
	 */
	public record Shipment(String shipmentId, Money amount, boolean rest) {
	}

	/**
	 * The shipment {@code shipmentId} as recorded with its amount; empty when the order
	 * has no such shipment, or has it from before shipments kept their amounts (then only
	 * {@link #shipmentIds} names it).
	 */
	public Optional<Shipment> shipment(String shipmentId) {
		return this.shipments.stream().filter(s -> s.shipmentId().equals(shipmentId)).findFirst();
	}

	/**
	 * An increase that did not fit and waits for approval; the order keeps its old amount
	 * meanwhile.
	 *
	 * @param reasonCodes the codes of {@code decision}'s reasons
	 * @param decision the check that held it (on the increase, with its reasons and
	 * figures); null for an amendment stored before it was kept
	 */
	public record PendingAmendment(Money amount, Money creditAmount, List<CreditReasonCode> reasonCodes,
			String requestedBy, Instant requestedAt, CreditDecision decision) {
	}

	/**
	 * This order as the Finance worklist shows it: an order whose amendment waits carries
	 * the decision that held the amendment (the order's own, approved, is not what
	 * waits); any other as it is.
	 */
	Order asWaiting() {
		if (this.pendingAmendment == null || this.pendingAmendment.decision() == null) {
			return this;
		}
		return new Order(this.id, this.customerId, this.segment, this.channel, this.amount, this.creditAmount,
				this.fxRate, this.fxRateDate, this.requestedDeliveryDate, this.longDated, this.status,
				this.pendingAmendment.decision(), this.shippedCredit, this.invoicedCredit, this.shippedAmount,
				this.invoicedAmount, this.shipmentIds, this.shipments, this.pendingAmendment, this.placedBy,
				this.placedAt, this.updatedAt, this.fingerprint, this.worklistKey, this.version);
	}

	/** The reserved, not yet shipped part, in the credit currency. */
	public BigDecimal openCredit() {
		return (this.status == OrderStatus.OPEN)
				? this.creditAmount.amount().subtract(this.shippedCredit).max(BigDecimal.ZERO) : BigDecimal.ZERO;
	}

	/**
	 * What releasing this waiting order reserves, in the credit currency: a held order's
	 * unshipped part (a reopened order may have shipped some), or the increase of a held
	 * amendment of an open order. Zero or less when there is nothing to release (an order
	 * that shipped in full, an amendment a shipment overtook): such an order is not
	 * released.
	 */
	public BigDecimal waitingNeed() {
		if (this.pendingAmendment != null) {
			return (this.status == OrderStatus.OPEN)
					? this.pendingAmendment.creditAmount().amount().subtract(this.creditAmount.amount())
					: BigDecimal.ZERO;
		}
		return (this.status == OrderStatus.HELD) ? this.creditAmount.amount().subtract(this.shippedCredit)
				: BigDecimal.ZERO;
	}

	/**
	 * Whether the order's amounts are converted into the credit currency (another
	 * currency than the customer's): only then can a shipment's or an invoice's credit
	 * value be rounded, by at most one minor unit of the credit currency.
	 */
	public boolean converted() {
		return !this.amount.currency().equals(this.creditAmount.currency());
	}

	/**
	 * Shipped so far in the order's currency, or null when it is not known: an order
	 * stored before it was kept knows it only when it shipped nothing, or when it is not
	 * converted (then it is what was shipped in the credit currency).
	 */
	public BigDecimal shippedInOrderCurrency() {
		return inOrderCurrency(this.shippedAmount, this.shippedCredit);
	}

	/**
	 * Invoiced so far in the order's currency, or null when it is not known (as
	 * {@link #shippedInOrderCurrency}).
	 */
	public BigDecimal invoicedInOrderCurrency() {
		return inOrderCurrency(this.invoicedAmount, this.invoicedCredit);
	}

	private BigDecimal inOrderCurrency(BigDecimal kept, BigDecimal credit) {
		if (kept != null) {
			return kept;
		}
		return (credit.signum() == 0 || !converted()) ? credit : null;
	}

	/** Shipped but not yet invoiced, in the credit currency. */
	public BigDecimal shippedNotInvoicedCredit() {
		return this.shippedCredit.subtract(this.invoicedCredit).max(BigDecimal.ZERO);
	}

	/**
	 * This order as it will be after a change of status, amounts or pending amendment
	 * (for its events).
	 */
	Order with(OrderStatus status, Money amount, Money creditAmount, PendingAmendment pendingAmendment) {
		return new Order(this.id, this.customerId, this.segment, this.channel, amount, creditAmount, this.fxRate,
				this.fxRateDate, this.requestedDeliveryDate, this.longDated, status, this.decision, this.shippedCredit,
				this.invoicedCredit, this.shippedAmount, this.invoicedAmount, this.shipmentIds, this.shipments,
				pendingAmendment, this.placedBy, this.placedAt, this.updatedAt, this.fingerprint, this.worklistKey,
				this.version);
	}

	public DecisionStatus decisionStatus() {
		return (this.decision != null) ? this.decision.status() : null;
	}

}
