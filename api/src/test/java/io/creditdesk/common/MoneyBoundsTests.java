package io.creditdesk.common;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The one bound of every amount, price, quantity, rate and percentage, as tables. */
class MoneyBoundsTests {

	@ParameterizedTest(name = "{0} {1} is kept as {2}")
	@CsvSource(delimiter = '|',
			value = { "10.5000                | EUR | 10.50", "10.5                   | EUR | 10.50",
					"' 1250 '               | EUR | 1250.00", "1500.000               | JPY | 1500",
					"1.234                  | BHD | 1.234", "1.5e2                  | EUR | 150.00",
					"1E+3                   | JPY | 1000", "12.5E-1                | EUR | 1.25",
					"0                      | EUR | 0.00", "0E+400                 | EUR | 0.00",
					"999999999999999.99     | EUR | 999999999999999.99",
					"999999999999999.9900   | EUR | 999999999999999.99",
					"-999999999999999       | JPY | -999999999999999", "0.0001                 | CLF | 0.0001",
					"1.0000000000000000000000000000000000000000000000000 | EUR | 1.00", })
	void amountsWithinTheBoundAreKeptAtTheCurrencyScale(String text, String currency, String expected) {
		BigDecimal kept = MoneyBounds.amount("amount", MoneyBounds.parse("amount", text), currency);
		assertThat(kept.toPlainString()).isEqualTo(expected);
		assertThat(kept.scale()).isEqualTo(Currency.getInstance(currency).getDefaultFractionDigits());
	}

	@ParameterizedTest(name = "{0} {1} is refused with {2}")
	@CsvSource(delimiter = '|',
			value = { "1e400                                    | EUR | AMOUNT_OUT_OF_RANGE",
					"1E+15                                    | EUR | AMOUNT_OUT_OF_RANGE",
					"1000000000000000                         | EUR | AMOUNT_OUT_OF_RANGE",
					"-1000000000000000                        | EUR | AMOUNT_OUT_OF_RANGE",
					"1234567890123456789012345678901234567890 | EUR | AMOUNT_OUT_OF_RANGE",
					"1e999999999                              | EUR | AMOUNT_OUT_OF_RANGE",
					"1e99999999999                            | EUR | AMOUNT_OUT_OF_RANGE",
					"10.505                                   | EUR | TOO_MANY_DECIMALS",
					"1e-400                                   | EUR | TOO_MANY_DECIMALS",
					"1e-999999999                             | EUR | TOO_MANY_DECIMALS",
					"0.5                                      | JPY | TOO_MANY_DECIMALS",
					"1.2345                                   | BHD | TOO_MANY_DECIMALS",
					"12,50                                    | EUR | MALFORMED_DECIMAL",
					"NaN                                      | EUR | MALFORMED_DECIMAL",
					"Infinity                                 | EUR | MALFORMED_DECIMAL",
					"0x10                                     | EUR | MALFORMED_DECIMAL",
					"1e                                       | EUR | MALFORMED_DECIMAL",
					"''                                       | EUR | MALFORMED_DECIMAL", })
	void amountsBeyondTheBoundAreRefusedWithAStableCode(String text, String currency, String code) {
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> MoneyBounds.amount("amount", MoneyBounds.parse("amount", text), currency));
		assertThat(refused).as(text).isNotNull();
		assertThat(refused.errors()).singleElement().satisfies(error -> {
			assertThat(error.code().code()).isEqualTo(code);
			assertThat(error.field()).isEqualTo("amount");
			assertThat(error.message()).startsWith("amount ").hasSizeLessThan(300);
		});
	}

	@ParameterizedTest(name = "{0}: {1} is kept as {2}")
	@CsvSource(delimiter = '|',
			value = { "price    | 149.90             | 149.90", "price    | 1.786              | 1.786",
					"price    | 0.1234560000       | 0.123456", "price    | 1.499E+2           | 149.9",
					"price    | 999999999999999.99 | 999999999999999.99", "quantity | 12                 | 12",
					"quantity | 2.5                | 2.5", "quantity | 1E+3               | 1000",
					"quantity | 999999999          | 999999999", "fxRate   | 0.9400             | 0.9400",
					"fxRate   | 28000              | 28000", "fxRate   | 0.0000000001       | 0.0000000001",
					"fxRate   | 1e-3               | 0.001", "percent  | 2                  | 2",
					"percent  | 2.5000000          | 2.5000", "percent  | 99.9999            | 99.9999", })
	void linesRatesAndPercentagesWithinTheirBoundsKeepTheirDecimals(String kind, String text, String expected) {
		assertThat(bound(kind, MoneyBounds.parse("value", text)).toPlainString()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}: {1} is refused with {2}")
	@CsvSource(delimiter = '|', value = { "price    | 1e400              | AMOUNT_OUT_OF_RANGE",
			"price    | 1000000000000000   | AMOUNT_OUT_OF_RANGE", "price    | 0.1234567          | TOO_MANY_DECIMALS",
			"quantity | 1000000000         | AMOUNT_OUT_OF_RANGE",
			"quantity | 1E+9               | AMOUNT_OUT_OF_RANGE", "quantity | 0.0000001          | TOO_MANY_DECIMALS",
			"fxRate   | 1e400              | AMOUNT_OUT_OF_RANGE",
			"fxRate   | 1000000000         | AMOUNT_OUT_OF_RANGE", "fxRate   | 0.00000000001      | TOO_MANY_DECIMALS",
			"percent  | 1000               | AMOUNT_OUT_OF_RANGE", "percent  | 1e-400             | TOO_MANY_DECIMALS",
			"percent  | 2.00001            | TOO_MANY_DECIMALS", })
	void linesRatesAndPercentagesBeyondTheirBoundsAreRefused(String kind, String text, String code) {
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> bound(kind, MoneyBounds.parse("value", text)));
		assertThat(refused).as(kind + " " + text).isNotNull();
		assertThat(refused.code()).isEqualTo(code);
		assertThat(refused.errors().get(0).field()).isEqualTo("value");
	}

	private static BigDecimal bound(String kind, BigDecimal value) {
		return switch (kind) {
			case "price" -> MoneyBounds.price("value", value);
			case "quantity" -> MoneyBounds.quantity("value", value);
			case "fxRate" -> MoneyBounds.fxRate("value", value);
			case "percent" -> MoneyBounds.percent("value", value);
			default -> throw new IllegalArgumentException(kind);
		};
	}

	@Test
	void aTextTooLongToBeAnAmountIsRefusedWithoutReadingItAndEchoedOnlyInPart() {
		String tenMegabytesOfDigits = "9".repeat(10 * 1024 * 1024);
		CreditDeskException digits = catchThrowableOfType(CreditDeskException.class,
				() -> MoneyBounds.parse("amount", tenMegabytesOfDigits));
		assertThat(digits.code()).isEqualTo("AMOUNT_OUT_OF_RANGE");
		assertThat(digits.errors().get(0).message()).contains("10485760").hasSizeLessThan(300);

		CreditDeskException text = catchThrowableOfType(CreditDeskException.class,
				() -> MoneyBounds.parse("amount", "x".repeat(10 * 1024 * 1024)));
		assertThat(text.code()).isEqualTo("MALFORMED_DECIMAL");
		assertThat(text.errors().get(0).message()).hasSizeLessThan(300);

		assertThat(MoneyBounds.parse("amount", "1" + "0".repeat(99)).precision()).isEqualTo(100);
	}

	@Test
	void computedAmountsAreCheckedAgainstTheSameBound() {
		assertThat(MoneyBounds.exceeds(new BigDecimal("999999999999999.99"))).isFalse();
		assertThat(MoneyBounds.exceeds(new BigDecimal("-999999999999999.99"))).isFalse();
		assertThat(MoneyBounds.exceeds(new BigDecimal("1000000000000000.00"))).isTrue();
		assertThat(MoneyBounds.exceeds(new BigDecimal("1E+400"))).isTrue();
		assertThat(MoneyBounds.exceeds(new BigDecimal("1E-400"))).isFalse();
		assertThat(MoneyBounds.display(new BigDecimal("1E+400"))).isEqualTo("1E+400");
		assertThat(MoneyBounds.display(new BigDecimal("1E+99999999"))).isEqualTo("1E+99999999");
		assertThat(MoneyBounds.display(new BigDecimal("12.50"))).isEqualTo("12.50");
	}

	@Test
	void validationCollectsBoundRefusalsWithTheOtherProblems() {
		Validation v = new Validation();
		assertThat(v.money("limit", DecimalInput.of("1e400"), "EUR")).isNull();
		assertThat(v.money("hardCap", DecimalInput.of("10.505"), "EUR")).isNull();
		assertThat(v.percent("discountPercent", DecimalInput.of("1e-400"))).isNull();
		assertThat(v.fxRate("rate", DecimalInput.of("1e400"))).isNull();
		assertThat(v.money("amount", DecimalInput.of("10.5000"), "EUR"))
			.isEqualTo(new Money(new BigDecimal("10.50"), "EUR"));
		assertThat(v.money("amount", DecimalInput.of("10.5000"), "EUR").amount().scale()).isEqualTo(2);
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class, v::throwIfInvalid);
		assertThat(refused.errors()).extracting(UserError::field, e -> e.code().code())
			.containsExactly(tuple("limit", "AMOUNT_OUT_OF_RANGE"), tuple("hardCap", "TOO_MANY_DECIMALS"),
					tuple("discountPercent", "TOO_MANY_DECIMALS"), tuple("rate", "AMOUNT_OUT_OF_RANGE"));
	}

	@Test
	void messagesNeverEchoMoreThanAFewHundredCharactersOfTheInput() {
		String tenMegabytes = "A".repeat(10 * 1024 * 1024);
		Validation v = new Validation();
		v.code("segment", tenMegabytes);
		v.currency("currency", tenMegabytes);
		v.country("countryCode", tenMegabytes);
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class, v::throwIfInvalid);
		assertThat(refused.errors()).hasSize(3)
			.allSatisfy(error -> assertThat(error.message()).hasSizeLessThanOrEqualTo(UserError.MAX_MESSAGE_LENGTH)
				.contains("AAAA\u2026")
				.contains("(10485760 characters)"));
		assertThat(refused.getMessage()).hasSizeLessThan(600);

		UserError anyMessage = new UserError("field", "x".repeat(1_000_000), CommonErrorCode.REQUIRED);
		assertThat(anyMessage.message()).hasSize(UserError.MAX_MESSAGE_LENGTH).endsWith("\u2026");
		assertThat(UserError.quote("short")).isEqualTo("'short'");
		assertThat(UserError.quote(null)).isEqualTo("null");
		// Nothing that reorders, hides or breaks the text around it is repeated as it is.
		assertThat(UserError.quote("ab\u202Ecd")).isEqualTo("'ab\\u202Ecd'");
		assertThat(UserError.quote("a\nb\tc\u200Bd\u2066e")).isEqualTo("'a\\u000Ab\\u0009c\\u200Bd\\u2066e'");
		assertThat(UserError.quote("Müller & Söhne")).isEqualTo("'Müller & Söhne'");
	}

}
