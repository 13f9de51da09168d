package io.creditdesk.common;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * The one bound every decimal entering the service is held to, whatever the path: GraphQL
 * strings and numbers, the intake channels' payloads, policies, FX rates. Amounts of
 * money are below 10^15 in their currency (at most {@value #MAX_INTEGER_DIGITS} digits
 * before the decimal point) and carry at most the currency's minor-unit decimals; they
 * are returned at exactly that scale, so {@code 10.5000} EUR is {@code 10.50}. That is at
 * most 19 significant digits, well within the 34 Decimal128 stores exactly, so sums of
 * many amounts (exposure counters) stay exact as well. Exponent notation is read and
 * expanded ({@code 1.5e2} is {@code 150}), the same for every path, and then held to the
 * same bound: {@code 1e400} is out of range.
 * <p>
 * A value out of range is refused with {@link CommonErrorCode#AMOUNT_OUT_OF_RANGE}, one
 * with too many decimals with {@link CommonErrorCode#TOO_MANY_DECIMALS}, a text that is
 * not a number with {@link CommonErrorCode#MALFORMED_DECIMAL}. Every check reads the
 * magnitude from precision and scale before any arithmetic, so even {@code 1e999999999}
 * costs nothing to refuse. A refused number is the refusal's figure as the number it is,
 * every digit kept, so the sentence writes it in the reader's language ({@code 1.005},
 * German {@code 1,005}; {@link MessageCatalogue#figure}); one too long to write out reads
 * in exponent notation ({@link #display}).
 */
public final class MoneyBounds {

	/** Amounts, unit prices and stated totals are below 10^15. */
	public static final int MAX_INTEGER_DIGITS = 15;

	/**
	 * A decimal is written in at most this many characters (a bound amount needs about
	 * 25).
	 */
	public static final int MAX_TEXT_LENGTH = 100;

	/**
	 * Unit prices (fractions of a minor unit) and quantities keep at most this many
	 * decimals.
	 */
	public static final int MAX_LINE_DECIMALS = 6;

	/** Quantities of an order line are below 10^9. */
	public static final int MAX_QUANTITY_INTEGER_DIGITS = 9;

	/** FX rates are below 10^9 (1 EUR is about 30,000 VND) with at most 10 decimals. */
	public static final int MAX_RATE_INTEGER_DIGITS = 9;

	public static final int MAX_RATE_DECIMALS = 10;

	/**
	 * Percentages (discounts, insurance cover) are below 1000 with at most 4 decimals.
	 */
	public static final int MAX_PERCENT_INTEGER_DIGITS = 3;

	public static final int MAX_PERCENT_DECIMALS = 4;

	private static final BigDecimal LIMIT = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

	private MoneyBounds() {
	}

	/**
	 * Reads a decimal written plainly or with an exponent, blanks around it ignored.
	 * @throws CreditDeskException {@code MALFORMED_DECIMAL} when it is not a number,
	 * {@code AMOUNT_OUT_OF_RANGE} when it is longer than {@value #MAX_TEXT_LENGTH}
	 * characters or its exponent is beyond reading
	 */
	public static BigDecimal parse(String field, String text) {
		String trimmed = (text != null) ? text.trim() : "";
		if (trimmed.length() > MAX_TEXT_LENGTH) {
			// No pattern and no BigDecimal on a text this long: both would take time
			// proportional to an attacker's input.
			boolean numeric = trimmed.chars().allMatch(c -> Character.isDigit(c) || "+-.eE".indexOf(c) >= 0);
			throw numeric ? CreditDeskException.refuse(CommonErrorCode.AMOUNT_OUT_OF_RANGE.variant("tooLong"), field,
					MAX_TEXT_LENGTH, trimmed.length(), UserError.quoted(trimmed)) : malformed(field, text);
		}
		if (!DECIMAL.matcher(trimmed).matches()) {
			throw malformed(field, text);
		}
		try {
			return new BigDecimal(trimmed);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// Only an exponent beyond the int range gets here.
			throw CreditDeskException.refuse(CommonErrorCode.AMOUNT_OUT_OF_RANGE.variant("exponent"), field,
					UserError.quoted(trimmed));
		}
	}

	/** The same as {@link #parse} without the refusal: the value, or null. */
	public static BigDecimal parseOrNull(String text) {
		try {
			return parse("value", text);
		}
		catch (CreditDeskException ex) {
			return null;
		}
	}

	/**
	 * An amount of money in {@code currency}: below 10^15 in magnitude with at most the
	 * currency's minor-unit decimals; returned at exactly that scale. The sign is left to
	 * the caller.
	 */
	public static BigDecimal amount(String field, BigDecimal value, String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		if (digits < 0) {
			throw new IllegalArgumentException(currency + " has no minor unit: money is not kept in it");
		}
		requireIntegerDigits(field, value, MAX_INTEGER_DIGITS);
		if (decimals(value) > digits) {
			throw CreditDeskException.refuse(CommonErrorCode.TOO_MANY_DECIMALS.variant("currency"), field, currency,
					digits, value);
		}
		return value.setScale(digits);
	}

	/**
	 * A unit price or a stated total whose currency is applied later: below 10^15, at
	 * most 6 decimals.
	 */
	public static BigDecimal price(String field, BigDecimal value) {
		return within(field, value, MAX_INTEGER_DIGITS, MAX_LINE_DECIMALS);
	}

	/** The quantity of an order line: below 10^9, at most 6 decimals. */
	public static BigDecimal quantity(String field, BigDecimal value) {
		return within(field, value, MAX_QUANTITY_INTEGER_DIGITS, MAX_LINE_DECIMALS);
	}

	/** An FX rate: below 10^9, at most 10 decimals. */
	public static BigDecimal fxRate(String field, BigDecimal value) {
		return within(field, value, MAX_RATE_INTEGER_DIGITS, MAX_RATE_DECIMALS);
	}

	/**
	 * A percentage: below 1000, at most 4 decimals (the range a rule allows is the
	 * caller's).
	 */
	public static BigDecimal percent(String field, BigDecimal value) {
		return within(field, value, MAX_PERCENT_INTEGER_DIGITS, MAX_PERCENT_DECIMALS);
	}

	/**
	 * Holds {@code value} to {@code integerDigits} digits before the decimal point and
	 * {@code maxDecimals} after it. The value keeps the decimals it was given up to that
	 * maximum: trailing zeros beyond it are dropped and an exponent is expanded
	 * ({@code 1E+3} is {@code 1000}).
	 */
	public static BigDecimal within(String field, BigDecimal value, int integerDigits, int maxDecimals) {
		requireIntegerDigits(field, value, integerDigits);
		if (decimals(value) > maxDecimals) {
			throw CreditDeskException.refuse(CommonErrorCode.TOO_MANY_DECIMALS, field, maxDecimals, value);
		}
		if (value.scale() < 0) {
			return value.setScale(0);
		}
		return (value.scale() > maxDecimals) ? value.setScale(maxDecimals) : value;
	}

	/**
	 * Whether an amount (a computed one, such as a sum of lines or a conversion) is 10^15
	 * or more in magnitude.
	 */
	public static boolean exceeds(BigDecimal value) {
		return integerDigits(value) > MAX_INTEGER_DIGITS;
	}

	/**
	 * The first magnitude beyond every amount (10^15), a figure for sentences about
	 * computed amounts.
	 */
	public static BigDecimal beyond() {
		return BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);
	}

	/** The bound as people read it, for messages about computed amounts. */
	public static String describe() {
		return "below 1,000,000,000,000,000 (at most " + MAX_INTEGER_DIGITS + " digits before the decimal point)";
	}

	/**
	 * A value for a message: plain when short, else in exponent notation, never longer
	 * than a few dozen characters.
	 */
	public static String display(BigDecimal value) {
		boolean plainIsShort = value.precision() <= 40 && Math.abs((long) value.scale()) <= 40;
		return UserError.truncate(plainIsShort ? value.toPlainString() : value.toString(), 60);
	}

	private static void requireIntegerDigits(String field, BigDecimal value, int max) {
		if (integerDigits(value) > max) {
			throw CreditDeskException.refuse(CommonErrorCode.AMOUNT_OUT_OF_RANGE, field, BigDecimal.TEN.pow(max), max,
					value);
		}
	}

	/**
	 * Digits before the decimal point, from precision and scale alone (0 for zero and for
	 * 0.5).
	 */
	static long integerDigits(BigDecimal value) {
		return (value.signum() == 0) ? 0 : Math.max(0, (long) value.precision() - value.scale());
	}

	/** Decimals that are not trailing zeros. */
	static int decimals(BigDecimal value) {
		return (value.signum() == 0) ? 0 : Math.max(0, value.stripTrailingZeros().scale());
	}

	private static CreditDeskException malformed(String field, String text) {
		return CreditDeskException.refuse(CommonErrorCode.MALFORMED_DECIMAL, field, UserError.quoted(text));
	}

}
