package io.creditdesk.scoring.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An invoice as the service's ledger holds it, with every amount applied to it, in the
 * customer's credit currency.
 *
 * @param id the invoice number (for messages only)
 * @param issueDate the invoice date
 * @param dueDate the payment due date, not before the issue date
 * @param amount the invoiced amount, more than zero
 * @param bookedAt when the ledger recorded the invoice
 * @param applications payments, discounts, credit notes and write-offs, in any order,
 * none dated before the issue date; the invoice is closed on the day they first add up to
 * its amount
 */
public record LedgerInvoice(String id, LocalDate issueDate, LocalDate dueDate, BigDecimal amount, Instant bookedAt,
		List<Application> applications) {

	public LedgerInvoice {
		id = id == null ? "" : id;
		Objects.requireNonNull(issueDate, "issueDate");
		Objects.requireNonNull(dueDate, "dueDate");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(bookedAt, "bookedAt");
		applications = applications == null ? List.of() : List.copyOf(applications);
		if (dueDate.isBefore(issueDate)) {
			throw new IllegalArgumentException(
					"invoice " + id + ": due date " + dueDate + " is before the issue date " + issueDate);
		}
		if (amount.signum() <= 0) {
			throw new IllegalArgumentException("invoice " + id + ": the amount must be more than zero, was " + amount);
		}
		for (Application a : applications) {
			if (a.date().isBefore(issueDate)) {
				throw new IllegalArgumentException("invoice " + id + ": a " + a.kind() + " dated " + a.date()
						+ " is before the issue date " + issueDate);
			}
		}
	}
}
