package io.creditdesk.scoring.history;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A customer's history as of a date, or the documented reason there is none.
 *
 * @param customerId the customer
 * @param asOf the as-of date T the history describes (month 1 ends the day before T)
 * @param status {@link HistoryStatus#AVAILABLE} with a history, or
 * {@link HistoryStatus#INSUFFICIENT_HISTORY}
 * @param history the history when available, otherwise null
 * @param months months of history found (the history's length when available)
 * @param monthsNeeded the minimum the model needs
 * @param importedMonths how many of the months came from imported statements rather than
 * the ledger
 */
public record HistoryResult(String customerId, LocalDate asOf, HistoryStatus status, PaymentHistory history, int months,
		int monthsNeeded, int importedMonths) {

	public HistoryResult {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(asOf, "asOf");
		Objects.requireNonNull(status, "status");
		if ((status == HistoryStatus.AVAILABLE) != (history != null)) {
			throw new IllegalArgumentException("a history is present exactly when the status is AVAILABLE");
		}
	}

	public static HistoryResult available(LocalDate asOf, PaymentHistory history, int monthsNeeded,
			int importedMonths) {
		return new HistoryResult(history.customerId(), asOf, HistoryStatus.AVAILABLE, history, history.length(),
				monthsNeeded, importedMonths);
	}

	public static HistoryResult insufficient(String customerId, LocalDate asOf, int months, int monthsNeeded) {
		return new HistoryResult(customerId, asOf, HistoryStatus.INSUFFICIENT_HISTORY, null, months, monthsNeeded, 0);
	}

	public boolean isAvailable() {
		return status == HistoryStatus.AVAILABLE;
	}

	/** A sentence for people: why there is no score. */
	public String explanation() {
		return isAvailable() ? months + " months of history as of " + asOf
				: "only " + months + " month" + (months == 1 ? "" : "s") + " of payment history as of " + asOf
						+ "; the model needs at least " + monthsNeeded;
	}
}
