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
			40000,    USD, -,          -,          CURRENCY_MISMATCH
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

	/**
	 * The sentence describes the offer sent: a temporary offer above the requested limit
	 * is not one "without an end date".
	 */
	@ParameterizedTest
	@CsvSource(textBlock = """
			en, 30000, 2027-06-30, '30,000.00 EUR until 2027-06-30', without an end date
			de, 30000, 2027-06-30, '30.000,00 EUR bis',               ohne Enddatum
			en, 30000,           , '30,000.00 EUR without an end date', until
			de, 30000,           , '30.000,00 EUR ohne Enddatum',       bis
			""")
	void aRefusedCounterOfferIsDescribedAsSent(String language, String amount, LocalDate validUntil, String says,
			String doesNotSay) {
		Refusal refusal = new CounterOffer(Money.of(amount, "EUR"), validUntil)
			.check(Money.of("20000", "EUR"), LocalDate.of(2027, 6, 30), LocalDate.of(2027, 1, 4))
			.orElseThrow();
		assertThat(refusal.code()).isEqualTo(RequestErrorCode.COUNTER_OFFER_NOT_LOWER);
		String sentence = refusal.error().message(java.util.Locale.forLanguageTag(language));
		assertThat(sentence).contains(says).doesNotContain(doesNotSay);
	}

}
