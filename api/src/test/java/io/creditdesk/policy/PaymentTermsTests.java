package io.creditdesk.policy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentTermsTests {

	@Test
	void netDaysCountFromTheInvoiceDate() {
		assertThat(new PaymentTerms(30, null, null, false).dueDate(LocalDate.of(2026, 1, 15)))
			.isEqualTo(LocalDate.of(2026, 2, 14));
	}

	@Test
	void endOfMonthCountsFromTheLastDayOfTheInvoiceMonth() {
		assertThat(new PaymentTerms(30, null, null, true).dueDate(LocalDate.of(2026, 2, 3)))
			.isEqualTo(LocalDate.of(2026, 3, 30));
	}

	@Test
	void discountWindowAndLabel() {
		PaymentTerms terms = new PaymentTerms(30, new BigDecimal("2.00"), 10, false);
		assertThat(terms.discountDate(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2026, 3, 11));
		assertThat(terms.label()).isEqualTo("2/10 Net 30");
		assertThat(new PaymentTerms(45, new BigDecimal("1.5"), 10, true).label()).isEqualTo("1.5/10 Net 45 EOM");
		assertThat(PaymentTerms.NET_30.discountDate(LocalDate.of(2026, 3, 1))).isNull();
	}

}
