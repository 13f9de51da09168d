package io.creditdesk.scoring.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An amount applied to an invoice, in the customer's credit currency.
 *
 * @param kind payment, discount, credit note or write-off
 * @param date the day it took effect (the payment's value date, the credit note's date)
 * @param amount the amount applied, not negative
 * @param bookedAt when the ledger recorded it: a history as of a date never sees what was
 * booked later, even when it is dated earlier (a back-dated payment)
 */
public record Application(ApplicationKind kind, LocalDate date, BigDecimal amount, Instant bookedAt) {

	public Application {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(bookedAt, "bookedAt");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("an applied amount must not be negative, was " + amount);
		}
	}
}
