package io.creditdesk.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every problem of one input before refusing it, so a caller sees all of them at once.
 * Also holds the shared checks for codes, currencies, countries and amounts.
 */
public final class Validation {

	private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,40}");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final List<UserError> errors = new ArrayList<>();

	public Validation reject(String field, String code, String message) {
		this.errors.add(new UserError(field, message, code));
		return this;
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
			reject(field, "REQUIRED", field + " is required.");
			return null;
		}
		String normalized = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
		if (!CODE.matcher(normalized).matches()) {
			reject(field, "INVALID_CODE", field + " must be 1 to 40 letters, digits or underscores, got '" + value + "'.");
			return null;
		}
		return normalized;
	}

	public String required(String field, String value, int maxLength) {
		if (value == null || value.isBlank()) {
			reject(field, "REQUIRED", field + " is required.");
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.length() > maxLength) {
			reject(field, "TOO_LONG", field + " must be at most " + maxLength + " characters.");
			return null;
		}
		return trimmed;
	}

	public String currency(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(field, "REQUIRED", field + " is required.");
			return null;
		}
		String code = value.trim().toUpperCase(Locale.ROOT);
		try {
			Currency currency = Currency.getInstance(code);
			if (currency.getDefaultFractionDigits() < 0) {
				reject(field, "UNKNOWN_CURRENCY", "'" + value + "' is not a currency money can be kept in.");
				return null;
			}
			return currency.getCurrencyCode();
		}
		catch (IllegalArgumentException ex) {
			reject(field, "UNKNOWN_CURRENCY", "'" + value + "' is not an ISO 4217 currency code.");
			return null;
		}
	}

	public String country(String field, String value) {
		if (value == null || value.isBlank()) {
			reject(field, "REQUIRED", field + " is required.");
			return null;
		}
		String code = value.trim().toUpperCase(Locale.ROOT);
		if (!COUNTRIES.contains(code)) {
			reject(field, "UNKNOWN_COUNTRY", "'" + value + "' is not an ISO 3166-1 alpha-2 country code.");
			return null;
		}
		return code;
	}

	/** A non-negative amount with no more decimals than the currency allows. */
	public Money money(String field, DecimalInput amount, String currency) {
		BigDecimal value = decimal(field, amount);
		if (value == null || currency == null) {
			return null;
		}
		if (value.signum() < 0) {
			reject(field, "NEGATIVE_AMOUNT", field + " must not be negative, got " + value.toPlainString() + ".");
			return null;
		}
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		if (value.stripTrailingZeros().scale() > digits) {
			reject(field, "TOO_MANY_DECIMALS",
					field + " has more decimals than " + currency + " allows (" + digits + "): " + value.toPlainString() + ".");
			return null;
		}
		return new Money(value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value, currency);
	}

	public BigDecimal decimal(String field, DecimalInput input) {
		if (input == null) {
			reject(field, "REQUIRED", field + " is required.");
			return null;
		}
		BigDecimal value = input.toBigDecimal();
		if (value == null) {
			reject(field, "MALFORMED_DECIMAL", field + " must be a decimal number such as \"1250.00\", got '" + input.raw() + "'.");
		}
		return value;
	}

	public Integer range(String field, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			reject(field, "OUT_OF_RANGE", field + " must be between " + min + " and " + max + ", got " + value + ".");
			return null;
		}
		return value;
	}

}
