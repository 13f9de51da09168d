package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementsCsvTests {

	@TempDir
	Path dir;

	static List<MonthlyStatement> months(int n, double limit) {
		List<MonthlyStatement> s = new ArrayList<>();
		for (int m = 0; m < n; m++) {
			s.add(new MonthlyStatement(limit, 100.25 * (m + 1), m % 2 == 0 ? 0 : 50.5, m % 4 - 2));
		}
		return s;
	}

	static final List<LabeledHistory> HISTORIES = List.of(
			new LabeledHistory(new PaymentHistory("C1", "SME", months(6, 1000)), true),
			new LabeledHistory(new PaymentHistory("C2", "", months(12, 2500.5)), false));

	@Test
	void writesTheDocumentedLayoutAndReadsItBack() throws IOException {
		Path f = dir.resolve("s.csv");
		StatementsCsv.write(f, HISTORIES);
		List<String> lines = Files.readAllLines(f);
		assertThat(lines).hasSize(1 + 6 + 12);
		assertThat(lines.get(0)).isEqualTo("customer_id,segment,month,credit_limit,billed,paid,delay_status,label");
		assertThat(lines.get(1)).isEqualTo("C1,SME,1,1000.00,100.25,0.00,-2,1");
		assertThat(lines.get(2)).isEqualTo("C1,SME,2,1000.00,200.50,50.50,-1,1");
		assertThat(lines.get(7)).isEqualTo("C2,,1,2500.50,100.25,0.00,-2,0");
		assertThat(StatementsCsv.load(f)).isEqualTo(HISTORIES);
		assertThat(StatementsCsv.loadUnlabeled(f)).isEqualTo(HISTORIES.stream().map(LabeledHistory::history).toList());
	}

	@Test
	void rowsMayComeInAnyOrderAndTheLabelIsOptionalForScoring() throws IOException {
		Path f = dir.resolve("s.csv");
		StatementsCsv.write(f, HISTORIES);
		List<String> lines = Files.readAllLines(f);
		List<String> c1 = new ArrayList<>(lines.subList(1, 7));
		Collections.reverse(c1);
		List<String> shuffled = new ArrayList<>();
		shuffled.add(lines.get(0));
		shuffled.addAll(c1);
		shuffled.addAll(lines.subList(7, lines.size()));
		assertThat(StatementsCsv.load(Files.write(dir.resolve("reversed.csv"), shuffled))).isEqualTo(HISTORIES);
		List<String> noLabel = lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
		Path unlabeled = Files.write(dir.resolve("nolabel.csv"), noLabel);
		assertThat(StatementsCsv.loadUnlabeled(unlabeled))
			.isEqualTo(HISTORIES.stream().map(LabeledHistory::history).toList());
		assertThatThrownBy(() -> StatementsCsv.load(unlabeled)).hasMessageContaining("line 1, column 'label': missing");
	}

	@Test
	void theFrozenRowsFixtureLoadsAsTwelveMonthHistories() {
		List<PaymentHistory> rows = StatementsCsv.loadUnlabeled(Path.of("src/test/resources/fixtures/frozen-rows.csv"));
		assertThat(rows).hasSize(40).allSatisfy(h -> assertThat(h.length()).isEqualTo(12));
		// First line of the fixture: C00001,SME,1,1000.00,1796.13,0.00,1,0
		assertThat(rows.get(0).customerId()).isEqualTo("C00001");
		assertThat(rows.get(0).month(0)).isEqualTo(new MonthlyStatement(1000, 1796.13, 0, 1));
	}

	Path file(String... lines) throws IOException {
		List<String> all = new ArrayList<>();
		all.add(StatementsCsv.HEADER);
		all.addAll(List.of(lines));
		return Files.write(dir.resolve("bad.csv"), all);
	}

	static String[] rows(String customer, int months, String label) {
		String[] r = new String[months];
		for (int m = 1; m <= months; m++) {
			r[m - 1] = customer + ",SME," + m + ",1000.00,10.00,5.00,0," + label;
		}
		return r;
	}

	@Test
	void inconsistentRowsAreReportedWithLineAndColumn() throws IOException {
		String[] gap = rows("C1", 7, "0");
		gap[6] = "C1,SME,8,1000.00,10.00,5.00,0,0";
		assertThatThrownBy(() -> StatementsCsv.load(file(gap)))
			.hasMessageContaining("line 2, column 'month': customer C1 has month 8 but no month 7");
		String[] twice = rows("C1", 7, "0");
		twice[6] = "C1,SME,3,1000.00,10.00,5.00,0,0";
		assertThatThrownBy(() -> StatementsCsv.load(file(twice)))
			.hasMessageContaining("line 8, column 'month': customer C1 has month 3 twice");
		String[] label = rows("C1", 6, "0");
		label[4] = "C1,SME,5,1000.00,10.00,5.00,0,1";
		assertThatThrownBy(() -> StatementsCsv.load(file(label)))
			.hasMessageContaining("line 6, column 'label': customer C1 has label 0 on line 2 but 1 here");
		assertThatThrownBy(() -> StatementsCsv.load(file(rows("C1", 5, "0"))))
			.hasMessageContaining("line 2, column 'month': customer C1 has 5 months");
		String[] delay = rows("C1", 6, "0");
		delay[2] = "C1,SME,3,1000.00,10.00,5.00,10,0";
		assertThatThrownBy(() -> StatementsCsv.load(file(delay))).isInstanceOf(DataFormatException.class)
			.hasMessageContaining("line 4, column 'delay_status': expected a whole number in -2..9, found '10'");
		String[] number = rows("C1", 6, "0");
		number[1] = "C1,SME,2,1000.00,1O.00,5.00,0,0";
		assertThatThrownBy(() -> StatementsCsv.load(file(number)))
			.hasMessageEndingWith("bad.csv, line 3, column 'billed': not a number: '1O.00'");
	}

	@Test
	void aMissingRequiredColumnIsReportedOnTheHeaderLine() throws IOException {
		Path f = Files.writeString(dir.resolve("nolimit.csv"),
				"customer_id,month,billed,paid,delay_status,label\nC1,1,1,1,0,0\n");
		assertThatThrownBy(() -> StatementsCsv.load(f)).isInstanceOf(DataFormatException.class)
			.hasMessageStartingWith(f + ", line 1, column 'credit_limit': missing");
	}

}
