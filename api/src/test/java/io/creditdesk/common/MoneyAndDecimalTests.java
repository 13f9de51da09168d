package io.creditdesk.common;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyAndDecimalTests {

	@Test
	void moneyCarriesTheCurrencyMinorUnits() {
		assertThat(Money.of("1250", "EUR").amount().toPlainString()).isEqualTo("1250.00");
		assertThat(Money.of("1250", "JPY").amount().toPlainString()).isEqualTo("1250");
		assertThat(Money.of("1.234", "BHD").amount().toPlainString()).isEqualTo("1.234");
	}

	@Test
	void moneyNeverMixesCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")));
		assertThat(Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
	}

	@Test
	void decimalInputParsesOnlyDecimals() {
		assertThat(DecimalInput.of(" 12.50 ").toBigDecimal()).isEqualByComparingTo(new BigDecimal("12.5"));
		assertThat(DecimalInput.of("1e3").toBigDecimal()).isEqualByComparingTo(new BigDecimal("1000"));
		assertThat(DecimalInput.of("-3").toBigDecimal()).isEqualByComparingTo(new BigDecimal("-3"));
		assertThat(DecimalInput.of("12,5").toBigDecimal()).isNull();
		assertThat(DecimalInput.of("abc").toBigDecimal()).isNull();
		assertThat(DecimalInput.of("NaN").toBigDecimal()).isNull();
		assertThat(DecimalInput.of("").toBigDecimal()).isNull();
	}

	@Test
	void validationReportsEveryProblemAtOnce() {
		Validation v = new Validation();
		v.currency("currency", "XYZ");
		v.country("countryCode", "ZZ");
		v.money("amount", DecimalInput.of("-1"), "EUR");
		v.code("segment", "bad code!");
		assertThat(v.hasErrors()).isTrue();
		try {
			v.throwIfInvalid();
		}
		catch (CreditDeskException ex) {
			assertThat(ex.errors()).extracting(e -> e.code().code())
				.containsExactly("UNKNOWN_CURRENCY", "UNKNOWN_COUNTRY", "NEGATIVE_AMOUNT", "INVALID_CODE");
			return;
		}
		throw new AssertionError("expected a refusal");
	}

	@Test
	void aNegativeAmountIsRepeatedAsSentNotAtTheCurrencysScale() {
		Map<String, String> shown = Map.of("-1", "-1", "-1.5", "-1.5", "-0.010", "-0.010", "-1e3", "-1,000");
		shown.forEach((sent, figure) -> {
			Validation v = new Validation();
			v.money("amount", DecimalInput.of(sent), "EUR");
			try {
				v.throwIfInvalid();
				throw new AssertionError("expected a refusal of " + sent);
			}
			catch (CreditDeskException ex) {
				assertThat(ex.errors().get(0).code().code()).isEqualTo("NEGATIVE_AMOUNT");
				assertThat(ex.errors().get(0).message()).isEqualTo("amount must not be negative, got " + figure + ".");
			}
		});
	}

}
