package io.creditdesk.scoring.data;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The IBM "Accounts Receivable" sample
 * ({@code countryCode, customerID, PaperlessDate, invoiceNumber, InvoiceDate,
 * DueDate, InvoiceAmount, Disputed, SettledDate, PaperlessBill, DaysToSettle, DaysLate},
 * dates M/D/YYYY) as {@link Invoice}s, for {@link InvoiceAggregator}.
 * <p>
 * {@code DaysToSettle} and {@code DaysLate} are not read: they restate
 * {@code SettledDate}, which is only known after payment, and the aggregator already
 * decides from the dates what was known when. {@code Disputed} is carried into
 * {@link Invoice#disputed()} for inspection only; the aggregator never uses it. The file
 * has no credit limit and no segment, so the aggregator's limit proxy applies. No licence
 * is stated for the data: development and tests only.
 */
public final class IbmAccountsReceivableLoader {

	/** Columns deliberately not read (known only after the invoice is settled). */
	public static final List<String> LEAKY_COLUMNS_NOT_READ = List.of("DaysToSettle", "DaysLate");

	private static final String LAYOUT = "IBM accounts receivable (--format ibm-ar)";

	private static final String PATTERN = "M/D/YYYY";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	private IbmAccountsReceivableLoader() {
	}

	/**
	 * Every invoice, in file order; all are paid in full by their settled date (the file
	 * has no paid amount).
	 */
	public static List<Invoice> read(Path file) {
		CsvTable t = CsvTable.read(file);
		int customer = t.column("customerID", LAYOUT);
		int number = t.column("invoiceNumber", LAYOUT);
		int invoiceDate = t.column("InvoiceDate", LAYOUT);
		int dueDate = t.column("DueDate", LAYOUT);
		int amount = t.column("InvoiceAmount", LAYOUT);
		int settledDate = t.column("SettledDate", LAYOUT);
		int disputed = t.optionalColumn("Disputed");
		List<Invoice> out = new ArrayList<>(t.rows().size());
		for (CsvTable.Row r : t.rows()) {
			String id = r.requiredText(customer);
			LocalDate issued = r.date(invoiceDate, DATE, PATTERN);
			LocalDate due = r.date(dueDate, DATE, PATTERN);
			if (due.isBefore(issued)) {
				throw t.error(r, dueDate, "due date " + due + " is before the invoice date " + issued);
			}
			double billed = r.number(amount);
			LocalDate settled = r.optionalDate(settledDate, DATE, PATTERN);
			if (settled != null && settled.isBefore(issued)) {
				throw t.error(r, settledDate, "settled date " + settled + " is before the invoice date " + issued);
			}
			out.add(new Invoice(id, r.text(number), issued, due, billed, settled, settled == null ? 0 : billed, "",
					Double.NaN, r.bool(disputed, false)));
		}
		return out;
	}

}
