package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.Money;

/**
 * A sentence of the message catalogue as a request stores it: the key and its figures,
 * each kept with its kind, so it is rendered in the reader's language when it is read (a
 * check's {@code detail}, the analysis' {@code explanation}) and in English for stored
 * records (audit, decision notes).
 *
 * @param key the catalogue key, e.g. {@code check.HARD_CAP.above}
 * @param figures the placeholders {@code {0}}, {@code {1}}, ... in order
 */
public record Sentence(String key, List<Arg> figures) {

	/** The catalogue key of a text kept as it was stored ({@link #valueOf}). */
	static final String AS_STORED = "sentence.asStored";

	public Sentence {
		figures = (figures != null) ? List.copyOf(figures) : List.of();
	}

	/**
	 * The sentence {@code key} with {@code figures}: {@link Money}, {@link BigDecimal},
	 * whole numbers and {@link Days} keep their kind; anything else (codes, grades, lists
	 * of codes) is kept as its text.
	 */
	static Sentence of(String key, Object... figures) {
		return new Sentence(key, Arrays.stream(figures).map(Arg::of).toList());
	}

	/**
	 * A text an earlier build stored as it was, before check details and explanations
	 * were catalogue sentences: it reads the same in every language. Reading a stored
	 * request goes through this when it meets a string where a sentence belongs (the
	 * mapping's conversion service converts a value with a public static
	 * {@code valueOf(String)}), so such requests still load.
	 */
	public static Sentence valueOf(String storedText) {
		return new Sentence(AS_STORED, List.of(new Arg(Kind.TEXT, storedText)));
	}

	/** The sentence in {@code language} (English when null). */
	public String render(Locale language) {
		return MessageCatalogue.render(language, this.key, this.figures.stream().map(Arg::figure).toList());
	}

	/** The sentence in English, as stored records are written. */
	public String english() {
		return render(MessageCatalogue.DEFAULT_LANGUAGE);
	}

	/** What a figure is, so it is formatted as one. */
	public enum Kind {

		/** An amount and its currency: {@code 8000.00 EUR}. */
		MONEY,

		/** An exact decimal, every digit shown. */
		DECIMAL,

		/** A whole number. */
		INTEGER,

		/** A number of days. */
		DAYS,

		/** A code or a name, shown as it is. */
		TEXT

	}

	/**
	 * One stored figure.
	 *
	 * @param kind how it is formatted
	 * @param value its canonical text ({@code 8000.00 EUR}, {@code 0.04}, {@code 45},
	 * {@code ACTIVE})
	 */
	public record Arg(Kind kind, String value) {

		static Arg of(Object figure) {
			if (figure instanceof Money money) {
				return new Arg(Kind.MONEY, money.amount().toPlainString() + " " + money.currency());
			}
			if (figure instanceof BigDecimal decimal) {
				return new Arg(Kind.DECIMAL, decimal.toPlainString());
			}
			if (figure instanceof Integer || figure instanceof Long || figure instanceof BigInteger) {
				return new Arg(Kind.INTEGER, figure.toString());
			}
			if (figure instanceof Days days) {
				return new Arg(Kind.DAYS, Long.toString(days.count()));
			}
			if (figure instanceof Collection<?> elements) {
				return new Arg(Kind.TEXT, elements.stream().map(String::valueOf).collect(Collectors.joining(", ")));
			}
			return new Arg(Kind.TEXT, String.valueOf(figure));
		}

		/** The typed figure the catalogue formats. */
		Object figure() {
			return switch (this.kind) {
				case MONEY -> {
					int space = this.value.indexOf(' ');
					yield new Money(new BigDecimal(this.value.substring(0, space)), this.value.substring(space + 1));
				}
				case DECIMAL -> new BigDecimal(this.value);
				case INTEGER -> new BigInteger(this.value);
				case DAYS -> new Days(Long.parseLong(this.value));
				case TEXT -> this.value;
			};
		}

	}

}
