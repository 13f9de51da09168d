package io.creditdesk.scoring.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceCsvTests {

	@TempDir
	Path dir;

	/** The example of the scoring README. */
	static final String README_EXAMPLE = """
			customer_id,invoice_id,invoice_date,due_date,amount,settled_date,paid_amount,segment,credit_limit,disputed
			C00017,C00017-00001,2024-01-04,2024-02-03,1250.00,2024-02-10,1250.00,SME,20000.00,false
			C00017,C00017-00002,2024-01-19,2024-02-18,880.40,,,SME,20000.00,false
			""";

	@Test
	void readsTheReadmeExample() throws IOException {
		List<Invoice> invoices = InvoiceCsv.read(Files.writeString(dir.resolve("i.csv"), README_EXAMPLE));
		assertThat(invoices).containsExactly(
				new Invoice("C00017", "C00017-00001", LocalDate.of(2024, 1, 4), LocalDate.of(2024, 2, 3), 1250.00,
						LocalDate.of(2024, 2, 10), 1250.00, "SME", 20000, false),
				new Invoice("C00017", "C00017-00002", LocalDate.of(2024, 1, 19), LocalDate.of(2024, 2, 18), 880.40,
						null, 0, "SME", 20000, false));
	}

	@Test
	void writingReproducesTheLayoutExactly() throws IOException {
		Path in = Files.writeString(dir.resolve("i.csv"), README_EXAMPLE);
		Path out = dir.resolve("o.csv");
		InvoiceCsv.write(out, InvoiceCsv.read(in));
		assertThat(Files.readString(out)).isEqualTo(README_EXAMPLE);
	}

	@Test
	void columnsInAnyOrderUnknownOnesIgnoredOptionalOnesDefaulted() throws IOException {
		Path f = Files.writeString(dir.resolve("min.csv"), """
				amount,note,due_date,customer_id,invoice_date,settled_date,disputed
				100.5,"a note, with a comma",2024-02-03,C1,2024-01-04,2024-02-01,YES
				7e2,,2024-03-03,C2,2024-02-02,,
				""");
		List<Invoice> invoices = InvoiceCsv.read(f);
		Invoice paid = invoices.get(0);
		assertThat(paid.amount()).isEqualTo(100.5);
		assertThat(paid.paidAmount()).isEqualTo(100.5); // paid_amount defaults to the
														// amount
		assertThat(paid.disputed()).isTrue();
		assertThat(paid.hasCreditLimit()).isFalse();
		assertThat(paid.segment()).isEmpty();
		assertThat(paid.invoiceId()).isEmpty();
		Invoice open = invoices.get(1);
		assertThat(open.amount()).isEqualTo(700);
		assertThat(open.settledDate()).isNull();
		assertThat(open.paidAmount()).isZero();
		assertThat(open.disputed()).isFalse();
	}

	Path withRow(String row) throws IOException {
		return Files.writeString(dir.resolve("bad.csv"),
				InvoiceCsv.HEADER + "\nC1,I1,2024-01-04,2024-02-03,10.00,,,SME,,false\n" + row + "\n");
	}

	@Test
	void badCellsAreReportedWithFileLineAndColumn() throws IOException {
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-32,2024-02-03,10.00,,,SME,,false")))
			.isInstanceOf(DataFormatException.class)
			.hasMessageEndingWith("bad.csv, line 3, column 'invoice_date': not a date (yyyy-MM-dd): '2024-01-32'");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-04,2023-12-03,10.00,,,SME,,false")))
			.hasMessageContaining("line 3, column 'due_date': due date 2023-12-03 is before the invoice date");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-04,2024-02-03,10,00,,,SME,,false")))
			.hasMessageContaining("line 3: expected 10 values as in the header, found 11");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-04,2024-02-03,10.00,,,SME,lots,false")))
			.hasMessageContaining("line 3, column 'credit_limit': not a number: 'lots'");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-04,2024-02-03,10.00,,,SME,,maybe")))
			.hasMessageContaining("line 3, column 'disputed': expected true/false or yes/no, found 'maybe'");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow(",I2,2024-01-04,2024-02-03,10.00,,,SME,,false")))
			.hasMessageContaining("line 3, column 'customer_id': empty value");
		assertThatThrownBy(() -> InvoiceCsv.read(withRow("C1,I2,2024-01-04,2024-02-03,10.00,2024-01-03,10,SME,,false")))
			.hasMessageContaining("line 3, column 'settled_date': settled date 2024-01-03 is before");
		Path noAmount = Files.writeString(dir.resolve("noamount.csv"),
				"customer_id,invoice_date,due_date\nC1,2024-01-04,2024-02-03\n");
		assertThatThrownBy(() -> InvoiceCsv.read(noAmount)).hasMessageContaining("line 1, column 'amount': missing");
	}

}
