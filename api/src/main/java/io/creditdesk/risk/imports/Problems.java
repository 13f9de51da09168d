package io.creditdesk.risk.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.common.UserError;
import io.creditdesk.risk.imports.ImportReport.ImportError;

/**
 * The problems found in a file, and the cell readers that report them: each reader
 * returns the value, or null after recording the problem with its line and column. Keeps
 * the first {@value HistoryImport#MAX_ERRORS} problems and counts the rest. Each
 * problem's reason is the message catalogue's sentence {@code import.<key>} in the
 * language of the caller ({@code Accept-Language}; English when null).
 */
final class Problems {

	private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

	private final List<ImportError> kept = new ArrayList<>();

	private long count;

	private final Locale language;

	Problems(Locale language) {
		this.language = language;
	}

	/**
	 * Records a problem whose reason is the sentence {@code import.<key>} with
	 * {@code figures}.
	 */
	void add(long line, String column, ImportErrorCode code, String key, Object... figures) {
		this.count++;
		if (this.kept.size() < HistoryImport.MAX_ERRORS) {
			this.kept.add(new ImportError(line, column, code, reason(this.language, key, figures)));
		}
	}

	/** The sentence {@code import.<key>} with {@code figures} in {@code language}. */
	static String reason(Locale language, String key, Object... figures) {
		return MessageCatalogue.render(language, "import." + key, Arrays.asList(figures));
	}

	boolean any() {
		return this.count > 0;
	}

	List<ImportError> list() {
		return List.copyOf(this.kept);
	}

	String text(CsvRows.Row row, int column, String name, boolean required) {
		String value = row.get(column);
		if (value.isEmpty()) {
			if (required) {
				add(row.line(), name, ImportErrorCode.REQUIRED, "REQUIRED", name);
			}
			return null;
		}
		return value;
	}

	BigDecimal decimal(CsvRows.Row row, int column, String name, boolean required) {
		String value = text(row, column, name, required);
		if (value == null) {
			return null;
		}
		if (!NUMBER.matcher(value).matches()) {
			add(row.line(), name, ImportErrorCode.NOT_A_NUMBER, "NOT_A_NUMBER", UserError.quoted(value));
			return null;
		}
		return new BigDecimal(value);
	}

	/**
	 * An amount in {@code currency} (null: the row names no customer, only the bound is
	 * checked): below 10^15 in magnitude with at most the currency's minor-unit decimals,
	 * as every amount the service keeps ({@link MoneyBounds}); returned at that scale.
	 */
	BigDecimal amount(CsvRows.Row row, int column, String name, boolean required, String currency) {
		BigDecimal value = decimal(row, column, name, required);
		if (value == null) {
			return null;
		}
		if (MoneyBounds.exceeds(value)) {
			add(row.line(), name, ImportErrorCode.OUT_OF_RANGE, "OUT_OF_RANGE.amount", name,
					BigDecimal.TEN.pow(MoneyBounds.MAX_INTEGER_DIGITS), MoneyBounds.MAX_INTEGER_DIGITS,
					MoneyBounds.display(value));
			return null;
		}
		int digits = (currency != null) ? Currency.getInstance(currency).getDefaultFractionDigits() : -1;
		int decimals = Math.max(0, value.stripTrailingZeros().scale());
		if (digits >= 0 && decimals > digits) {
			add(row.line(), name, ImportErrorCode.TOO_MANY_DECIMALS, "TOO_MANY_DECIMALS", name, currency, digits,
					MoneyBounds.display(value));
			return null;
		}
		return value.setScale(Math.max(digits, decimals), RoundingMode.UNNECESSARY);
	}

	Integer integer(CsvRows.Row row, int column, String name, int min, int max) {
		String value = text(row, column, name, true);
		if (value == null) {
			return null;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			add(row.line(), name, ImportErrorCode.NOT_A_NUMBER, "NOT_A_NUMBER.whole", UserError.quoted(value));
			return null;
		}
		if (parsed < min || parsed > max) {
			add(row.line(), name, ImportErrorCode.OUT_OF_RANGE, "OUT_OF_RANGE.between", name, min, max, parsed);
			return null;
		}
		return parsed;
	}

	LocalDate date(CsvRows.Row row, int column, String name, boolean required) {
		String value = text(row, column, name, required);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			add(row.line(), name, ImportErrorCode.NOT_A_DATE, "NOT_A_DATE", UserError.quoted(value));
			return null;
		}
	}

	/** Records a negative amount; true when it is not negative. */
	boolean notNegative(CsvRows.Row row, String name, BigDecimal value) {
		if (value != null && value.signum() < 0) {
			add(row.line(), name, ImportErrorCode.OUT_OF_RANGE, "OUT_OF_RANGE.negative", name, value);
			return false;
		}
		return true;
	}

}
