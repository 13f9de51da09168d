package io.creditdesk.risk.scores;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.creditdesk.risk.CustomerLedgers.Facts;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.ledger.Application;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.ImportedMonths;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The as-of rule of live histories, as a table. */
class LiveHistoryTests {

	private static final LocalDate TODAY = LocalDate.parse("2026-12-05");

	@ParameterizedTest(name = "ledger {0} months, imported {1} -> as of {2}, {3} months ({4} imported)")
	@CsvSource({
			// Ledger only: as of tomorrow, today's bookings included.
			"8, 0, 2026-12-06, 8, 0", "3, 0, 2026-12-06, 3, 0",
			// A short ledger with imports: calendar months, as of the first of this
			// month.
			"3, 12, 2026-12-01, 12, 10",
			// A ledger of a full history of its own: imports no longer matter.
			"13, 12, 2026-12-06, 12, 0" })
	void theAsOfDateDependsOnWhetherImportedMonthsAreNeeded(int ledgerMonths, int importedMonths, LocalDate asOf,
			int months, int imported) {
		HistoryResult result = LiveHistory.of(facts(ledgerMonths, importedMonths), TODAY, HistoryOptions.defaults());
		assertThat(result.asOf()).isEqualTo(asOf);
		assertThat(result.months()).isEqualTo(months);
		assertThat(result.importedMonths()).isEqualTo(imported);
	}

	/**
	 * One invoice on the 10th of each of the last {@code ledgerMonths} months (paid ten
	 * days later), and imported statements for the {@code importedMonths} calendar months
	 * before this one.
	 */
	private static Facts facts(int ledgerMonths, int importedMonths) {
		List<LedgerInvoice> invoices = new ArrayList<>();
		for (int m = ledgerMonths; m >= 1; m--) {
			LocalDate issued = TODAY.minusMonths(m).withDayOfMonth(10);
			LocalDate paid = issued.plusDays(10);
			invoices.add(new LedgerInvoice("i" + m, issued, issued.plusDays(30), new BigDecimal("100"),
					issued.atStartOfDay(ZoneOffset.UTC).toInstant(), List.of(new Application(ApplicationKind.PAYMENT,
							paid, new BigDecimal("100"), paid.atStartOfDay(ZoneOffset.UTC).toInstant()))));
		}
		CustomerLedger ledger = new CustomerLedger("c1", "SMB", "EUR", null, invoices, List.of());
		Map<YearMonth, MonthlyStatement> months = new TreeMap<>();
		for (int m = 1; m <= importedMonths; m++) {
			months.put(YearMonth.from(TODAY).minusMonths(m), new MonthlyStatement(1000, 100, 100, -1));
		}
		return new Facts(ledger, new ImportedMonths("c1", months));
	}

}
