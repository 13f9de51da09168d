package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.stream.Stream;

import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A reason's stored figure read back typed, in the one place that reads the stored form:
 * amounts, day counts and dates; anything else (a status, a flag, an unknown currency)
 * stays text.
 */
class ReasonFiguresTests {

	static Stream<Arguments> figures() {
		return Stream.of(arguments("20000.00 EUR", new Money(new BigDecimal("20000.00"), "EUR")),
				arguments("-12.50 USD", new Money(new BigDecimal("-12.50"), "USD")),
				arguments("1500 JPY", new Money(new BigDecimal("1500"), "JPY")), arguments("45 days", new Days(45)),
				arguments("1 day", new Days(1)), arguments("2026-06-14", LocalDate.of(2026, 6, 14)),
				arguments("ACTIVE", "ACTIVE"), arguments("BUREAU", "BUREAU"),
				// Not a currency: the text as stored, never a failure.
				arguments("12.00 XYZ", "12.00 XYZ"), arguments("2026-13-45", "2026-13-45"), arguments(null, null));
	}

	@ParameterizedTest
	@MethodSource("figures")
	void aStoredFigureReadsBackTyped(String stored, Object typed) {
		assertThat(ReasonFigures.parse(stored)).isEqualTo(typed);
	}

}
