package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataFormatTests {

	@TempDir
	Path dir;

	@Test
	void parsesTheCommandLineNames() {
		for (DataFormat f : DataFormat.values()) {
			assertThat(DataFormat.parse(f.cliName())).isSameAs(f);
		}
		assertThat(DataFormat.parse("uci-default")).isEqualTo(DataFormat.UCI_DEFAULT);
		assertThat(DataFormat.parse("ibm-ar").isInvoiceData()).isTrue();
		assertThat(DataFormat.parse("statements").isInvoiceData()).isFalse();
		assertThatThrownBy(() -> DataFormat.parse("excel")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("unknown format 'excel' (expected one of uci-default, invoices, ibm-ar, statements)");
	}

	@Test
	void invoiceDataIsAggregatedWithTheOptionsAndItsDefaultAsOfDates() throws IOException {
		// One customer invoicing monthly from January 2024; the last invoice (2024-12-15)
		// is open and never paid.
		List<Invoice> invoices = new ArrayList<>();
		for (int m = 0; m < 12; m++) {
			LocalDate issued = LocalDate.of(2024, 1 + m, 15);
			invoices.add(new Invoice("C1", "I" + m, issued, issued.plusDays(30), 100,
					m == 11 ? null : issued.plusDays(20), m == 11 ? 0 : 100, "SME", 1000, false));
		}
		Path f = dir.resolve("inv.csv");
		InvoiceCsv.write(f, invoices);
		var defaults = InvoiceAggregator.Options.defaults();
		// Training default T = 2024-09-01: the open December invoice is outside the
		// window, so label 0.
		List<LabeledHistory> labelled = DataFormat.INVOICES.loadLabeled(f, defaults);
		assertThat(labelled)
			.isEqualTo(InvoiceAggregator.labeled(invoices, defaults.withAsOf(LocalDate.of(2024, 9, 1))));
		assertThat(labelled.get(0).history().length()).isEqualTo(8);
		assertThat(labelled.get(0).defaulted()).isFalse();
		// Scoring default T = 2025-01-01: everything known, December open and current.
		List<PaymentHistory> scored = DataFormat.INVOICES.loadForScoring(f, defaults);
		assertThat(scored).hasSize(1);
		assertThat(scored.get(0).length()).isEqualTo(12);
		assertThat(scored.get(0).month(0).billed()).isEqualTo(100);
		// An explicit as-of date and horizon win: the window then sees the unpaid
		// December invoice.
		var later = new InvoiceAggregator.Options(LocalDate.of(2024, 12, 1), 12, 4, 60); // due
																							// 2025-01-14:
																							// 60
																							// days
																							// on
																							// 03-15
		assertThat(DataFormat.INVOICES.loadLabeled(f, later).get(0).defaulted()).isTrue();
	}

	@Test
	void statementsAndUciIgnoreTheAggregationOptions() throws IOException {
		Path s = dir.resolve("s.csv");
		StatementsCsv.write(s, StatementsCsvTests.HISTORIES);
		var odd = new InvoiceAggregator.Options(LocalDate.of(1999, 1, 1), 6, 1, 1);
		assertThat(DataFormat.STATEMENTS.loadLabeled(s, odd)).isEqualTo(StatementsCsvTests.HISTORIES);
		assertThat(DataFormat.STATEMENTS.loadForScoring(s, odd)).hasSize(2);
		Path u = Files.write(dir.resolve("u.csv"),
				List.of(UciCreditDefaultLoaderTests.HEADER, UciCreditDefaultLoaderTests.ROWS.get(0)));
		assertThat(DataFormat.UCI_DEFAULT.loadLabeled(u, odd)).isEqualTo(UciCreditDefaultLoader.load(u));
		// The wrong format for a file is a data error naming what is missing.
		assertThatThrownBy(() -> DataFormat.STATEMENTS.loadLabeled(u, odd)).isInstanceOf(DataFormatException.class)
			.hasMessageContaining("column 'customer_id': missing");
	}

}
