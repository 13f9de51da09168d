package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IbmAccountsReceivableLoaderTests {

	static final String HEADER = "countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,"
			+ "Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate";

	@TempDir
	Path dir;

	@Test
	void readsMonthDayYearDatesAndTreatsEveryInvoiceAsPaidInFull() throws IOException {
		Path f = Files.write(dir.resolve("ar.csv"),
				List.of(HEADER, "391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0",
						"406,8976-AMJEO,3/3/2012,0007900770,1/26/2013,2/25/2013,61.74,Yes,3/3/2013,Electronic,36,6"));
		assertThat(IbmAccountsReceivableLoader.read(f)).containsExactly(
				new Invoice("0379-NEVHP", "0000611365", LocalDate.of(2013, 1, 2), LocalDate.of(2013, 2, 1), 55.94,
						LocalDate.of(2013, 1, 15), 55.94, "", Double.NaN, false),
				new Invoice("8976-AMJEO", "0007900770", LocalDate.of(2013, 1, 26), LocalDate.of(2013, 2, 25), 61.74,
						LocalDate.of(2013, 3, 3), 61.74, "", Double.NaN, true));
	}

	@Test
	void badDatesAreReportedWithLineAndColumn() throws IOException {
		Path f = Files.write(dir.resolve("ar.csv"),
				List.of(HEADER, "391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0",
						"391,0379-NEVHP,4/6/2013,0000611366,2/30/2013,3/1/2013,55.94,No,3/15/2013,Paper,13,0"));
		assertThatThrownBy(() -> IbmAccountsReceivableLoader.read(f)).isInstanceOf(DataFormatException.class)
			.hasMessageEndingWith("ar.csv, line 3, column 'InvoiceDate': not a date (M/D/YYYY): '2/30/2013'");
		Path generic = Files.writeString(dir.resolve("generic.csv"), InvoiceCsvTests.README_EXAMPLE);
		assertThatThrownBy(() -> IbmAccountsReceivableLoader.read(generic))
			.hasMessageContaining("line 1, column 'customerID': missing")
			.hasMessageContaining("ibm-ar");
	}

	@Test
	void theRealSampleLeaksNothingFromTheColumnsKnownOnlyAfterPayment() throws IOException {
		Path file = SharedDatasets.find(SharedDatasets.IBM_AR).orElse(null);
		assumeTrue(file != null, "../shared/datasets not present: skipping");
		List<Invoice> invoices = IbmAccountsReceivableLoader.read(file);
		assertThat(invoices).hasSize(1845);
		assertThat(invoices.stream().map(Invoice::customerId).distinct()).hasSize(100);
		var options = new InvoiceAggregator.Options(null, 12, 3, 20);
		List<LabeledHistory> labelled = InvoiceAggregator.labeled(invoices, options);
		assertThat(labelled).isNotEmpty();
		assertThat(labelled).anyMatch(LabeledHistory::defaulted).anyMatch(h -> !h.defaulted());
		// Garble DaysToSettle and DaysLate and flip Disputed in a temporary copy: same
		// invoices apart from the flag,
		// and the same labelled histories.
		List<String> lines = Files.readAllLines(file);
		List<String> garbled = new ArrayList<>();
		garbled.add(lines.get(0));
		for (String line : lines.subList(1, lines.size())) {
			String[] c = line.split(",", -1);
			c[7] = c[7].equals("Yes") ? "No" : "Yes";
			c[10] = "?";
			c[11] = "later";
			garbled.add(String.join(",", c));
		}
		List<Invoice> changed = IbmAccountsReceivableLoader.read(Files.write(dir.resolve("garbled.csv"), garbled));
		assertThat(changed).hasSameSizeAs(invoices).noneMatch(invoices::contains);
		assertThat(InvoiceAggregator.labeled(changed, options)).isEqualTo(labelled);
		assertThat(InvoiceAggregator.histories(changed, options.withAsOf(LocalDate.of(2013, 1, 1))))
			.isEqualTo(InvoiceAggregator.histories(invoices, options.withAsOf(LocalDate.of(2013, 1, 1))));
	}

}
