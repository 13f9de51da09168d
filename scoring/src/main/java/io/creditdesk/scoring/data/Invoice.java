package io.creditdesk.scoring.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One invoice of a customer, as the ledger knows it today. {@link InvoiceAggregator}
 * decides which of these facts were known at a given date; the record itself holds facts
 * that are only known afterwards too ({@code settledDate}, {@code paidAmount},
 * {@code disputed}).
 *
 * @param customerId the customer
 * @param invoiceId the invoice number; may be empty
 * @param invoiceDate issue date
 * @param dueDate payment due date, not before the issue date
 * @param amount invoiced amount
 * @param settledDate date the invoice was closed, or null while it is open
 * @param paidAmount amount paid by {@code settledDate}; less than {@code amount} is a
 * short payment or write-off (0 for an open invoice)
 * @param segment business segment for per-segment evaluation, never a model input; may be
 * empty
 * @param creditLimit the customer's credit limit when the invoice was issued, or
 * {@link Double#NaN} when unknown
 * @param disputed whether the invoice was disputed: informational only, it is known only
 * after the fact
 */
public record Invoice(String customerId, String invoiceId, LocalDate invoiceDate, LocalDate dueDate, double amount,
		LocalDate settledDate, double paidAmount, String segment, double creditLimit, boolean disputed) {

	public Invoice {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(invoiceDate, "invoiceDate");
		Objects.requireNonNull(dueDate, "dueDate");
		invoiceId = invoiceId == null ? "" : invoiceId;
		segment = segment == null ? "" : segment;
		if (customerId.isBlank()) {
			throw new IllegalArgumentException("customer id must not be blank");
		}
		if (dueDate.isBefore(invoiceDate)) {
			throw new IllegalArgumentException("due date " + dueDate + " is before the invoice date " + invoiceDate);
		}
		if (settledDate != null && settledDate.isBefore(invoiceDate)) {
			throw new IllegalArgumentException(
					"settled date " + settledDate + " is before the invoice date " + invoiceDate);
		}
		if (!Double.isFinite(amount) || !Double.isFinite(paidAmount)) {
			throw new IllegalArgumentException("amounts must be finite numbers");
		}
		if (!Double.isNaN(creditLimit) && (Double.isInfinite(creditLimit) || creditLimit < 0)) {
			throw new IllegalArgumentException(
					"credit limit must be a non-negative number or NaN (unknown), was " + creditLimit);
		}
	}

	/** Whether a credit limit was recorded with the invoice. */
	public boolean hasCreditLimit() {
		return !Double.isNaN(creditLimit);
	}

	/**
	 * Whether the invoice was closed before {@code date} (a settlement on {@code date}
	 * itself is not yet known then).
	 */
	public boolean settledBefore(LocalDate date) {
		return settledDate != null && settledDate.isBefore(date);
	}
}
