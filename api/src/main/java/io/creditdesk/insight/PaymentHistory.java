package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.creditdesk.common.Money;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.InvoiceStatus;

/**
 * A customer's payment behaviour over invoices dated in a range. An invoice is settled
 * once nothing is open (paid, discounted, credited or written off); it is on time when
 * settled by its due date, and a written-off invoice never is. Days beyond terms count to
 * settlement, or to {@code asOf} while open, and are never negative.
 */
record PaymentHistory(String customerId, LocalDate from, LocalDate to, LocalDate asOf, List<Line> invoices,
		int invoiceCount, int settledCount, Double onTimeRate, Double averageDaysBeyondTerms,
		Integer worstDaysBeyondTerms, Double averageDaysToPay, List<Month> monthlyTrend) {

	/** One invoice of the report. */
	record Line(String invoiceId, LocalDate invoiceDate, LocalDate dueDate, LocalDate settledOn, Money amount,
			Money open, InvoiceStatus status, Integer daysToPay, int daysBeyondTerms, Boolean onTime,
			Money creditAmount) {

		boolean settled() {
			return this.settledOn != null;
		}

	}

	/** The invoices of one invoice month. */
	record Month(String month, int invoices, Money amount, double averageDaysBeyondTerms, Double onTimeRate) {
	}

	static Line line(Invoice invoice, LocalDate asOf) {
		LocalDate settledOn = (invoice.status() != InvoiceStatus.OPEN) ? invoice.settledOn() : null;
		Integer daysToPay = (settledOn != null) ? (int) ChronoUnit.DAYS.between(invoice.invoiceDate(), settledOn)
				: null;
		LocalDate until = (settledOn != null) ? settledOn : asOf;
		int beyond = (int) Math.max(0, ChronoUnit.DAYS.between(invoice.dueDate(), until));
		Boolean onTime = (settledOn == null) ? null
				: invoice.status() != InvoiceStatus.WRITTEN_OFF && !settledOn.isAfter(invoice.dueDate());
		return new Line(invoice.id(), invoice.invoiceDate(), invoice.dueDate(), settledOn, invoice.amount(),
				invoice.open(), invoice.status(), daysToPay, beyond, onTime, invoice.creditAmount());
	}

	/**
	 * The report over {@code invoices} (already restricted to the range), oldest first.
	 */
	static PaymentHistory of(String customerId, LocalDate from, LocalDate to, LocalDate asOf, String creditCurrency,
			List<Invoice> invoices) {
		List<Line> lines = invoices.stream().map(i -> line(i, asOf)).toList();
		Stats all = Stats.of(lines);
		Map<YearMonth, List<Line>> byMonth = new TreeMap<>();
		for (Line line : lines) {
			byMonth.computeIfAbsent(YearMonth.from(line.invoiceDate()), m -> new ArrayList<>()).add(line);
		}
		List<Month> months = new ArrayList<>();
		byMonth.forEach((month, monthLines) -> {
			Stats stats = Stats.of(monthLines);
			Money amount = monthLines.stream().map(Line::creditAmount).reduce(Money.zero(creditCurrency), Money::plus);
			months
				.add(new Month(month.toString(), monthLines.size(), amount, stats.averageBeyond(), stats.onTimeRate()));
		});
		return new PaymentHistory(customerId, from, to, asOf, lines, lines.size(), all.settled(), all.onTimeRate(),
				lines.isEmpty() ? null : all.averageBeyond(), all.worst(), all.averageDaysToPay(), months);
	}

	private record Stats(int settled, Double onTimeRate, double averageBeyond, Integer worst, Double averageDaysToPay) {

		static Stats of(List<Line> lines) {
			int settled = 0;
			int onTime = 0;
			long beyond = 0;
			long toPay = 0;
			Integer worst = null;
			for (Line line : lines) {
				beyond += line.daysBeyondTerms();
				worst = (worst == null) ? line.daysBeyondTerms() : Math.max(worst, line.daysBeyondTerms());
				if (line.settled()) {
					settled++;
					toPay += line.daysToPay();
					if (Boolean.TRUE.equals(line.onTime())) {
						onTime++;
					}
				}
			}
			return new Stats(settled, (settled == 0) ? null : (double) onTime / settled,
					lines.isEmpty() ? 0.0 : (double) beyond / lines.size(), worst,
					(settled == 0) ? null : (double) toPay / settled);
		}

	}

}
