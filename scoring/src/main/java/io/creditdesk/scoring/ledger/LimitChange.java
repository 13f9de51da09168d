package io.creditdesk.scoring.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A credit limit that took effect on a day, in the customer's credit currency.
 *
 * @param effectiveDate the first day the limit applied
 * @param amount the limit, not negative
 * @param bookedAt when it was recorded; a history as of an earlier date does not know it
 */
public record LimitChange(LocalDate effectiveDate, BigDecimal amount, Instant bookedAt) {

	public LimitChange {
		Objects.requireNonNull(effectiveDate, "effectiveDate");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(bookedAt, "bookedAt");
		if (amount.signum() < 0) {
			throw new IllegalArgumentException("a credit limit must not be negative, was " + amount);
		}
	}
}
