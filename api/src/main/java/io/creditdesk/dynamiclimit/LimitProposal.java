package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the policy proposes for one customer.
 *
 * @param currency the credit currency
 * @param currentLimit the limit in force
 * @param targetLimit the target before guardrails, or null when none was computed
 * (insufficient history)
 * @param proposedLimit the proposed limit (equal to the current one when unchanged)
 * @param direction which way it moves
 * @param autoApplicable within automatic authority: applied directly, audited as a system
 * change; otherwise it becomes a routed credit limit request
 * @param immediate severe deterioration: reduced at once
 * @param reasons every rule that shaped it, with figures, in the order applied
 * @param noticeReasons for a decrease, the principal reasons for the customer notice (at
 * most four: the rule first, then the score's strongest reason codes); empty otherwise
 */
public record LimitProposal(String currency, BigDecimal currentLimit, BigDecimal targetLimit, BigDecimal proposedLimit,
		Direction direction, boolean autoApplicable, boolean immediate, List<AdjustmentReason> reasons,
		List<String> noticeReasons) {

	/** A notice names at most this many reasons. */
	public static final int MAX_NOTICE_REASONS = 4;

	public LimitProposal {
		Objects.requireNonNull(direction, "direction");
		reasons = List.copyOf(reasons);
		noticeReasons = List.copyOf(noticeReasons);
	}

	/** The reason codes in order, for tests and logs. */
	public List<AdjustmentReasonCode> codes() {
		return this.reasons.stream().map(AdjustmentReason::code).toList();
	}

}
