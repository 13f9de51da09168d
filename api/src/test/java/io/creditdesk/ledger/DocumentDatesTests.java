package io.creditdesk.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import io.creditdesk.common.UserError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The date rules of ledger documents as tables; today is 2026-12-04 and the tolerance one
 * day.
 */
class DocumentDatesTests {

	private static final LocalDate TODAY = LocalDate.parse("2026-12-04");

	private final DocumentDates dates = new DocumentDates(Duration.ofDays(1));

	@ParameterizedTest(name = "payment {0} of an invoice of {1}: {2}")
	@CsvSource(nullValues = "-",
			value = { "2026-12-04, 2026-11-20, -", "2026-11-20, 2026-11-20, -", "2026-12-05, 2026-11-20, -",
					"2026-12-06, 2026-11-20, DATE_IN_FUTURE", "2030-01-01, 2026-11-20, DATE_IN_FUTURE",
					"2026-11-19, 2026-11-20, DATE_BEFORE_INVOICE", "2025-01-01, 2026-11-20, DATE_BEFORE_INVOICE",
					"2026-12-05, 2026-12-05, -", "2026-12-06, 2026-12-07, DATE_IN_FUTURE" })
	void payments(LocalDate paymentDate, LocalDate invoiceDate, String code) {
		assertCode(this.dates.payment(paymentDate, TODAY, invoiceDate), code, "paymentDate");
	}

	@ParameterizedTest(name = "invoice {0}, customer since {1}, order placed {2}: {3}")
	@CsvSource(nullValues = "-",
			value = { "2026-12-04, 2020-01-01, -, -", "2026-12-05, 2020-01-01, -, -",
					"2026-12-06, 2020-01-01, -, DATE_IN_FUTURE", "2019-12-31, 2020-01-01, -, DATE_BEFORE_CUSTOMER",
					"2020-01-01, 2020-01-01, -, -", "2026-12-01, 2020-01-01, 2026-12-02, DATE_BEFORE_ORDER",
					"2026-12-02, 2020-01-01, 2026-12-02, -", "2026-12-03, -, -, -",
					"2031-01-01, 2032-01-01, 2032-01-01, DATE_IN_FUTURE" })
	void invoices(LocalDate invoiceDate, LocalDate customerSince, LocalDate orderDate, String code) {
		assertCode(this.dates.invoice(invoiceDate, TODAY, customerSince, orderDate), code, "invoiceDate");
	}

	@ParameterizedTest(name = "channel order dated {0}: {1}")
	@CsvSource(nullValues = "-", value = { "2026-12-04, -", "2026-12-05, -", "2026-12-06, DATE_IN_FUTURE",
			"2027-06-01, DATE_IN_FUTURE", "2019-06-01, -" })
	void channelOrders(LocalDate orderDate, String code) {
		assertCode(this.dates.order("orderDate", orderDate, TODAY), code, "orderDate");
	}

	@ParameterizedTest(name = "delivery on {0}: {1}")
	@CsvSource(nullValues = "-", value = { "2026-12-04, -", "2000-01-01, -", "1999-12-31, INVALID_DATE",
			"0001-01-01, INVALID_DATE", "2036-12-04, -", "2036-12-05, INVALID_DATE", "9999-12-31, INVALID_DATE" })
	void deliveryDates(LocalDate deliveryDate, String code) {
		assertCode(DocumentDates.delivery("requestedDeliveryDate", deliveryDate, TODAY), code, "requestedDeliveryDate");
	}

	@ParameterizedTest(name = "a tolerance of {0} allows up to {1}")
	@CsvSource({ "PT0S, 2026-12-04", "PT12H, 2026-12-05", "P1D, 2026-12-05", "PT25H, 2026-12-06", "P3D, 2026-12-07" })
	void toleranceInWholeDaysRoundedUp(Duration tolerance, LocalDate latest) {
		assertThat(new DocumentDates(tolerance).latest(TODAY)).isEqualTo(latest);
	}

	private static void assertCode(Optional<UserError> refusal, String code, String field) {
		if (code == null) {
			assertThat(refusal).isEmpty();
		}
		else {
			assertThat(refusal).hasValueSatisfying(error -> {
				assertThat(error.code().code()).isEqualTo(code);
				assertThat(error.field()).isEqualTo(field);
				assertThat(error.message()).isNotBlank().doesNotContain("null");
			});
		}
	}

}
