package io.creditdesk.customer;

import java.time.Instant;
import java.time.LocalDate;

import io.creditdesk.common.Money;

/**
 * An approved credit limit with its validity and review date.
 *
 * @param requestId the credit limit request that approved it; null for a direct change
 * ({@code setCreditLimit}). Applying a request's limit twice is recognised by it, so a
 * request's approval completes idempotently after a crash.
 */
public record CreditLimit(Money amount, LocalDate validUntil, LocalDate nextReviewDate, String approvedBy,
		Instant approvedAt, String requestId) {

	/** A limit set directly, not through a request. */
	public CreditLimit(Money amount, LocalDate validUntil, LocalDate nextReviewDate, String approvedBy,
			Instant approvedAt) {
		this(amount, validUntil, nextReviewDate, approvedBy, approvedAt, null);
	}

}
