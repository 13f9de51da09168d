package io.creditdesk.scoring.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generic invoice CSV the service exports from its ledger (layout in the scoring
 * README): one row per invoice, header row, ISO dates, decimal point, columns in any
 * order, unknown columns ignored. Required: {@code customer_id}, {@code invoice_date},
 * {@code due_date}, {@code amount}; optional: {@code invoice_id}, {@code settled_date},
 * {@code paid_amount}, {@code segment}, {@code credit_limit}, {@code disputed}.
 */
public final class InvoiceCsv {

	/** The column order {@link #write} uses. */
	public static final String HEADER = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,paid_amount,segment,credit_limit,disputed";

	private static final String LAYOUT = "generic invoice CSV (--format invoices)";

	private static final String ISO = "yyyy-MM-dd";

	private InvoiceCsv() {
	}

	/** Reads every invoice, in file order. */
	public static List<Invoice> read(Path file) {
		CsvTable t = CsvTable.read(file);
		int customer = t.column("customer_id", LAYOUT);
		int invoiceDate = t.column("invoice_date", LAYOUT);
		int dueDate = t.column("due_date", LAYOUT);
		int amount = t.column("amount", LAYOUT);
		int invoiceId = t.optionalColumn("invoice_id");
		int settledDate = t.optionalColumn("settled_date");
		int paidAmount = t.optionalColumn("paid_amount");
		int segment = t.optionalColumn("segment");
		int creditLimit = t.optionalColumn("credit_limit");
		int disputed = t.optionalColumn("disputed");
		List<Invoice> out = new ArrayList<>(t.rows().size());
		for (CsvTable.Row r : t.rows()) {
			String id = r.requiredText(customer);
			LocalDate issued = r.date(invoiceDate, DateTimeFormatter.ISO_LOCAL_DATE, ISO);
			LocalDate due = r.date(dueDate, DateTimeFormatter.ISO_LOCAL_DATE, ISO);
			if (due.isBefore(issued)) {
				throw t.error(r, dueDate, "due date " + due + " is before the invoice date " + issued);
			}
			double billed = r.number(amount);
			LocalDate settled = r.optionalDate(settledDate, DateTimeFormatter.ISO_LOCAL_DATE, ISO);
			if (settled != null && settled.isBefore(issued)) {
				throw t.error(r, settledDate, "settled date " + settled + " is before the invoice date " + issued);
			}
			// An open invoice has paid nothing yet; a settled one without paid_amount was
			// paid in full.
			double paid = r.optionalNumber(paidAmount, settled == null ? 0 : billed);
			double limit = r.optionalNumber(creditLimit, Double.NaN);
			if (limit < 0) {
				throw t.error(r, creditLimit, "credit limit must not be negative: '" + r.text(creditLimit) + "'");
			}
			out.add(new Invoice(id, r.text(invoiceId), issued, due, billed, settled, paid, r.text(segment), limit,
					r.bool(disputed, false)));
		}
		return out;
	}

	/**
	 * Writes invoices in {@link #HEADER} order: amounts with two decimals, empty
	 * {@code settled_date} and {@code paid_amount} for open invoices, empty
	 * {@code credit_limit} when unknown. Reading the file back gives the same invoices
	 * when their amounts are in cents.
	 */
	public static void write(Path file, List<Invoice> invoices) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.write(HEADER);
			w.write('\n');
			for (Invoice i : invoices) {
				w.write(String.join(",", cell(i.customerId()), cell(i.invoiceId()), i.invoiceDate().toString(),
						i.dueDate().toString(), money(i.amount()),
						i.settledDate() == null ? "" : i.settledDate().toString(),
						i.settledDate() == null ? "" : money(i.paidAmount()), cell(i.segment()),
						i.hasCreditLimit() ? money(i.creditLimit()) : "", Boolean.toString(i.disputed())));
				w.write('\n');
			}
		}
	}

	static String money(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	/** Quotes a text cell only when it would otherwise break the row. */
	static String cell(String s) {
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
			return s;
		}
		return '"' + s.replace("\"", "\"\"") + '"';
	}

}
