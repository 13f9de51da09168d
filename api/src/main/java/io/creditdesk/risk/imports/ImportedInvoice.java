package io.creditdesk.risk.imports;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One imported invoice with its settlement, in the customer's credit currency. The id is
 * {@code customerId|invoice_id} (or, for rows without an invoice number, derived from the
 * row's content), so a re-import replaces it with itself.
 *
 * @param settledDate the day it was closed, or null while open
 * @param paidAmount what was paid by then (the rest was written off), or null while open
 * @param creditLimit the limit in force when it was issued, or null when unknown
 */
@Document("imported_invoices")
record ImportedInvoice(@Id String id, String customerId, String invoiceId, LocalDate invoiceDate, LocalDate dueDate,
		BigDecimal amount, LocalDate settledDate, BigDecimal paidAmount, BigDecimal creditLimit) {
}
