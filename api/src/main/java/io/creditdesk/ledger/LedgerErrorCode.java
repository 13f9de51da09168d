package io.creditdesk.ledger;

import io.creditdesk.common.ErrorCode;

/** Why an order, invoice, payment or credit account change is refused. */
public enum LedgerErrorCode implements ErrorCode {

	// Orders.

	/** No order has the given id. */
	ORDER_NOT_FOUND,

	/** The order id was already used for an order with different content. */
	ORDER_ID_CONFLICT,

	/**
	 * Other requests for the same order are being stored right now; try again in a few
	 * seconds.
	 */
	ORDER_IN_PROGRESS,

	/** Only open or held orders can be amended. */
	ORDER_NOT_AMENDABLE,

	/** An amendment below what the order has already shipped. */
	AMEND_BELOW_SHIPPED,

	/** Only open or held orders can be cancelled. */
	ORDER_NOT_CANCELLABLE,

	/** Only a cancelled order with an unshipped part can be reopened. */
	ORDER_NOT_REOPENABLE,

	/** Only open orders ship; a held order must be released by Finance first. */
	ORDER_NOT_SHIPPABLE,

	/**
	 * The customer may not receive goods on credit now (on hold, suspended or closed, a
	 * bureau or fraud flag raised): an approved order waits until Finance lifts it.
	 */
	SHIPMENT_BLOCKED,

	/** A shipment beyond the order whose excess the credit check did not approve. */
	OVER_SHIPMENT_NOT_APPROVED,

	// The Finance worklist.

	/** The order is not waiting for approval. */
	ORDER_NOT_PENDING,

	/** The approver placed the order (or its amendment) and may not release it. */
	SELF_APPROVAL_NOT_ALLOWED,

	/** The customer cannot buy on credit now; reject the order instead. */
	CUSTOMER_NOT_ELIGIBLE,

	/** The order does not fit the available credit (release without override). */
	EXCEEDS_AVAILABLE_CREDIT,

	/** The order does not fit the credit group's available credit. */
	EXCEEDS_GROUP_AVAILABLE_CREDIT,

	/** Even with an override the order would exceed the hard cap. */
	OVER_HARD_CAP,

	/**
	 * Without a hard cap, an override would take the net exposure to 10^15 or beyond,
	 * past the bound of every amount.
	 */
	EXPOSURE_OUT_OF_RANGE,

	// Invoices and payments.

	/** No invoice has the given id. */
	INVOICE_NOT_FOUND,

	/**
	 * The shipment id was already used on the order for a shipment of another amount.
	 */
	SHIPMENT_ID_CONFLICT,

	/** The invoice id was already used for an invoice with different content. */
	INVOICE_ID_CONFLICT,

	/**
	 * The payment id was already used on the invoice for a payment of another amount.
	 */
	PAYMENT_ID_CONFLICT,

	/**
	 * The credit note id was already used on the invoice for a credit note of another
	 * amount.
	 */
	CREDIT_NOTE_ID_CONFLICT,

	/** The invoice is paid, written off or credited in full. */
	INVOICE_NOT_OPEN,

	/** The invoice is for more than the order has shipped and not yet invoiced. */
	INVOICE_EXCEEDS_SHIPPED,

	/** An invoice dated before its order. */
	DATE_BEFORE_ORDER,

	/** A payment or credit note dated before its invoice. */
	DATE_BEFORE_INVOICE,

	/** A document dated before the customer existed. */
	DATE_BEFORE_CUSTOMER,

	/** The order belongs to another customer than the invoice. */
	ORDER_OF_ANOTHER_CUSTOMER,

	/** A standalone invoice the credit check rejects or holds. */
	CREDIT_CHECK_NOT_PASSED,

	/** Only a credit manager, the CFO or an admin may override the credit check. */
	OVERRIDE_NOT_ALLOWED,

	// Credit accounts.

	/** No active security has the given id. */
	SECURITY_NOT_FOUND,

	/** A group limit is set on a customer that is itself a member of a group. */
	NOT_A_GROUP_PARENT

}
