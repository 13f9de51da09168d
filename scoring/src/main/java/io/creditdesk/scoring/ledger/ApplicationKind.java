package io.creditdesk.scoring.ledger;

/**
 * What an amount applied to an invoice was. Only {@link #PAYMENT} counts as money paid in
 * the monthly statements; all four reduce what is open, and {@link #WRITE_OFF} also
 * counts towards the label (a loss).
 */
public enum ApplicationKind {

	/** Money received from the customer. */
	PAYMENT,
	/** An early-payment discount the customer was entitled to. */
	DISCOUNT,
	/**
	 * A credit note: the seller reduced what the customer owes (returns, price
	 * corrections).
	 */
	CREDIT_NOTE,
	/** The seller gave up the rest as uncollectable. */
	WRITE_OFF

}
