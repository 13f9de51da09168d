package io.creditdesk.scoring.model;

import io.creditdesk.scoring.history.HistoryResult;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A customer's score as of a date, or the documented reason it has none: what the service
 * stores per customer.
 *
 * @param customerId the customer
 * @param asOf the as-of date of the history scored
 * @param status {@link ScoreStatus#SCORED} with a score, or
 * {@link ScoreStatus#INSUFFICIENT_HISTORY}
 * @param score probability, grade and reasons when scored, otherwise null
 * @param historyMonths the months of history used (or found, when too few)
 * @param monthsNeeded the minimum the model needs
 * @param importedMonths how many of the months came from imported statements
 */
public record CustomerScore(String customerId, LocalDate asOf, ScoreStatus status, Score score, int historyMonths,
		int monthsNeeded, int importedMonths) {

	public CustomerScore {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(asOf, "asOf");
		Objects.requireNonNull(status, "status");
		if ((status == ScoreStatus.SCORED) != (score != null)) {
			throw new IllegalArgumentException("a score is present exactly when the status is SCORED");
		}
	}

	static CustomerScore scored(HistoryResult history, Score score) {
		return new CustomerScore(history.customerId(), history.asOf(), ScoreStatus.SCORED, score, history.months(),
				history.monthsNeeded(), history.importedMonths());
	}

	static CustomerScore insufficient(HistoryResult history) {
		return new CustomerScore(history.customerId(), history.asOf(), ScoreStatus.INSUFFICIENT_HISTORY, null,
				history.months(), history.monthsNeeded(), history.importedMonths());
	}
}
