package io.creditdesk.ledger;

import java.time.Instant;
import java.util.List;

import io.creditdesk.common.Money;

/**
 * A credit decision with its machine-readable reasons and the figures it used, in the
 * customer's credit currency. {@code availableAfter} is what remains once the decision took
 * effect: lower by the amount when approved, unchanged otherwise.
 */
public record CreditDecision(DecisionStatus status, List<CreditReasonCode> reasonCodes, Money amount, Money limit,
		Money exposure, Money available, Money availableAfter, Instant decidedAt, String decidedBy) {
}
