package io.creditdesk.intake.adapter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import io.creditdesk.common.CreditDeskException;

/** Shared parsing of the scalar values channels send, with precise refusals. */
final class Fields {

	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

	private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

	private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("dd.MM.uuuu"));

	private Fields() {
	}

	static CreditDeskException malformed(String field, String message) {
		return new CreditDeskException("MALFORMED_PAYLOAD", field, message);
	}

	static CreditDeskException required(String field) {
		return new CreditDeskException("REQUIRED", field, field + " is required.");
	}

	static String requiredText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw required(field);
		}
		return value.trim();
	}

	static String optionalText(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * A decimal number; a decimal comma is accepted when there is no dot (sales reps type
	 * {@code 149,90}), and surrounding blanks are ignored.
	 */
	static BigDecimal decimal(String field, String value) {
		if (value == null || value.isBlank()) {
			throw required(field);
		}
		String trimmed = value.trim();
		if (DECIMAL_COMMA.matcher(trimmed).matches()) {
			trimmed = trimmed.replace(',', '.');
		}
		if (!DECIMAL.matcher(trimmed).matches()) {
			throw new CreditDeskException("MALFORMED_DECIMAL", field,
					field + " must be a decimal number such as 149.90, got '" + value + "'.");
		}
		return new BigDecimal(trimmed);
	}

	/** A date as ISO {@code 2026-12-15}, compact {@code 20261215} or {@code 15.12.2026}; null when blank. */
	static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(value.trim(), format);
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		throw new CreditDeskException("MALFORMED_DATE", field,
				field + " must be a date such as 2026-12-15, got '" + value + "'.");
	}

}
