package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The available credit of a reading is an amount of money: at the credit currency's minor
 * units, rounded half-even as every figure of the account, whatever the secured share of
 * the receivables computes to; the insured share itself is rounded down to the minor
 * units (in the seller's favour), as the store computes it.
 */
class AvailableCreditTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	@Test
	void availableCreditIsAtTheCurrencysMinorUnits() {
		assertThat(available("EUR", "8370.00", "0.00", SecuredTerms.NONE)).isEqualTo("1630.00");
		// No credit insurance: 0 % of the receivables.
		assertThat(available("EUR", "0.00", "9500.00",
				new SecuredTerms(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 2)))
			.isEqualTo("500.00");
		// 12.3456 % of 9,500.00 is 1,172.832: 1,672.832 available, money 1,672.83.
		assertThat(available("EUR", "0.00", "9500.00",
				new SecuredTerms(BigDecimal.ZERO, new BigDecimal("12.3456"), new BigDecimal("5000.00"), 2)))
			.isEqualTo("1672.83");
		assertThat(available("JPY", "0", "9999",
				new SecuredTerms(BigDecimal.ZERO, new BigDecimal("12.5"), new BigDecimal("5000"), 0)))
			.isEqualTo("91250");
	}

	@Test
	void theInsuredShareIsRoundedDownToTheMinorUnits() {
		SecuredTerms insured = new SecuredTerms(new BigDecimal("100.00"), new BigDecimal("12.3456"),
				new BigDecimal("5000.00"), 2);
		assertThat(insured.secured(new BigDecimal("9500.00"))).isEqualByComparingTo("1272.83");
		assertThat(insured.secured(new BigDecimal("100000.00"))).isEqualByComparingTo("5100.00");
		// Found by hand: 90 % of 2,000.01 is 1,800.009, secured 1,800.00 (never
		// 1,800.01).
		SecuredTerms ninety = new SecuredTerms(BigDecimal.ZERO, new BigDecimal("90"), new BigDecimal("5000.00"), 2);
		assertThat(ninety.secured(new BigDecimal("2000.01"))).isEqualByComparingTo("1800.00");
		assertThat(available("EUR", "0.00", "2000.01", ninety)).isEqualTo("9799.99");
		assertThat(new SecuredTerms(BigDecimal.ZERO, new BigDecimal("12.5"), new BigDecimal("5000"), 0)
			.secured(new BigDecimal("9999"))).isEqualByComparingTo("1249");
	}

	private static String available(String currency, String open, String receivables, SecuredTerms secured) {
		ExposureCounters exposure = new ExposureCounters(new BigDecimal(open), BigDecimal.ZERO, BigDecimal.ZERO,
				new BigDecimal(receivables));
		CreditLimit limit = new CreditLimit(
				new Money(new BigDecimal((currency.equals("JPY") ? "100000" : "10000")), currency), null, null,
				"manager", Instant.EPOCH);
		CreditAccount account = new CreditAccount("c1", currency, CustomerStatus.ACTIVE, List.of(), limit, null, "SMB",
				"BRONZE", "RETAIL", exposure, null, null, List.of());
		return new AccountContexts.Context(account, null, secured, CreditCheck.Overdue.NONE, null, TODAY).available()
			.toPlainString();
	}

}
