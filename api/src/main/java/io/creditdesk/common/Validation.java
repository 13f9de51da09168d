package io.creditdesk.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Collects every problem of one input before refusing it, so a caller sees all of them at
 * once. Also holds the shared checks for codes, currencies, countries and amounts.
 */
public final class Validation {

	private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,40}");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final List<UserError> errors = new ArrayList<>();

	/**
	 * Refuses {@code field} with {@code code} and the figures of its sentence
	 * ({@link UserError#of(ErrorCode, String, Object...)}).
	 */
	public Validation reject(ErrorCode code, String field, Object... figures) {
		return reject(UserError.of(code, field, figures));
	}

	/**
	 * As {@link #reject(ErrorCode, String, Object...)}, with one of the code's sentences.
	 */
	public Validation reject(ErrorCode.Variant variant, String field, Object... figures) {
		return reject(UserError.of(variant, field, figures));
	}

	public Validation reject(UserError error) {
		this.errors.add(error);
		return this;
	}

	/**
	 * A refusal with a sentence written by its caller.
	 * @deprecated name the code and the figures:
	 * {@link #reject(ErrorCode, String, Object...)}
	 */
	@Deprecated
	public Validation reject(String field, ErrorCode code, String message) {
		return reject(new UserError(field, message, code));
	}

	public boolean hasErrors() {
		return !this.errors.isEmpty();
	}

	public void throwIfInvalid() {
		if (!this.errors.isEmpty()) {
			throw new CreditDeskException(this.errors);
		}
	}

	/** Trims, upper-cases and checks a taxonomy code (segment, tier, industry). */
	public String code(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		String normalized = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
		if (!CODE.matcher(normalized).matches()) {
			reject(CommonErrorCode.INVALID_CODE, field, UserError.quoted(value));
			return null;
		}
		return normalized;
	}

	/**
	 * A required single-line text (a name, a reference, a URL): trimmed (blanks, tabs and
	 * line breaks around it go, as before); REQUIRED when nothing but blanks and control
	 * characters is left, CONTROL_CHARACTERS when what is left holds one (C0 including
	 * tab and newline, DEL, C1), TOO_LONG beyond {@code maxLength}. Before, a text made
	 * only of control characters passed the blank check and was then trimmed to nothing:
	 * a customer named {@code ""}.
	 */
	public String required(String field, String value, int maxLength) {
		return text(field, value, maxLength, Text.LINE);
	}

	/**
	 * A required id or key (an order, shipment, payment or customer id, an external
	 * reference): as {@link #required(String, String, int)}, and also without invisible
	 * formatting characters (Unicode category Cf: bidirectional embeddings, overrides and
	 * isolates such as U+202E, zero-width characters, the byte order mark), so that two
	 * ids that read alike are one id and an id reads as it is stored.
	 */
	public String id(String field, String value, int maxLength) {
		return text(field, value, maxLength, Text.ID);
	}

	/**
	 * A required free text (a reason, a justification, evidence): as
	 * {@link #required(String, String, int)}, but it may span lines: tab, line feed and
	 * carriage return are kept, other control characters refused.
	 */
	public String freeText(String field, String value, int maxLength) {
		return text(field, value, maxLength, Text.FREE);
	}

	/**
	 * An optional free text (the reason of an order change): null when absent or only
	 * blanks; otherwise checked as {@link #freeText}, a text of nothing but control
	 * characters refused for them rather than taken for none.
	 */
	public String optionalFreeText(String field, String value, int maxLength) {
		if (value == null || value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
			return null;
		}
		return text(field, value, maxLength, Text.FREE, false);
	}

	private String text(String field, String value, int maxLength, Text kind) {
		return text(field, value, maxLength, kind, true);
	}

	private String text(String field, String value, int maxLength, Text kind, boolean required) {
		if (required && (value == null || isBlank(value))) {
			reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		// Blanks around the text (a line break a form or file left at its end) are
		// trimmed, as before; what stays must be allowed.
		String trimmed = value.strip();
		int start = value.indexOf(trimmed);
		for (int i = 0; i < trimmed.length();) {
			int c = trimmed.codePointAt(i);
			if (!kind.allows(c)) {
				ErrorCode.Variant variant = Character.isISOControl(c)
						? CommonErrorCode.CONTROL_CHARACTERS.variant("control")
						: CommonErrorCode.CONTROL_CHARACTERS.variant("format");
				reject(variant, field, String.format(Locale.ROOT, "U+%04X", c), start + i + 1);
				return null;
			}
			i += Character.charCount(c);
		}
		if (trimmed.length() > maxLength) {
			reject(CommonErrorCode.TOO_LONG, field, maxLength);
			return null;
		}
		return trimmed;
	}

	/**
	 * Whether {@code value} holds nothing but blanks and control characters: what a
	 * required text may not be (also the rule of the intake channels' texts).
	 */
	public static boolean isBlank(String value) {
		if (value == null) {
			return true;
		}
		return value.codePoints()
			.allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
	}

	private enum Text {

		LINE, ID, FREE;

		boolean allows(int c) {
			if (Character.isISOControl(c)) {
				return this == FREE && (c == '\t' || c == '\n' || c == '\r');
			}
			return this != ID || Character.getType(c) != Character.FORMAT;
		}

	}

	public String currency(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		String code = value.trim().toUpperCase(Locale.ROOT);
		try {
			Currency currency = Currency.getInstance(code);
			if (currency.getDefaultFractionDigits() < 0) {
				reject(CommonErrorCode.UNKNOWN_CURRENCY.variant("noMinorUnit"), field, UserError.quoted(value));
				return null;
			}
			return currency.getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			reject(CommonErrorCode.UNKNOWN_CURRENCY, field, UserError.quoted(value));
			return null;
		}
	}

	public String country(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		String code = value.trim().toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(code)) {
			reject(CommonErrorCode.UNKNOWN_COUNTRY, field, UserError.quoted(value));
			return null;
		}
		return code;
	}

	/**
	 * A non-negative amount within {@link MoneyBounds}, at exactly the currency's
	 * minor-unit scale ({@code 10.5000} EUR is {@code 10.50}).
	 */
	public Money money(String field, DecimalInput amount, String currency) {
		BigDecimal value = decimal(field, amount);
		if (value == null || currency == null) {
			return null;
		}
		BigDecimal bounded = bounded(() -> MoneyBounds.amount(field, value, currency));
		if (bounded == null) {
			return null;
		}
		if (bounded.signum() < 0) {
			// The number as sent, every digit of it (-1 is not -1.00).
			reject(CommonErrorCode.NEGATIVE_AMOUNT, field, value);
			return null;
		}
		return new Money(bounded, currency);
	}

	/**
	 * An amount already read (a channel's stated total), held to
	 * {@link MoneyBounds#amount}; null when refused.
	 */
	public BigDecimal amount(String field, BigDecimal value, String currency) {
		return bounded(() -> MoneyBounds.amount(field, value, currency));
	}

	/**
	 * A decimal number as written, plainly or with an exponent; not yet held to a bound.
	 */
	public BigDecimal decimal(String field, DecimalInput input) {
		if (input == null) {
			reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		return bounded(() -> MoneyBounds.parse(field, input.raw()));
	}

	/**
	 * A percentage within {@link MoneyBounds#percent}; the range a rule allows is the
	 * caller's.
	 */
	public BigDecimal percent(String field, DecimalInput input) {
		BigDecimal value = decimal(field, input);
		return (value != null) ? bounded(() -> MoneyBounds.percent(field, value)) : null;
	}

	/**
	 * An FX rate within {@link MoneyBounds#fxRate}; that it is above zero is the caller's
	 * rule.
	 */
	public BigDecimal fxRate(String field, DecimalInput input) {
		BigDecimal value = decimal(field, input);
		return (value != null) ? bounded(() -> MoneyBounds.fxRate(field, value)) : null;
	}

	private BigDecimal bounded(Supplier<BigDecimal> check) {
		try {
			return check.get();
		}
		catch (CreditDeskException ex) {
			this.errors.addAll(ex.errors());
			return null;
		}
	}

	public Integer range(String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			reject(CommonErrorCode.OUT_OF_RANGE, field, min, max, value);
			return null;
		}
		return value;
	}

}
