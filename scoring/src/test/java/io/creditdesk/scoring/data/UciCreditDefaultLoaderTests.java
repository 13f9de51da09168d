package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UciCreditDefaultLoaderTests {

	static final String HEADER = "\"ID\",\"LIMIT_BAL\",\"SEX\",\"EDUCATION\",\"MARRIAGE\",\"AGE\",\"PAY_0\",\"PAY_2\","
			+ "\"PAY_3\",\"PAY_4\",\"PAY_5\",\"PAY_6\",\"BILL_AMT1\",\"BILL_AMT2\",\"BILL_AMT3\",\"BILL_AMT4\",\"BILL_AMT5\","
			+ "\"BILL_AMT6\",\"PAY_AMT1\",\"PAY_AMT2\",\"PAY_AMT3\",\"PAY_AMT4\",\"PAY_AMT5\",\"PAY_AMT6\","
			+ "\"default.payment.next.month\"";
	static final List<String> ROWS = List.of("1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1",
			"7,5e+05,1,1,2,29,0,0,0,0,0,0,367965,412023,445007,542653,483003,473944,55000,40000,38000,20239,13750,13770,0");

	@TempDir
	Path dir;

	Path write(String name, String header, List<String> rows) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(header);
		lines.addAll(rows);
		return Files.write(dir.resolve(name), lines);
	}

	@Test
	void mapsTheMostRecentMonthFirstAndReadsScientificNotation() throws IOException {
		List<LabeledHistory> data = UciCreditDefaultLoader.load(write("uci.csv", HEADER, ROWS));
		assertThat(data).hasSize(2);
		LabeledHistory first = data.get(0);
		assertThat(first.defaulted()).isTrue();
		assertThat(first.history().customerId()).isEqualTo("1");
		assertThat(first.history().segment()).isEmpty();
		// PAY_0 / BILL_AMT1 / PAY_AMT1 are month 0; PAY_6 / BILL_AMT6 / PAY_AMT6 month 5.
		assertThat(first.history().statements()).containsExactly(new MonthlyStatement(20000, 3913, 0, 2),
				new MonthlyStatement(20000, 3102, 689, 2), new MonthlyStatement(20000, 689, 0, -1),
				new MonthlyStatement(20000, 0, 0, -1), new MonthlyStatement(20000, 0, 0, -2),
				new MonthlyStatement(20000, 0, 0, -2));
		LabeledHistory second = data.get(1);
		assertThat(second.defaulted()).isFalse();
		assertThat(second.history().month(0).creditLimit()).isEqualTo(500_000);
		assertThat(second.history().month(5)).isEqualTo(new MonthlyStatement(500_000, 473944, 13770, 0));
	}

	@Test
	void protectedAttributesAreNeverRead() throws IOException {
		List<LabeledHistory> original = UciCreditDefaultLoader.load(write("uci.csv", HEADER, ROWS));
		// Garbage (and empty cells) in SEX, EDUCATION, MARRIAGE and AGE: a loader that
		// parsed them would fail.
		List<String> garbage = ROWS.stream().map(r -> {
			String[] c = r.split(",");
			c[2] = "female?";
			c[3] = "";
			c[4] = "n/a";
			c[5] = "ninety";
			return String.join(",", c);
		}).toList();
		assertThat(UciCreditDefaultLoader.load(write("garbage.csv", HEADER, garbage))).isEqualTo(original);
		// Without the columns at all: identical too, so nothing downstream can depend on
		// them.
		String header = Arrays.stream(HEADER.split(","))
			.filter(h -> !h.matches("\"(SEX|EDUCATION|MARRIAGE|AGE)\""))
			.reduce((a, b) -> a + "," + b)
			.orElseThrow();
		List<String> without = ROWS.stream().map(r -> {
			List<String> c = new ArrayList<>(List.of(r.split(",")));
			c.subList(2, 6).clear();
			return String.join(",", c);
		}).toList();
		assertThat(UciCreditDefaultLoader.load(write("without.csv", header, without))).isEqualTo(original);
		// Of the UCI file's 25 columns, exactly the protected ones are left unread.
		List<String> unread = new ArrayList<>(List.of(HEADER.replace("\"", "").split(",")));
		unread.removeAll(UciCreditDefaultLoader.COLUMNS_READ);
		assertThat(unread).containsExactlyElementsOf(UciCreditDefaultLoader.PROTECTED_COLUMNS);
	}

	@Test
	void scoringDoesNotNeedTheLabel() throws IOException {
		String header = HEADER.substring(0, HEADER.lastIndexOf(','));
		List<String> rows = ROWS.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
		var histories = UciCreditDefaultLoader.loadUnlabeled(write("nolabel.csv", header, rows));
		assertThat(histories).isEqualTo(UciCreditDefaultLoader.load(write("uci.csv", HEADER, ROWS))
			.stream()
			.map(LabeledHistory::history)
			.toList());
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(dir.resolve("nolabel.csv")))
			.hasMessageContaining("line 1, column 'default.payment.next.month'");
	}

	@Test
	void anUnparseableNumberNamesFileLineAndColumn() throws IOException {
		List<String> rows = new ArrayList<>(ROWS);
		rows.set(1, rows.get(1).replace(",412023,", ",nine,"));
		Path f = write("broken.csv", HEADER, rows);
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(f)).isInstanceOf(DataFormatException.class)
			.hasMessage(f + ", line 3, column 'BILL_AMT2': not a number: 'nine'")
			.satisfies(e -> {
				DataFormatException d = (DataFormatException) e;
				assertThat(d.file()).isEqualTo(f);
				assertThat(d.line()).isEqualTo(3);
				assertThat(d.column()).isEqualTo("BILL_AMT2");
			});
	}

	@Test
	void badStatusesAndLabelsAreRejected() throws IOException {
		Path status = write("status.csv", HEADER, List.of(ROWS.get(0).replaceFirst(",24,2,", ",24,10,")));
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(status))
			.hasMessageContaining("line 2, column 'PAY_0': expected a whole number in -2..9, found '10'");
		Path label = write("label.csv", HEADER, List.of(ROWS.get(0).substring(0, ROWS.get(0).length() - 1) + "0.5"));
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(label))
			.hasMessageContaining("line 2, column 'default.payment.next.month'");
		// Double.parseDouble would take these; a data file should not.
		Path nan = write("nan.csv", HEADER, List.of(ROWS.get(0).replace(",3913,", ",NaN,")));
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(nan)).hasMessageContaining("not a number: 'NaN'");
	}

	@Test
	void missingColumnsEmptyFilesAndOtherLayoutsAreDataFormatErrors() throws IOException {
		Path noPay3 = write("nopay3.csv", HEADER.replace("\"PAY_3\"", "\"PAY_X\""), ROWS);
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(noPay3))
			.hasMessageStartingWith(noPay3 + ", line 1, column 'PAY_3': missing");
		Path empty = Files.writeString(dir.resolve("empty.csv"), "");
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(empty)).isInstanceOf(DataFormatException.class)
			.hasMessageStartingWith(empty + ": empty file");
		Path headerOnly = write("header.csv", HEADER, List.of());
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(headerOnly)).hasMessageContaining("no data rows");
		Path invoices = write("invoices.csv", InvoiceCsv.HEADER,
				List.of("C1,I1,2024-01-04,2024-02-03,1250.00,,,SME,20000.00,false"));
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(invoices))
			.hasMessageContaining("line 1, column 'ID': missing")
			.hasMessageContaining("uci-default");
		Path shortRow = write("short.csv", HEADER, List.of(ROWS.get(0), "2,30000,1"));
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(shortRow))
			.hasMessageContaining("line 3: expected 25 values as in the header, found 3");
		assertThatThrownBy(() -> UciCreditDefaultLoader.load(dir.resolve("absent.csv")))
			.isInstanceOf(DataFormatException.class)
			.hasMessageContaining("absent.csv: file not found");
	}

	@Test
	void theRealDevelopmentFileLoadsWithoutItsProtectedColumns() throws IOException {
		Path file = SharedDatasets.find(SharedDatasets.UCI).orElse(null);
		assumeTrue(file != null, "../shared/datasets not present: skipping");
		List<LabeledHistory> data = UciCreditDefaultLoader.load(file);
		assertThat(data).hasSize(23_929); // documented in the datasets README
		double rate = data.stream().filter(LabeledHistory::defaulted).count() / (double) data.size();
		assertThat(rate).isBetween(0.2205, 0.2215);
		// Blank the protected columns of a temporary copy (outside the repository): the
		// same histories load.
		List<String> lines = Files.readAllLines(file);
		List<String> blanked = new ArrayList<>(lines.size());
		blanked.add(lines.get(0));
		for (String line : lines.subList(1, lines.size())) {
			String[] c = line.split(",", -1);
			c[2] = "x";
			c[3] = "x";
			c[4] = "x";
			c[5] = "x";
			blanked.add(String.join(",", c));
		}
		assertThat(UciCreditDefaultLoader.load(Files.write(dir.resolve("blanked.csv"), blanked))).isEqualTo(data);
	}

}
