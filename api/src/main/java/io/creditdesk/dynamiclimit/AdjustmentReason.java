package io.creditdesk.dynamiclimit;

import java.util.Objects;

/**
 * One reason of a proposal: the rule and the figures it compared.
 *
 * @param code the rule
 * @param threshold what the policy allows (a display string: an amount with its currency,
 * a number of days or months, a percentage), or null
 * @param actual what the customer has, or null
 */
public record AdjustmentReason(AdjustmentReasonCode code, String threshold, String actual) {

	public AdjustmentReason {
		Objects.requireNonNull(code, "code");
	}

	static AdjustmentReason of(AdjustmentReasonCode code) {
		return new AdjustmentReason(code, null, null);
	}

}
