package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The UCI "default of credit card clients" layout:
 * {@code ID, LIMIT_BAL, PAY_0, PAY_2..PAY_6, BILL_AMT1..6,
 * PAY_AMT1..6, default.payment.next.month}, six months per client, {@code PAY_0},
 * {@code BILL_AMT1} and {@code PAY_AMT1} being the most recent month (there is no
 * {@code PAY_1}). The header may be quoted and numbers may be in scientific notation
 * ({@code 5e+05}), so every number is parsed as a double.
 * <p>
 * {@link #PROTECTED_COLUMNS} are never read, not even looked up: the loader asks for the
 * columns in {@link #COLUMNS_READ} by name and nothing else, so files with or without
 * them, or with anything in them, load the same histories.
 */
public final class UciCreditDefaultLoader {

	/** Present in the original file; a credit decision must not rest on them. */
	public static final List<String> PROTECTED_COLUMNS = List.of("SEX", "EDUCATION", "MARRIAGE", "AGE");

	public static final String ID = "ID";

	public static final String LIMIT = "LIMIT_BAL";

	public static final String LABEL = "default.payment.next.month";

	/** Repayment status columns, most recent month first. */
	public static final List<String> STATUS = List.of("PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6");

	/** Statement balance columns, most recent month first. */
	public static final List<String> BILLED = List.of("BILL_AMT1", "BILL_AMT2", "BILL_AMT3", "BILL_AMT4", "BILL_AMT5",
			"BILL_AMT6");

	/** Payment columns, most recent month first. */
	public static final List<String> PAID = List.of("PAY_AMT1", "PAY_AMT2", "PAY_AMT3", "PAY_AMT4", "PAY_AMT5",
			"PAY_AMT6");

	/** Every column the loader looks up (the label only when loading labelled data). */
	public static final List<String> COLUMNS_READ;

	static {
		List<String> all = new ArrayList<>(List.of(ID, LIMIT));
		all.addAll(STATUS);
		all.addAll(BILLED);
		all.addAll(PAID);
		all.add(LABEL);
		COLUMNS_READ = List.copyOf(all);
	}

	private static final String LAYOUT = "UCI credit default (--format uci-default)";

	private static final int MONTHS = 6;

	private UciCreditDefaultLoader() {
	}

	/** Labelled histories, one per row, in file order. */
	public static List<LabeledHistory> load(Path file) {
		CsvTable t = CsvTable.read(file);
		Columns c = new Columns(t);
		int label = t.column(LABEL, LAYOUT);
		List<LabeledHistory> out = new ArrayList<>(t.rows().size());
		for (CsvTable.Row r : t.rows()) {
			out.add(new LabeledHistory(history(c, r), r.integer(label, 0, 1) == 1));
		}
		return out;
	}

	/** Histories without the label (the column may be absent), for scoring. */
	public static List<PaymentHistory> loadUnlabeled(Path file) {
		CsvTable t = CsvTable.read(file);
		Columns c = new Columns(t);
		List<PaymentHistory> out = new ArrayList<>(t.rows().size());
		for (CsvTable.Row r : t.rows()) {
			out.add(history(c, r));
		}
		return out;
	}

	/** Indexes of the payment-history columns, looked up once per file. */
	private static final class Columns {

		final int id;

		final int limit;

		final int[] status = new int[MONTHS];

		final int[] billed = new int[MONTHS];

		final int[] paid = new int[MONTHS];

		Columns(CsvTable t) {
			id = t.column(ID, LAYOUT);
			limit = t.column(LIMIT, LAYOUT);
			for (int m = 0; m < MONTHS; m++) {
				status[m] = t.column(STATUS.get(m), LAYOUT);
				billed[m] = t.column(BILLED.get(m), LAYOUT);
				paid[m] = t.column(PAID.get(m), LAYOUT);
			}
		}

	}

	private static PaymentHistory history(Columns c, CsvTable.Row r) {
		double limit = r.number(c.limit);
		List<MonthlyStatement> months = new ArrayList<>(MONTHS);
		for (int m = 0; m < MONTHS; m++) {
			int status = r.integer(c.status[m], MonthlyStatement.NO_ACTIVITY, MonthlyStatement.MAX_DELAY);
			months.add(new MonthlyStatement(limit, r.number(c.billed[m]), r.number(c.paid[m]), status));
		}
		return new PaymentHistory(r.requiredText(c.id), "", months);
	}

}
