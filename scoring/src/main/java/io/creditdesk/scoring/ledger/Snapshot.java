package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.LabeledHistory;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One training example: a customer's history as of a date and what happened in the
 * outcome window after it.
 *
 * @param asOf the as-of date T of the history
 * @param example the history as known on T and its label
 */
public record Snapshot(LocalDate asOf, LabeledHistory example) {

	public Snapshot {
		Objects.requireNonNull(asOf, "asOf");
		Objects.requireNonNull(example, "example");
	}

	public String customerId() {
		return example.history().customerId();
	}
}
