package io.creditdesk.risk.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.ledger.Invoice;
import io.creditdesk.scoring.ledger.ApplicationKind;

/**
 * What a payment history needs of one invoice document of the ledger, as stored: its
 * dates, its amount in the customer's credit currency, when it was recorded, and every
 * amount applied to it. Read straight from the store's documents on the scoring path
 * ({@link LedgerDocuments}) or taken from a mapped {@link Invoice}; either way
 * {@link LedgerFacts} derives the same facts from it.
 *
 * @param id the invoice id
 * @param customerId the customer it was issued to
 * @param invoiceDate the day it was issued
 * @param dueDate the day it is due
 * @param creditAmount its amount in the credit currency
 * @param issuedAt when the ledger recorded it (null when the document has none)
 * @param applications payments, discounts, credit notes and write-offs applied to it
 */
record StoredInvoice(String id, String customerId, LocalDate invoiceDate, LocalDate dueDate, BigDecimal creditAmount,
		Instant issuedAt, List<Applied> applications) {

	/**
	 * An amount applied to the invoice.
	 *
	 * @param kind payment, discount, credit note or write-off
	 * @param date the day it took effect
	 * @param creditAmount the amount in the credit currency
	 * @param at when the ledger recorded it (null when the document has none)
	 */
	record Applied(ApplicationKind kind, LocalDate date, BigDecimal creditAmount, Instant at) {
	}

	/** The same facts from an invoice mapped by Spring Data. */
	static StoredInvoice of(Invoice invoice) {
		List<Applied> applied = new ArrayList<>(invoice.applications().size());
		for (Invoice.Application a : invoice.applications()) {
			applied.add(new Applied(kind(a.type()), a.date(), a.creditAmount(), a.at()));
		}
		return new StoredInvoice(invoice.id(), invoice.customerId(), invoice.invoiceDate(), invoice.dueDate(),
				(invoice.creditAmount() != null) ? invoice.creditAmount().amount() : null, invoice.issuedAt(), applied);
	}

	private static ApplicationKind kind(Invoice.ApplicationType type) {
		return switch (type) {
			case PAYMENT -> ApplicationKind.PAYMENT;
			case DISCOUNT -> ApplicationKind.DISCOUNT;
			case CREDIT_NOTE -> ApplicationKind.CREDIT_NOTE;
			case WRITE_OFF -> ApplicationKind.WRITE_OFF;
		};
	}

}
