package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.Money;
import org.jspecify.annotations.Nullable;

/**
 * A reason's stored figure ({@link CreditReason#threshold()},
 * {@link CreditReason#actual()}, kept in the canonical form the API has always shown:
 * {@code 20000.00 EUR}, {@code 45 days}, {@code 2026-06-14}, {@code ACTIVE}) read back as
 * the typed figure the catalogue formats in the reader's language. The one place that
 * reads that form; a text in no known form stays as it is.
 */
final class ReasonFigures {

	private static final Pattern MONEY = Pattern.compile("(-?\\d+(?:\\.\\d+)?) ([A-Z]{3})");

	private static final Pattern DAYS = Pattern.compile("(\\d{1,9}) days?");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private ReasonFigures() {
	}

	static @Nullable Object parse(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		Matcher money = MONEY.matcher(stored);
		if (money.matches() && Money.isCurrency(money.group(2))) {
			return new Money(new BigDecimal(money.group(1)), money.group(2));
		}
		Matcher days = DAYS.matcher(stored);
		if (days.matches()) {
			return new Days(Long.parseLong(days.group(1)));
		}
		if (DATE.matcher(stored).matches()) {
			try {
				return LocalDate.parse(stored);
			}
			catch (DateTimeParseException ex) {
				return stored;
			}
		}
		return stored;
	}

}
