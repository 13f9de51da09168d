package io.creditdesk.risk.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.customer.CustomerBatches.CustomerKey;

/**
 * The generic invoice CSV ({@code customer_id,invoice_id,invoice_date,due_date,amount,
 * settled_date,paid_amount,segment,credit_limit,disputed}; the first four and
 * {@code amount} required), amounts in the customer's credit currency. Nothing may be
 * dated after {@code today}: an import is history; and no invoice before its customer's
 * {@code customerSince}: the customer was none then ({@code DATE_BEFORE_CUSTOMER}, as the
 * ledger refuses such an invoice).
 */
final class InvoiceRows implements RowKind<ImportedInvoice> {

	private final LocalDate today;

	/** How often each row without an invoice number has been seen in this pass. */
	private final Map<String, Integer> unnumbered = new HashMap<>();

	private int invoiceId;

	private int invoiceDate;

	private int dueDate;

	private int amount;

	private int settledDate;

	private int paidAmount;

	private int creditLimit;

	InvoiceRows(LocalDate today) {
		this.today = today;
	}

	@Override
	public List<String> required() {
		return List.of("customer_id", "invoice_date", "due_date", "amount");
	}

	@Override
	public void bind(CsvRows rows) {
		this.unnumbered.clear();
		this.invoiceId = rows.column("invoice_id");
		this.invoiceDate = rows.column("invoice_date");
		this.dueDate = rows.column("due_date");
		this.amount = rows.column("amount");
		this.settledDate = rows.column("settled_date");
		this.paidAmount = rows.column("paid_amount");
		this.creditLimit = rows.column("credit_limit");
	}

	@Override
	public ImportedInvoice parse(CsvRows.Row row, CustomerKey customer, Problems problems) {
		long line = row.line();
		String customerId = (customer != null) ? customer.id() : null;
		String currency = (customer != null) ? customer.creditCurrency() : null;
		String number = row.get(this.invoiceId);
		LocalDate issued = problems.date(row, this.invoiceDate, "invoice_date", true);
		LocalDate due = problems.date(row, this.dueDate, "due_date", true);
		BigDecimal billed = problems.amount(row, this.amount, "amount", true, currency);
		LocalDate settled = problems.date(row, this.settledDate, "settled_date", false);
		BigDecimal paid = problems.amount(row, this.paidAmount, "paid_amount", false, currency);
		BigDecimal limit = problems.amount(row, this.creditLimit, "credit_limit", false, currency);
		boolean valid = problems.notNegative(row, "credit_limit", limit)
				& problems.notNegative(row, "paid_amount", paid);
		if (billed != null && billed.signum() <= 0) {
			problems.add(line, "amount", ImportErrorCode.OUT_OF_RANGE, "OUT_OF_RANGE.notPositive", "amount", billed);
			valid = false;
		}
		if (issued != null && issued.isAfter(this.today)) {
			problems.add(line, "invoice_date", ImportErrorCode.DATE_ORDER, "DATE_ORDER.invoiceInFuture", issued);
			valid = false;
		}
		if (issued != null && customer != null && customer.customerSince() != null
				&& issued.isBefore(customer.customerSince())) {
			problems.add(line, "invoice_date", ImportErrorCode.DATE_BEFORE_CUSTOMER, "DATE_BEFORE_CUSTOMER", issued,
					customer.customerSince());
			valid = false;
		}
		if (issued != null && due != null && due.isBefore(issued)) {
			problems.add(line, "due_date", ImportErrorCode.DATE_ORDER, "DATE_ORDER.dueBeforeInvoice", due, issued);
			valid = false;
		}
		if (settled != null && issued != null && settled.isBefore(issued)) {
			problems.add(line, "settled_date", ImportErrorCode.DATE_ORDER, "DATE_ORDER.settledBeforeInvoice", settled,
					issued);
			valid = false;
		}
		if (settled != null && settled.isAfter(this.today)) {
			problems.add(line, "settled_date", ImportErrorCode.DATE_ORDER, "DATE_ORDER.settledInFuture", settled);
			valid = false;
		}
		if (paid != null && settled == null) {
			problems.add(line, "paid_amount", ImportErrorCode.REQUIRED, "REQUIRED.paidNeedsSettled");
			valid = false;
		}
		if (paid != null && billed != null && paid.compareTo(billed) > 0) {
			problems.add(line, "paid_amount", ImportErrorCode.OUT_OF_RANGE, "OUT_OF_RANGE.paidOverAmount", paid,
					billed);
			valid = false;
		}
		if (!valid || issued == null || due == null || billed == null || customerId == null) {
			return null;
		}
		String key = number;
		if (key.isEmpty()) {
			String content = issued + "|" + due + "|" + billed.stripTrailingZeros().toPlainString();
			int seen = this.unnumbered.merge(customerId + "|" + content, 1, Integer::sum);
			key = "~" + content + "|" + seen;
		}
		return new ImportedInvoice(customerId + "|" + key, customerId, number.isEmpty() ? null : number, issued, due,
				billed, settled, (settled != null) ? ((paid != null) ? paid : billed) : null, limit);
	}

	@Override
	public String id(ImportedInvoice document) {
		return document.id();
	}

	@Override
	public Phrase duplicate(ImportedInvoice document) {
		return Phrase.of("DUPLICATE_ROW.invoice", document.invoiceId());
	}

}
