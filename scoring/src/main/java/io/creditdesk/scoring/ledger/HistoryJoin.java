package io.creditdesk.scoring.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rule that joins a customer's imported monthly statements with the months derived
 * from the ledger into one history, month by month from the most recent (month 0 covers
 * the calendar month before the as-of date T):
 * <ol>
 * <li>a month the ledger covers entirely (it starts on or after the ledger's start: the
 * account's opening, or its first invoice) comes from the <b>ledger</b>, even when an
 * imported month exists: the ledger is the record;</li>
 * <li>otherwise an <b>imported</b> month for that calendar month is used: the previous
 * system knew the whole month (this includes the month in which the account was opened,
 * which the ledger saw only partly);</li>
 * <li>otherwise, if the ledger saw part of the month, its partial month is used (as for a
 * customer without imports);</li>
 * <li>otherwise the history <b>ends</b>: a gap is never bridged, so older imported months
 * beyond a missing month are not used.</li>
 * </ol>
 * At most {@code maxMonths} months are taken. Imported months on or after T are never
 * used (they are not history as of T). Imported statements are calendar months, so T must
 * be the first day of a month.
 */
public final class HistoryJoin {

	/** Where one month of a joined history comes from. */
	public enum Source {

		LEDGER, IMPORTED

	}

	private HistoryJoin() {
	}

	/**
	 * The source of each month of the joined history, most recent first; its size is the
	 * history's length.
	 * @param asOf T, the first day of a month
	 * @param ledgerStart the first day the ledger knows the customer, or null when it
	 * knows nothing
	 * @param ledgerMonths how many months the ledger's own history has as of T
	 * ({@link MonthlyStatements#monthsSince})
	 * @param imported the calendar months for which imported statements exist
	 * @param maxMonths the longest history wanted
	 */
	public static List<Source> plan(LocalDate asOf, LocalDate ledgerStart, int ledgerMonths, Set<YearMonth> imported,
			int maxMonths) {
		if (!imported.isEmpty() && asOf.getDayOfMonth() != 1) {
			throw new IllegalArgumentException("imported statements are calendar months: the as-of date must be the "
					+ "first day of a month, was " + asOf);
		}
		List<Source> plan = new ArrayList<>();
		for (int m = 0; m < maxMonths; m++) {
			LocalDate start = asOf.minusMonths(m + 1L);
			boolean ledgerSawIt = m < ledgerMonths;
			if (ledgerSawIt && ledgerStart != null && !start.isBefore(ledgerStart)) {
				plan.add(Source.LEDGER);
			}
			else if (imported.contains(YearMonth.from(start))) {
				plan.add(Source.IMPORTED);
			}
			else if (ledgerSawIt) {
				plan.add(Source.LEDGER);
			}
			else {
				break;
			}
		}
		return plan;
	}

}
