package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long statements layout, one row per customer and month:
 * {@code customer_id,segment,month,credit_limit,billed,paid,delay_status,label}, month 1
 * = most recent, label 0/1 repeated on every row of a customer. {@code segment} is
 * optional; {@code label} is required by {@link #load} and ignored by
 * {@link #loadUnlabeled}. A customer's rows may come in any order but must number its
 * months 1..n without gaps, n between 6 and 12.
 */
public final class StatementsCsv {

	public static final String HEADER = "customer_id,segment,month,credit_limit,billed,paid,delay_status,label";

	private static final String LAYOUT = "statements";

	private StatementsCsv() {
	}

	/** Labelled histories, in order of each customer's first row. */
	public static List<LabeledHistory> load(Path file) {
		return read(file, true).stream().map(c -> new LabeledHistory(c.history, c.label)).toList();
	}

	/**
	 * Histories without their label (the column may be absent), in order of each
	 * customer's first row.
	 */
	public static List<PaymentHistory> loadUnlabeled(Path file) {
		return read(file, false).stream().map(c -> c.history).toList();
	}

	/** Writes histories in {@link #HEADER} order, amounts with two decimals. */
	public static void write(Path file, List<LabeledHistory> histories) throws IOException {
		try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.write(HEADER);
			w.write('\n');
			for (LabeledHistory lh : histories) {
				PaymentHistory h = lh.history();
				String prefix = InvoiceCsv.cell(h.customerId()) + ',' + InvoiceCsv.cell(h.segment()) + ',';
				String label = lh.defaulted() ? "1" : "0";
				for (int m = 0; m < h.length(); m++) {
					MonthlyStatement s = h.month(m);
					w.write(prefix + (m + 1) + ',' + InvoiceCsv.money(s.creditLimit()) + ','
							+ InvoiceCsv.money(s.billed()) + ',' + InvoiceCsv.money(s.paid()) + ',' + s.delayStatus()
							+ ',' + label);
					w.write('\n');
				}
			}
		}
	}

	private record Customer(PaymentHistory history, boolean label) {
	}

	/** The rows of one customer collected so far, indexed by month - 1. */
	private static final class Rows {

		final long firstLine;

		final String segment;

		final Integer label;

		final MonthlyStatement[] months = new MonthlyStatement[PaymentHistory.MAX_MONTHS];

		Rows(long firstLine, String segment, Integer label) {
			this.firstLine = firstLine;
			this.segment = segment;
			this.label = label;
		}

	}

	private static List<Customer> read(Path file, boolean labelled) {
		CsvTable t = CsvTable.read(file);
		int customer = t.column("customer_id", LAYOUT);
		int segment = t.optionalColumn("segment");
		int month = t.column("month", LAYOUT);
		int limit = t.column("credit_limit", LAYOUT);
		int billed = t.column("billed", LAYOUT);
		int paid = t.column("paid", LAYOUT);
		int delay = t.column("delay_status", LAYOUT);
		int label = labelled ? t.column("label", LAYOUT) : -1;
		Map<String, Rows> byCustomer = new LinkedHashMap<>();
		for (CsvTable.Row r : t.rows()) {
			String id = r.requiredText(customer);
			int m = r.integer(month, 1, PaymentHistory.MAX_MONTHS);
			MonthlyStatement s = new MonthlyStatement(r.number(limit), r.number(billed), r.number(paid),
					r.integer(delay, MonthlyStatement.NO_ACTIVITY, MonthlyStatement.MAX_DELAY));
			Integer y = labelled ? r.integer(label, 0, 1) : null;
			Rows rows = byCustomer.computeIfAbsent(id, k -> new Rows(r.line(), r.text(segment), y));
			// The label and segment describe the customer, so every row must agree with
			// the first.
			if (labelled && !rows.label.equals(y)) {
				throw t.error(r, label, "customer " + id + " has label " + rows.label + " on line " + rows.firstLine
						+ " but " + y + " here");
			}
			if (!rows.segment.equals(r.text(segment))) {
				throw t.error(r, segment, "customer " + id + " has segment '" + rows.segment + "' on line "
						+ rows.firstLine + " but '" + r.text(segment) + "' here");
			}
			if (rows.months[m - 1] != null) {
				throw t.error(r, month, "customer " + id + " has month " + m + " twice");
			}
			rows.months[m - 1] = s;
		}
		List<Customer> out = new ArrayList<>(byCustomer.size());
		byCustomer.forEach((id, rows) -> {
			List<MonthlyStatement> statements = new ArrayList<>();
			for (MonthlyStatement s : rows.months) {
				if (s == null) {
					break;
				}
				statements.add(s);
			}
			int n = statements.size();
			for (int m = n; m < rows.months.length; m++) {
				if (rows.months[m] != null) {
					throw new DataFormatException(file, rows.firstLine, "month",
							"customer " + id + " has month " + (m + 1) + " but no month " + (n + 1));
				}
			}
			if (n < PaymentHistory.MIN_MONTHS) {
				throw new DataFormatException(file, rows.firstLine, "month", "customer " + id + " has " + n
						+ " months, a history needs " + PaymentHistory.MIN_MONTHS + " to " + PaymentHistory.MAX_MONTHS);
			}
			out.add(new Customer(new PaymentHistory(id, rows.segment, statements), labelled && rows.label == 1));
		});
		return out;
	}

}
