package io.creditdesk.ledger;

import java.time.LocalDate;

import io.creditdesk.common.DecimalInput;

/** The GraphQL inputs of the invoice operations. */
public final class InvoiceInputs {

	private InvoiceInputs() {
	}

	public record IssueInvoiceInput(String invoiceId, String customerId, String orderId, DecimalInput amount,
			String currency, LocalDate invoiceDate, Boolean overrideCredit, String reason) {
	}

	public record RecordPaymentInput(String paymentId, String invoiceId, DecimalInput amount, String currency,
			LocalDate paymentDate) {
	}

	public record IssueCreditNoteInput(String creditNoteId, String invoiceId, DecimalInput amount, String reason) {
	}

	public record WriteOffInput(String invoiceId, String reason) {
	}

}
