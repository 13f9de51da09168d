package io.creditdesk.customer;

import java.time.Instant;
import java.time.LocalDate;

import io.creditdesk.common.Money;

/** An approved credit limit with its validity and review date. */
public record CreditLimit(Money amount, LocalDate validUntil, LocalDate nextReviewDate, String approvedBy,
		Instant approvedAt) {
}
