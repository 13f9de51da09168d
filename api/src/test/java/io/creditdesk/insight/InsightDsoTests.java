package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Invoice.Application;
import io.creditdesk.ledger.Invoice.ApplicationType;
import io.creditdesk.ledger.InvoiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InsightDsoTests {

	private static final LocalDate END = LocalDate.of(2026, 6, 30);

	private static final Period PERIOD = new Period(LocalDate.of(2026, 6, 1), END);

	static Invoice invoice(String id, String currency, String credit, LocalDate date, InvoiceStatus status,
			LocalDate settledOn, Application... applications) {
		BigDecimal open = new BigDecimal(credit);
		for (Application a : applications) {
			open = open.subtract(a.creditAmount());
		}
		return new Invoice(id, "c1", null, new Money(new BigDecimal(credit), currency),
				new Money(new BigDecimal(credit), currency), BigDecimal.ONE, date, date, date.plusDays(30), null, null,
				open, open, status, List.of(applications), settledOn, "test", null, "f", null);
	}

	static Application payment(String amount, LocalDate date) {
		return new Application("p-" + date + amount, ApplicationType.PAYMENT, new BigDecimal(amount),
				new BigDecimal(amount), date, "test", null, null);
	}

	@Test
	void receivablesAtAPeriodEndIgnoreLaterPaymentsAndLaterInvoices() {
		Invoice partlyPaidLater = invoice("a", "EUR", "1000", END.minusDays(5), InvoiceStatus.PAID, END.plusDays(3),
				payment("400", END), payment("600", END.plusDays(3)));
		assertThat(Dso.receivableAt(partlyPaidLater, END)).isEqualByComparingTo("600");
		assertThat(Dso.receivableAt(partlyPaidLater, END.minusDays(1))).isEqualByComparingTo("1000");
		assertThat(Dso.receivableAt(partlyPaidLater, END.plusDays(3))).isEqualByComparingTo("0");
		assertThat(Dso.receivableAt(invoice("b", "EUR", "50", END.plusDays(1), InvoiceStatus.OPEN, null), END))
			.isEqualByComparingTo("0");
	}

	@Test
	void standardDsoIsReceivablesOverSalesTimesDays() {
		Map<String, Dso.Totals> totals = Dso.totalsByCurrency(List.of(
				invoice("in", "EUR", "3000", END.minusDays(10), InvoiceStatus.OPEN, null,
						payment("1000", END.minusDays(2))),
				invoice("old", "EUR", "500", PERIOD.from().minusDays(1), InvoiceStatus.OPEN, null),
				invoice("usd", "USD", "100", END, InvoiceStatus.OPEN, null)), PERIOD);
		assertThat(totals.get("EUR").receivablesAtEnd()).isEqualByComparingTo("2500");
		assertThat(totals.get("EUR").creditSales()).isEqualByComparingTo("3000"); // the
																					// older
																					// invoice
																					// is
																					// not
																					// a
																					// sale
																					// of
																					// the
																					// period
		assertThat(totals.get("USD").creditSales()).isEqualByComparingTo("100"); // currencies
																					// are
																					// never
																					// summed
																					// here
		assertThat(totals.get("EUR").dso(PERIOD.days())).isEqualTo(25.0); // 2500 / 3000 x
																			// 30
		assertThat(PERIOD.days()).isEqualTo(30);
	}

	@Test
	void noCreditSalesMeansNoDso() {
		assertThat(Dso.dso(new BigDecimal("500"), BigDecimal.ZERO, 90)).isNull();
		assertThat(Dso.Totals.ZERO.dso(90)).isNull();
	}

	@Test
	void periodsDefaultToTheLastNinetyDaysAndMustBeOrdered() {
		Period period = Period.of(null, null, END);
		assertThat(period.to()).isEqualTo(END);
		assertThat(period.days()).isEqualTo(90);
		assertThat(Period.of(null, END, LocalDate.of(2027, 1, 1)).from()).isEqualTo(END.minusDays(89));
		assertThatThrownBy(() -> Period.of(END, END.minusDays(1), END)).isInstanceOf(CreditDeskException.class)
			.hasMessageContaining("INVALID_PERIOD");
		assertThatThrownBy(() -> Period.of(END.minusYears(20), END, END)).isInstanceOf(CreditDeskException.class)
			.hasMessageContaining("PERIOD_TOO_LONG");
	}

}
