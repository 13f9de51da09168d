package io.creditdesk.ledger;

import java.time.Instant;
import java.util.List;

import io.creditdesk.common.Money;

/**
 * A credit decision with its machine-readable reasons and the figures it used, in the
 * customer's credit currency. {@code availableAfter} is what remains once the decision
 * took effect: lower by the amount when approved, unchanged otherwise.
 *
 * @param reasonCodes the codes of {@code reasons}, in the same order
 * @param reasons each reason with the figures its rule compared; decisions stored before
 * the figures were kept read as their codes without figures
 */
public record CreditDecision(DecisionStatus status, List<CreditReasonCode> reasonCodes, List<CreditReason> reasons,
		Money amount, Money limit, Money exposure, Money available, Money availableAfter, Instant decidedAt,
		String decidedBy) {

	public CreditDecision {
		reasonCodes = (reasonCodes != null) ? List.copyOf(reasonCodes) : List.of();
		reasons = (reasons != null) ? List.copyOf(reasons) : CreditReason.of(reasonCodes);
	}

	/** A decision whose codes are those of {@code reasons}. */
	static CreditDecision of(DecisionStatus status, List<CreditReason> reasons, Money amount, Money limit,
			Money exposure, Money available, Money availableAfter, Instant decidedAt, String decidedBy) {
		return new CreditDecision(status, reasons.stream().map(CreditReason::code).toList(), reasons, amount, limit,
				exposure, available, availableAfter, decidedAt, decidedBy);
	}

	/**
	 * This decision on the increase of an order (its {@code amount}) to {@code total}:
	 * the reasons on the amount checked say it is an increase, and to what
	 * ({@link CreditReason#onIncreaseTo}).
	 */
	CreditDecision onIncreaseTo(String total) {
		return of(this.status, this.reasons.stream().map(r -> r.onIncreaseTo(total)).toList(), this.amount, this.limit,
				this.exposure, this.available, this.availableAfter, this.decidedAt, this.decidedBy);
	}

}
