package io.creditdesk.risk.scores;

import java.time.LocalDate;

import io.creditdesk.risk.CustomerLedgers.Facts;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;

/**
 * The history a live score is computed from, by one rule:
 * <ul>
 * <li>from the ledger alone, <b>as of tomorrow</b>: everything dated and booked up to now
 * counts, so a payment booked a minute ago moves the score at its refresh (month 1 is the
 * month that ends today);</li>
 * <li>for a customer with imported statements whose ledger does not yet hold a full
 * history of its own, as of the <b>first day of the current month</b>, its imported and
 * ledger months joined ({@code HistoryJoin}): imported statements are calendar months, so
 * only a history that ends at a month's end can use them.</li>
 * </ul>
 * Too few months either way is {@code INSUFFICIENT_HISTORY}, never a guess.
 */
final class LiveHistory {

	private LiveHistory() {
	}

	static HistoryResult of(Facts facts, LocalDate today, HistoryOptions options) {
		HistoryResult ledgerOnly = LedgerHistory.derive(facts.ledger(), today.plusDays(1), options);
		if (facts.imported().isEmpty() || (ledgerOnly.isAvailable() && ledgerOnly.months() >= options.maxMonths())) {
			return ledgerOnly;
		}
		return LedgerHistory.derive(facts.ledger(), facts.imported(), today.withDayOfMonth(1), options);
	}

}
