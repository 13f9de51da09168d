package io.creditdesk.insight;

import java.time.LocalDate;
import java.util.List;

import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.InvoiceStatus;
import org.junit.jupiter.api.Test;

import static io.creditdesk.insight.InsightDsoTests.invoice;
import static io.creditdesk.insight.InsightDsoTests.payment;
import static org.assertj.core.api.Assertions.assertThat;

class InsightPaymentHistoryTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 11, 22);

	@Test
	void daysToPayAndDaysBeyondTermsPerInvoice() {
		LocalDate d = LocalDate.of(2026, 9, 1); // due 2026-10-01
		PaymentHistory.Line early = PaymentHistory.line(invoice("e", "EUR", "10", d, InvoiceStatus.PAID, d.plusDays(5)),
				AS_OF);
		assertThat(early.daysToPay()).isEqualTo(5);
		assertThat(early.daysBeyondTerms()).isZero(); // never negative
		assertThat(early.onTime()).isTrue();
		PaymentHistory.Line late = PaymentHistory.line(invoice("l", "EUR", "10", d, InvoiceStatus.PAID, d.plusDays(45)),
				AS_OF);
		assertThat(late.daysToPay()).isEqualTo(45);
		assertThat(late.daysBeyondTerms()).isEqualTo(15);
		assertThat(late.onTime()).isFalse();
		PaymentHistory.Line open = PaymentHistory.line(invoice("o", "EUR", "10", d, InvoiceStatus.OPEN, null), AS_OF);
		assertThat(open.daysToPay()).isNull();
		assertThat(open.onTime()).isNull();
		assertThat(open.daysBeyondTerms()).isEqualTo(52); // 2026-10-01 to 2026-11-22
		PaymentHistory.Line writtenOff = PaymentHistory
			.line(invoice("w", "EUR", "10", d, InvoiceStatus.WRITTEN_OFF, d.plusDays(20)), AS_OF);
		assertThat(writtenOff.onTime()).isFalse(); // settled before due, but not paid
		assertThat(writtenOff.daysBeyondTerms()).isZero();
	}

	@Test
	void totalsAndMonthlyTrend() {
		LocalDate sep = LocalDate.of(2026, 9, 10);
		LocalDate oct = LocalDate.of(2026, 10, 5);
		List<Invoice> invoices = List.of(
				invoice("1", "EUR", "100.00", sep, InvoiceStatus.PAID, sep.plusDays(30),
						payment("100.00", sep.plusDays(30))),
				invoice("2", "EUR", "200.00", sep.plusDays(1), InvoiceStatus.PAID, sep.plusDays(41)),
				invoice("3", "EUR", "50.50", oct, InvoiceStatus.OPEN, null));
		PaymentHistory report = PaymentHistory.of("c1", sep, AS_OF, AS_OF, "EUR", invoices);
		assertThat(report.invoiceCount()).isEqualTo(3);
		assertThat(report.settledCount()).isEqualTo(2);
		assertThat(report.onTimeRate()).isEqualTo(0.5);
		// beyond terms: 0, 10 (due 10-11, paid 10-21), 18 (due 11-04, open to 11-22)
		assertThat(report.worstDaysBeyondTerms()).isEqualTo(18);
		assertThat(report.averageDaysBeyondTerms()).isEqualTo(28.0 / 3);
		assertThat(report.averageDaysToPay()).isEqualTo(35.0); // (30 + 40) / 2
		assertThat(report.monthlyTrend()).hasSize(2);
		PaymentHistory.Month september = report.monthlyTrend().get(0);
		assertThat(september.month()).isEqualTo("2026-09");
		assertThat(september.invoices()).isEqualTo(2);
		assertThat(september.amount().amount()).isEqualByComparingTo("300.00");
		assertThat(september.averageDaysBeyondTerms()).isEqualTo(5.0);
		assertThat(september.onTimeRate()).isEqualTo(0.5);
		PaymentHistory.Month october = report.monthlyTrend().get(1);
		assertThat(october.month()).isEqualTo("2026-10");
		assertThat(october.amount().toString()).isEqualTo("50.50 EUR");
		assertThat(october.onTimeRate()).isNull(); // nothing settled yet
	}

	@Test
	void anEmptyRangeHasNoRates() {
		PaymentHistory report = PaymentHistory.of("c1", AS_OF, AS_OF, AS_OF, "EUR", List.of());
		assertThat(report.onTimeRate()).isNull();
		assertThat(report.averageDaysBeyondTerms()).isNull();
		assertThat(report.worstDaysBeyondTerms()).isNull();
		assertThat(report.monthlyTrend()).isEmpty();
	}

}
