package io.creditdesk.intake.adapter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DateBounds;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.intake.IntakeErrorCode;

/** Shared parsing of the scalar values channels send, with precise refusals. */
final class Fields {

	private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");

	private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ofPattern("dd.MM.uuuu"));

	private Fields() {
	}

	/**
	 * A payload the channel's format does not allow: {@code problem} names the sentence
	 * ({@code error.MALFORMED_PAYLOAD.<problem>}), {@code figures} are its figures.
	 */
	static CreditDeskException malformed(String problem, String field, Object... figures) {
		return CreditDeskException.refuse(IntakeErrorCode.MALFORMED_PAYLOAD.variant(problem), field, figures);
	}

	static CreditDeskException required(String field) {
		return CreditDeskException.refuse(CommonErrorCode.REQUIRED, field);
	}

	/**
	 * A required text, trimmed; one of nothing but blanks and control characters is
	 * missing ({@link Validation#isBlank}), as everywhere.
	 */
	static String requiredText(String field, String value) {
		if (Validation.isBlank(value)) {
			throw required(field);
		}
		return value.trim();
	}

	static String optionalText(String value) {
		return Validation.isBlank(value) ? null : value.trim();
	}

	/**
	 * A decimal number as {@link MoneyBounds#parse} reads it (plain or with an exponent,
	 * at most 100 characters); a decimal comma is accepted when there is no dot (sales
	 * reps type {@code 149,90}), and surrounding blanks are ignored. Callers hold it to
	 * its bound.
	 */
	static BigDecimal decimal(String field, String value) {
		if (value == null || value.isBlank()) {
			throw required(field);
		}
		String trimmed = value.trim();
		if (DECIMAL_COMMA.matcher(trimmed).matches()) {
			trimmed = trimmed.replace(',', '.');
		}
		return MoneyBounds.parse(field, trimmed);
	}

	/** The quantity of an order line, within {@link MoneyBounds#quantity}. */
	static BigDecimal quantity(String field, String value) {
		return MoneyBounds.quantity(field, decimal(field, value));
	}

	/**
	 * A unit price or a stated total, within {@link MoneyBounds#price}; the currency's
	 * scale is the intake's rule.
	 */
	static BigDecimal price(String field, String value) {
		return MoneyBounds.price(field, decimal(field, value));
	}

	/**
	 * A date as ISO {@code 2026-12-15}, compact {@code 20261215} or {@code 15.12.2026};
	 * null when blank.
	 */
	static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (DateTimeFormatter format : DATES) {
			try {
				LocalDate date = LocalDate.parse(value.trim(), format);
				if (DateBounds.within(date)) {
					return date;
				}
				// A year beyond 0001-9999 (+999999999-12-31): malformed for this service.
				break;
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		throw CreditDeskException.refuse(IntakeErrorCode.MALFORMED_DATE, field, UserError.quoted(value));
	}

}
