package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Monthly statements a customer brought from its previous system (the {@code statements}
 * CSV layout, imported with the calendar month of its {@code month} 1), keyed by calendar
 * month. They fill the months before the ledger's own history ({@link HistoryJoin}).
 *
 * @param customerId the customer
 * @param months statements by calendar month; gaps are allowed here and end a joined
 * history
 */
public record ImportedMonths(String customerId, Map<YearMonth, MonthlyStatement> months) {

	public ImportedMonths {
		Objects.requireNonNull(customerId, "customerId");
		months = Collections.unmodifiableMap(new TreeMap<>(months));
	}

	public static ImportedMonths none(String customerId) {
		return new ImportedMonths(customerId, Map.of());
	}

	/**
	 * The months of a history in the statements layout whose month 1 (the most recent,
	 * index 0) is the calendar month {@code month1}.
	 */
	public static ImportedMonths of(PaymentHistory history, YearMonth month1) {
		Map<YearMonth, MonthlyStatement> months = new TreeMap<>();
		for (int m = 0; m < history.length(); m++) {
			months.put(month1.minusMonths(m), history.month(m));
		}
		return new ImportedMonths(history.customerId(), months);
	}

	public boolean isEmpty() {
		return months.isEmpty();
	}
}
