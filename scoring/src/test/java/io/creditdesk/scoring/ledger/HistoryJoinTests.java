package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.HistoryStatus;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.creditdesk.scoring.ledger.LedgerFacts.d;
import static io.creditdesk.scoring.ledger.LedgerFacts.invoice;
import static io.creditdesk.scoring.ledger.LedgerFacts.ledger;
import static io.creditdesk.scoring.ledger.LedgerFacts.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rule joining imported statements with the ledger's months, as a table, and applied
 * to a customer.
 */
class HistoryJoinTests {

	static final LocalDate T = d("2024-07-01");

	/** Calendar months from..to inclusive, minus the listed gaps. */
	static Set<YearMonth> months(String from, String to, String... gaps) {
		Set<YearMonth> out = new TreeSet<>();
		if (from == null) {
			return out;
		}
		for (YearMonth m = YearMonth.parse(from); !m.isAfter(YearMonth.parse(to)); m = m.plusMonths(1)) {
			out.add(m);
		}
		for (String g : gaps) {
			out.remove(YearMonth.parse(g));
		}
		return out;
	}

	/** Plans as a string, most recent month first: L = ledger, I = imported. */
	static String plan(String ledgerStart, String importFrom, String importTo, String gap) {
		LocalDate start = ledgerStart == null ? null : d(ledgerStart);
		int ledgerMonths = MonthlyStatements.monthsSince(start, T, 12);
		Set<YearMonth> imported = gap == null ? months(importFrom, importTo) : months(importFrom, importTo, gap);
		StringBuilder sb = new StringBuilder();
		HistoryJoin.plan(T, start, ledgerMonths, imported, 12).forEach(s -> sb.append(s.name().charAt(0)));
		return sb.toString();
	}

	@ParameterizedTest(name = "ledger from {0}, imported {1}..{2} without {3} -> {4}")
	@CsvSource(delimiter = '|', textBlock = """
			# ledger start | imported from | imported to | gap     | months, most recent first
			2024-01-01     |               |             |         | LLLLLL
			2023-01-01     | 2022-01       | 2024-06     |         | LLLLLLLLLLLL
			2024-04-15     | 2023-07       | 2024-06     |         | LLIIIIIIIIII
			2024-04-01     | 2023-07       | 2024-06     |         | LLLIIIIIIIII
			2024-04-15     | 2023-07       | 2024-06     | 2024-01 | LLIII
			2024-04-15     | 2023-07       | 2024-02     |         | LLL
			2024-04-15     | 2023-01       | 2024-03     | 2024-02 | LLLI
			               | 2024-01       | 2024-06     |         | IIIIII
			               | 2024-07       | 2024-09     |         |
			               | 2024-01       | 2024-07     | 2024-06 |
			""")
	void theJoinRuleAsATable(String ledgerStart, String importFrom, String importTo, String gap, String expected) {
		assertThat(plan(ledgerStart, importFrom, importTo, gap)).isEqualTo(expected == null ? "" : expected);
	}

	@Test
	void importedMonthsAreCalendarMonthsSoTheAsOfDateMustStartAMonth() {
		assertThatThrownBy(() -> HistoryJoin.plan(d("2024-07-15"), null, 0, months("2024-01", "2024-06"), 12))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("first day of a month");
		assertThat(HistoryJoin.plan(d("2024-07-15"), d("2024-01-01"), 6, Set.of(), 12)).hasSize(6);
	}

	/**
	 * Twelve imported months, 2023-07 to 2024-06, each with its own limit (1000 + month
	 * index) to tell them apart.
	 */
	static ImportedMonths imported() {
		Map<YearMonth, MonthlyStatement> m = new TreeMap<>();
		for (int k = 0; k < 12; k++) {
			m.put(YearMonth.of(2024, 6).minusMonths(k), new MonthlyStatement(1000 + k, 500, 400, 0));
		}
		return new ImportedMonths("M", m);
	}

	/** Opened on 2024-04-15, one invoice paid on time in May. */
	static CustomerLedger customerM() {
		return ledger("M", "2024-04-15",
				List.of(invoice("M1", "2024-04-20", "2024-05-20", "1000", pay("2024-05-15", "1000"))), List.of());
	}

	@Test
	void importedMonthsFillTheMonthsBeforeTheLedgerAndTheLedgerWinsWhereItHasTheWholeMonth() {
		HistoryOptions options = HistoryOptions.defaults();
		assertThat(LedgerHistory.derive(customerM(), T, options).status())
			.isEqualTo(HistoryStatus.INSUFFICIENT_HISTORY); // three ledger months of its
															// own
		HistoryResult r = LedgerHistory.derive(customerM(), imported(), T, options);
		assertThat(r.status()).isEqualTo(HistoryStatus.AVAILABLE);
		assertThat(r.months()).isEqualTo(12);
		assertThat(r.importedMonths()).isEqualTo(10);
		List<MonthlyStatement> expected = new ArrayList<>();
		expected.add(new MonthlyStatement(1000, 0, 0, MonthlyStatement.NO_ACTIVITY)); // June,
																						// ledger
																						// (limit:
																						// proxy)
		expected.add(new MonthlyStatement(1000, 0, 1000, MonthlyStatement.PAID_IN_FULL)); // May,
																							// ledger
		for (int k = 2; k < 12; k++) {
			expected.add(new MonthlyStatement(1000 + k, 500, 400, 0)); // April (opened
																		// mid-month) and
																		// before:
																		// imported
		}
		assertThat(r.history().statements()).isEqualTo(expected);
	}

	@Test
	void onceTheLedgerHasTwelveWholeMonthsImportedMonthsAreNoLongerUsed() {
		HistoryResult r = LedgerHistory.derive(customerM(), imported(), d("2025-05-01"), HistoryOptions.defaults());
		assertThat(r.importedMonths()).isZero();
		assertThat(r.history())
			.isEqualTo(LedgerHistory.derive(customerM(), d("2025-05-01"), HistoryOptions.defaults()).history());
	}

	@Test
	void aHistoryInTheStatementsLayoutBecomesCalendarMonthsFromItsMonthOne() {
		List<MonthlyStatement> s = new ArrayList<>();
		for (int k = 0; k < 6; k++) {
			s.add(new MonthlyStatement(k, 0, 0, MonthlyStatement.NO_ACTIVITY));
		}
		ImportedMonths m = ImportedMonths.of(new PaymentHistory("X", s), YearMonth.of(2024, 6));
		assertThat(m.months()).containsOnlyKeys(months("2024-01", "2024-06"));
		assertThat(m.months().get(YearMonth.of(2024, 6)).creditLimit()).isZero();
		assertThat(m.months().get(YearMonth.of(2024, 1)).creditLimit()).isEqualTo(5);
	}

}
