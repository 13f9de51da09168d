package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;

/**
 * A proposal reason's stored figure ({@link AdjustmentReason#threshold()},
 * {@link AdjustmentReason#actual()}, kept in the canonical form the API shows and
 * {@link LimitAdjustment} writes: {@code 7054.12 EUR}, {@code +1000.00 EUR},
 * {@code 30 days}, {@code 6 months}, {@code 80 %}, {@code grade A x1.30},
 * {@code grade E}, {@code 10 % and 5000.00 EUR}) read back as the typed figure the
 * message catalogue formats in the reader's language ({@code 7,054.12 EUR},
 * {@code 7.054,12 EUR}, {@code Risikoklasse A x1,30}). Reasons stored before are read the
 * same way. A text in no known form stays as it is.
 */
final class ProposalFigures {

	private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";

	private static final Pattern MONEY = Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?) ([A-Z]{3})");

	private static final Pattern DAYS = Pattern.compile(NUMBER + " days?");

	private static final Pattern MONTHS = Pattern.compile("(\\d{1,9}) months?");

	private static final Pattern PERCENT = Pattern.compile(NUMBER + " %");

	private static final Pattern GRADE = Pattern.compile("grade ([A-Z])(?: x(\\d+(?:\\.\\d+)?))?");

	private static final Pattern AUTHORITY = Pattern.compile("(.+ %) and (.+)");

	private ProposalFigures() {
	}

	static Object parse(String stored) {
		if (stored == null) {
			return "";
		}
		Matcher money = MONEY.matcher(stored);
		if (money.matches() && Money.isCurrency(money.group(3))) {
			BigDecimal amount = new BigDecimal(money.group(2));
			Money figure = new Money("-".equals(money.group(1)) ? amount.negate() : amount, money.group(3));
			return "+".equals(money.group(1)) ? Phrase.of("adjustment.figure.plus", figure) : figure;
		}
		Matcher days = DAYS.matcher(stored);
		if (days.matches()) {
			BigDecimal count = new BigDecimal(days.group(1));
			return Phrase.of((count.compareTo(BigDecimal.ONE) == 0) ? "unit.days.one" : "unit.days", count);
		}
		Matcher months = MONTHS.matcher(stored);
		if (months.matches()) {
			long count = Long.parseLong(months.group(1));
			return Phrase.of((count == 1) ? "unit.months.one" : "unit.months", count);
		}
		Matcher percent = PERCENT.matcher(stored);
		if (percent.matches()) {
			return Phrase.of("alert.figure.percent", new BigDecimal(percent.group(1)));
		}
		Matcher grade = GRADE.matcher(stored);
		if (grade.matches()) {
			return (grade.group(2) != null)
					? Phrase.of("adjustment.figure.gradeMultiplier", grade.group(1), new BigDecimal(grade.group(2)))
					: Phrase.of("adjustment.figure.grade", grade.group(1));
		}
		Matcher authority = AUTHORITY.matcher(stored);
		if (authority.matches()) {
			return Phrase.of("adjustment.figure.both", parse(authority.group(1)), parse(authority.group(2)));
		}
		if ("n/a".equals(stored)) {
			return Phrase.of("adjustment.figure.none");
		}
		return stored;
	}

}
