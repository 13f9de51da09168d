package io.creditdesk.risk.imports;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.customer.CustomerBatches.CustomerKey;
import io.creditdesk.scoring.history.MonthlyStatement;

/**
 * The {@code statements} layout ({@code customer_id,segment,month,credit_limit,billed,
 * paid,delay_status[,label]}): {@code month} 1 is the calendar month {@code month1},
 * month 2 the one before, and so on; {@code segment} and {@code label} are read by nobody
 * here.
 */
final class StatementRows implements RowKind<ImportedStatement> {

	/** The oldest month a file may name: five years of statements. */
	static final int MAX_MONTH = 60;

	private final YearMonth month1;

	private int month;

	private int limit;

	private int billed;

	private int paid;

	private int delay;

	StatementRows(YearMonth month1) {
		this.month1 = month1;
	}

	@Override
	public List<String> required() {
		return List.of("customer_id", "month", "credit_limit", "billed", "paid", "delay_status");
	}

	@Override
	public void bind(CsvRows rows) {
		this.month = rows.column("month");
		this.limit = rows.column("credit_limit");
		this.billed = rows.column("billed");
		this.paid = rows.column("paid");
		this.delay = rows.column("delay_status");
	}

	@Override
	public ImportedStatement parse(CsvRows.Row row, CustomerKey customer, Problems problems) {
		String customerId = (customer != null) ? customer.id() : null;
		String currency = (customer != null) ? customer.creditCurrency() : null;
		Integer m = problems.integer(row, this.month, "month", 1, MAX_MONTH);
		BigDecimal creditLimit = problems.amount(row, this.limit, "credit_limit", true, currency);
		BigDecimal bill = problems.amount(row, this.billed, "billed", true, currency);
		BigDecimal pay = problems.amount(row, this.paid, "paid", true, currency);
		Integer status = problems.integer(row, this.delay, "delay_status", MonthlyStatement.NO_ACTIVITY,
				MonthlyStatement.MAX_DELAY);
		boolean amounts = problems.notNegative(row, "credit_limit", creditLimit)
				& problems.notNegative(row, "paid", pay);
		if (m == null || creditLimit == null || bill == null || pay == null || status == null || !amounts
				|| customerId == null) {
			return null;
		}
		String calendarMonth = this.month1.minusMonths(m - 1L).toString();
		return new ImportedStatement(ImportedStatement.id(customerId, calendarMonth), customerId, calendarMonth,
				creditLimit.doubleValue(), bill.doubleValue(), pay.doubleValue(), status);
	}

	@Override
	public String id(ImportedStatement document) {
		return document.id();
	}

	@Override
	public Phrase duplicate(ImportedStatement document) {
		return Phrase.of("DUPLICATE_ROW.month", document.month());
	}

}
