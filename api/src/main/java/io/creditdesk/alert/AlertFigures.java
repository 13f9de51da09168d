package io.creditdesk.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;

/**
 * An alert's figures ({@link Alert#threshold()}, {@link Alert#actual()}): written by the
 * rules in one canonical, language-neutral form ({@code 80 %}, {@code 5000.00 EUR},
 * {@code 30 days}, {@code 30 days after 5 days grace}, {@code 2026-06-14}, {@code C},
 * {@code B -> E}), the form the API and the {@code AlertRaised} event show, and read back
 * here, per kind of alert, as the typed figures the message catalogue formats in the
 * reader's language ({@code 83,5 %}, {@code 5.000,00 EUR}, {@code 30 Tage},
 * {@code von B auf E}). The one place that writes and reads that form; a text in no known
 * form is shown as it is.
 */
final class AlertFigures {

	private static final BigDecimal HUNDRED = new BigDecimal("100");

	private static final Pattern PERCENT = Pattern.compile("(-?\\d+(?:\\.\\d+)?) %");

	private static final Pattern MONEY = Pattern.compile("(-?\\d+(?:\\.\\d+)?) ([A-Z]{3})");

	private static final Pattern DAYS = Pattern.compile("(\\d{1,9}) days?");

	private static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final String CHANGE = " -> ";

	private static final String AFTER = " after ";

	private static final String GRACE = " grace";

	private static final Pattern AFTER_GRACE = Pattern.compile("(\\d{1,9} days?) after (\\d{1,9} days?) grace");

	private AlertFigures() {
	}

	/** A fraction as a percentage with one decimal: 0.835 as {@code 83.5 %}. */
	static String percent(BigDecimal fraction) {
		return fraction.multiply(HUNDRED).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
				+ " %";
	}

	/** An amount in its currency, to the cent: {@code 5000.00 EUR}. */
	static String money(BigDecimal amount, String currency) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + currency;
	}

	/** A number of days: {@code 30 days}. */
	static String days(long count) {
		return count + ((count == 1) ? " day" : " days");
	}

	/**
	 * A number of days counted after a grace period: {@code 30 days after 5 days grace},
	 * or {@code 30 days} without grace.
	 */
	static String daysAfterGrace(long count, long graceDays) {
		return (graceDays > 0) ? days(count) + AFTER + days(graceDays) + GRACE : days(count);
	}

	/** A plain decimal, as digits: {@code 0.25}. */
	static String decimal(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	/** A change from one value to another: {@code B -> E}. */
	static String change(String from, String to) {
		return from + CHANGE + to;
	}

	/** An alert's sentence in {@code language}. */
	static String message(Locale language, Alert alert) {
		return MessageCatalogue.render(language, alert.messageKey(), figures(alert));
	}

	/**
	 * The figures of an alert's sentence: {0} what the policy allows, {1} what was found.
	 */
	static List<Object> figures(Alert alert) {
		return figures(alert.type(), alert.threshold(), alert.actual());
	}

	/** The figures of the sentence of an alert of {@code type} with these figures. */
	static List<Object> figures(AlertType type, String threshold, String actual) {
		List<Object> figures = new ArrayList<>(2);
		figures.add(read(type, threshold, true));
		figures.add(read(type, actual, false));
		return figures;
	}

	private static Object read(AlertType type, String stored, boolean threshold) {
		if (stored == null) {
			return "-";
		}
		return switch (type) {
			case BUREAU_EVENT -> threshold ? stored : changed(stored);
			case REQUEST_SLA_BREACHED -> threshold ? due(stored) : step(stored);
			case SCORE_DETERIORATED -> typed(stored.startsWith("grade ") ? stored.substring(6) : stored);
			default -> typed(stored);
		};
	}

	private static Object typed(String stored) {
		Matcher percent = PERCENT.matcher(stored);
		if (percent.matches()) {
			return Phrase.of("alert.figure.percent", new BigDecimal(percent.group(1)));
		}
		Matcher money = MONEY.matcher(stored);
		if (money.matches() && isCurrency(money.group(2))) {
			return new Money(new BigDecimal(money.group(1)), money.group(2));
		}
		Matcher afterGrace = AFTER_GRACE.matcher(stored);
		if (afterGrace.matches()) {
			return Phrase.of("alert.figure.afterGrace", typed(afterGrace.group(1)), typed(afterGrace.group(2)));
		}
		Matcher days = DAYS.matcher(stored);
		if (days.matches()) {
			return new Days(Long.parseLong(days.group(1)));
		}
		if (DECIMAL.matcher(stored).matches()) {
			return new BigDecimal(stored);
		}
		try {
			return LocalDate.parse(stored);
		}
		catch (DateTimeParseException ex) {
			return stored;
		}
	}

	private static boolean isCurrency(String code) {
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= -1;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Object changed(String stored) {
		int at = stored.indexOf(CHANGE);
		if (at < 0) {
			return stored;
		}
		return Phrase.of("alert.figure.change", stored.substring(0, at), stored.substring(at + CHANGE.length()));
	}

	// Written by the evaluator as "<role> <due time>".
	private static Object due(String stored) {
		int at = stored.indexOf(' ');
		return (at < 0) ? stored : Phrase.of("alert.figure.due", stored.substring(0, at), stored.substring(at + 1));
	}

	// Written as "step <n>" before the step was stored alone.
	private static Object step(String stored) {
		return Phrase.of("alert.figure.step", stored.startsWith("step ") ? stored.substring(5) : stored);
	}

}
