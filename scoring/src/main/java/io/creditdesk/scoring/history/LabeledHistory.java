package io.creditdesk.scoring.history;

import java.util.Objects;

/**
 * A payment history with its outcome: {@code defaulted} is true when the customer became
 * seriously delinquent or defaulted in the period after the history (see the label
 * definition in the scoring README).
 */
public record LabeledHistory(PaymentHistory history, boolean defaulted) {

	public LabeledHistory {
		Objects.requireNonNull(history, "history");
	}
}
