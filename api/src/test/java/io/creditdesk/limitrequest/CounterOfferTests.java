package io.creditdesk.limitrequest;

import java.time.LocalDate;

import io.creditdesk.common.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CounterOfferTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

	/**
	 * A counter-offer to a request for 50,000 EUR (permanent, or temporary until
	 * 2026-09-30), decided on 2026-06-01.
	 */
	@ParameterizedTest(name = "{0} {1} until {2} to a request until {3} -> {4}")
	@CsvSource(nullValues = "-", textBlock = """
			40000,    EUR, -,          -,          OK
			49999.99, EUR, -,          -,          OK
			0,        EUR, -,          -,          OK
			50000,    EUR, -,          -,          COUNTER_OFFER_NOT_LOWER
			60000,    EUR, -,          -,          COUNTER_OFFER_NOT_LOWER
			50000,    EUR, 2026-09-30, -,          OK
			30000,    EUR, 2026-09-30, -,          OK
			60000,    EUR, 2026-09-30, -,          COUNTER_OFFER_NOT_LOWER
			40000,    USD, -,          -,          COUNTER_OFFER_NOT_LOWER
			-1,       EUR, -,          -,          COUNTER_OFFER_NOT_LOWER
			40000,    EUR, 2026-06-01, -,          COUNTER_OFFER_END_DATE_PASSED
			50000,    EUR, 2026-09-30, 2026-09-30, OK
			50000,    EUR, 2026-08-31, 2026-09-30, OK
			40000,    EUR, 2026-09-30, 2026-09-30, OK
			40000,    EUR, 2026-06-02, 2026-09-30, OK
			50000,    EUR, 2026-10-01, 2026-09-30, COUNTER_OFFER_ENDS_LATER
			40000,    EUR, 2027-06-01, 2026-09-30, COUNTER_OFFER_ENDS_LATER
			40000,    EUR, -,          2026-09-30, COUNTER_OFFER_ENDS_LATER
			50000,    EUR, -,          2026-09-30, COUNTER_OFFER_NOT_LOWER
			60000,    EUR, 2026-08-31, 2026-09-30, COUNTER_OFFER_NOT_LOWER
			40000,    EUR, 2026-06-01, 2026-09-30, COUNTER_OFFER_END_DATE_PASSED
			""")
	void aCounterOfferLowersOrLimitsTheRequestedLimit(String amount, String currency, LocalDate validUntil,
			LocalDate requestedUntil, String outcome) {
		CounterOffer offer = new CounterOffer(Money.of(amount, currency), validUntil);
		assertThat(
				offer.check(Money.of("50000", "EUR"), requestedUntil, TODAY).map((r) -> r.code().name()).orElse("OK"))
			.isEqualTo(outcome);
	}

}
