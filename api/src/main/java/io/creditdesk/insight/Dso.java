package io.creditdesk.insight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.InvoiceStatus;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Days sales outstanding by the standard (period-end) method. Receivables at the end of
 * the period are rebuilt from each invoice and the dates of the amounts applied to it, so
 * a past period gives the figure it had then, not today's.
 */
final class Dso {

	static final String METHOD = "STANDARD: receivables open at the end of the period / credit sales (invoiced amounts, "
			+ "by invoice date) in the period x days in the period (both ends included); receivables at the period "
			+ "end are rebuilt from the invoices and the dates of their payments, credit notes, discounts and "
			+ "write-offs. Amounts are taken in each invoice's own currency: as they are when it is the reporting "
			+ "currency, otherwise converted at the rate on the period end.";

	private Dso() {
	}

	/** Receivables at a period end and credit sales in the period, in one currency. */
	record Totals(BigDecimal receivablesAtEnd, BigDecimal creditSales) {

		static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO);

		Totals plus(Totals other) {
			return new Totals(this.receivablesAtEnd.add(other.receivablesAtEnd),
					this.creditSales.add(other.creditSales));
		}

		/** DSO in days, or null without credit sales. */
		Double dso(long days) {
			return Dso.dso(this.receivablesAtEnd, this.creditSales, days);
		}

	}

	/**
	 * The invoices that can matter for a period: dated up to its end and either in it or
	 * still open at its end.
	 */
	static Criteria relevantInvoices(Period period) {
		return new Criteria().andOperator(Criteria.where("invoiceDate").lte(period.to()),
				new Criteria().orOperator(Criteria.where("invoiceDate").gte(period.from()),
						Criteria.where("status").is(InvoiceStatus.OPEN), Criteria.where("settledOn").gt(period.to())));
	}

	/**
	 * What of the invoice was still open at the end of {@code day}, in the credit
	 * currency.
	 */
	static BigDecimal receivableAt(Invoice invoice, LocalDate day) {
		if (invoice.invoiceDate().isAfter(day)) {
			return BigDecimal.ZERO;
		}
		BigDecimal applied = invoice.applications()
			.stream()
			.filter(a -> a.date() != null && !a.date().isAfter(day))
			.map(Invoice.Application::creditAmount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return invoice.creditAmount().amount().subtract(applied).max(BigDecimal.ZERO);
	}

	/**
	 * What of the invoice was still open at the end of {@code day}, in the invoice's own
	 * (document) currency: its amount minus the amounts applied to it up to that day,
	 * each kept in the invoice currency, so a partial payment leaves the exact remainder.
	 */
	static BigDecimal documentReceivableAt(Invoice invoice, LocalDate day) {
		if (invoice.invoiceDate().isAfter(day)) {
			return BigDecimal.ZERO;
		}
		BigDecimal applied = invoice.applications()
			.stream()
			.filter(a -> a.date() != null && !a.date().isAfter(day))
			.map(Invoice.Application::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return invoice.amount().amount().subtract(applied).max(BigDecimal.ZERO);
	}

	static boolean inPeriod(Invoice invoice, Period period) {
		return !invoice.invoiceDate().isBefore(period.from()) && !invoice.invoiceDate().isAfter(period.to());
	}

	/** Totals per credit currency. */
	static Map<String, Totals> totalsByCurrency(Collection<Invoice> invoices, Period period) {
		Map<String, Totals> totals = new TreeMap<>();
		for (Invoice invoice : invoices) {
			Totals one = new Totals(receivableAt(invoice, period.to()),
					inPeriod(invoice, period) ? invoice.creditAmount().amount() : BigDecimal.ZERO);
			totals.merge(invoice.creditAmount().currency(), one, Totals::plus);
		}
		return totals;
	}

	/**
	 * Totals per document (invoice) currency, in the invoices' own amounts: what a report
	 * in another currency converts, and what a report in that currency gives as it is.
	 */
	static Map<String, Totals> totalsByDocumentCurrency(Collection<Invoice> invoices, Period period) {
		Map<String, Totals> totals = new TreeMap<>();
		for (Invoice invoice : invoices) {
			Totals one = new Totals(documentReceivableAt(invoice, period.to()),
					inPeriod(invoice, period) ? invoice.amount().amount() : BigDecimal.ZERO);
			totals.merge(invoice.amount().currency(), one, Totals::plus);
		}
		return totals;
	}

	static Double dso(BigDecimal receivables, BigDecimal creditSales, long days) {
		if (creditSales.signum() <= 0) {
			return null;
		}
		return receivables.multiply(BigDecimal.valueOf(days)).divide(creditSales, MathContext.DECIMAL64).doubleValue();
	}

}
