package io.creditdesk.intake.adapter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
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
	 * The channel's order number, an id by the rule of ids everywhere
	 * ({@link #requiredId}): blanks, tabs and line breaks around it are trimmed;
	 * {@code REQUIRED} when nothing but blanks and control characters; a control
	 * character left in it (tab included) or an invisible formatting character is
	 * {@code CONTROL_CHARACTERS} with the channel's field and the position. Before, a tab
	 * or line break inside became a space of the order id and a control character at an
	 * end was trimmed away unseen: an order id other than the one sent.
	 */
	static String orderNumber(String field, String value) {
		return requiredId(field, value);
	}

	/**
	 * {@code CONTROL_CHARACTERS} for the first control character or invisible formatting
	 * character in {@code value}, {@code start} the position of its first character (as
	 * {@link Validation} names it); none when it holds neither.
	 */
	static void controlCharacters(String field, String value, int start) {
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				throw CreditDeskException.refuse(
						CommonErrorCode.CONTROL_CHARACTERS.variant(Character.isISOControl(c) ? "control" : "format"),
						field, String.format(Locale.ROOT, "U+%04X", c), start + i);
			}
			i += Character.charCount(c);
		}
	}

	/**
	 * A required single-line text (a currency, a country, a qualifier, a number or date
	 * as written) by the rule of texts everywhere ({@link Validation#required}): blanks,
	 * tabs and line breaks around it are trimmed; {@code REQUIRED} when nothing but
	 * blanks and control characters is left, {@code CONTROL_CHARACTERS} (field and
	 * position) when what is left holds one. Before, a control character stayed in the
	 * text, or at its ends was trimmed away unseen.
	 */
	static String requiredText(String field, String value) {
		return checked(field, value, false);
	}

	/**
	 * An optional single-line text: null when nothing but blanks and control characters,
	 * else as {@link #requiredText}.
	 */
	static String optionalText(String field, String value) {
		return Validation.isBlank(value) ? null : checked(field, value, false);
	}

	/**
	 * A required id or reference (a customer's external reference, a tax id, an item id)
	 * by the rule of ids everywhere ({@link Validation#id}): as {@link #requiredText},
	 * and an invisible formatting character (a right-to-left override, a zero-width
	 * space) is {@code CONTROL_CHARACTERS} too.
	 */
	static String requiredId(String field, String value) {
		return checked(field, value, true);
	}

	/** An optional id or reference: null when blank, else as {@link #requiredId}. */
	static String optionalId(String field, String value) {
		return Validation.isBlank(value) ? null : checked(field, value, true);
	}

	/**
	 * A text as it reads, for telling a refused record's order number (best effort, never
	 * throws): trimmed, null when blank.
	 */
	static String peek(String value) {
		return Validation.isBlank(value) ? null : value.trim();
	}

	private static String checked(String field, String value, boolean id) {
		// No length bound here: lengths are the normalization's and the credit check's.
		Validation v = new Validation();
		String text = id ? v.id(field, value, Integer.MAX_VALUE) : v.required(field, value, Integer.MAX_VALUE);
		v.throwIfInvalid();
		return text;
	}

	/**
	 * A decimal number as {@link MoneyBounds#parse} reads it (plain or with an exponent,
	 * at most 100 characters); a decimal comma is accepted when there is no dot (sales
	 * reps type {@code 149,90}), and surrounding blanks are ignored; a control character
	 * in it is {@code CONTROL_CHARACTERS} ({@link #requiredText}). Callers hold it to its
	 * bound.
	 */
	static BigDecimal decimal(String field, String value) {
		String trimmed = requiredText(field, value);
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
	 * null when blank (nothing but blanks and control characters, as every optional
	 * text); a control character in it is {@code CONTROL_CHARACTERS}.
	 */
	static LocalDate date(String field, String value) {
		String text = optionalText(field, value);
		if (text == null) {
			return null;
		}
		for (DateTimeFormatter format : DATES) {
			try {
				LocalDate date = LocalDate.parse(text, format);
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
