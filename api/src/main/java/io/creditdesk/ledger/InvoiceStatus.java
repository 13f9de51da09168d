package io.creditdesk.ledger;

/** Where an invoice is in its life. */
public enum InvoiceStatus {

	/** Issued, not fully settled: its open amount is a receivable. */
	OPEN,
	/** Settled by payments, an early-payment discount and credit notes. */
	PAID,
	/** The rest was written off as uncollectable. */
	WRITTEN_OFF

}
