package io.creditdesk.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * Renders a sentence of the message catalogue ({@code messages.properties}, English, and
 * one file per further language such as {@code messages_de.properties}) with its figures
 * in the reader's language. It reads the same files Spring's {@code MessageSource} reads,
 * without Spring, so a refusal made anywhere (a Kafka listener, a policy object, a test)
 * has its English sentence, and GraphQL renders the same key and figures again in the
 * request's language.
 * <p>
 * A sentence is a {@link MessageFormat} pattern (a single quote is written twice); its
 * placeholders are the figures in order, each formatted here, in one place:
 * <ul>
 * <li>{@link Money}: the amount with the currency's decimals (rounded half-even when it
 * has more, as money is rounded) and the language's grouping, then the code
 * ({@code 25,000.00 EUR}, {@code 25.000,00 EUR});</li>
 * <li>{@link BigDecimal}: every digit it has, grouped; other numbers: grouped
 * integers;</li>
 * <li>{@link Days}: a count with its unit from the catalogue ({@code 45 days},
 * {@code 45 Tage});</li>
 * <li>{@link Phrase}: another sentence of the catalogue, in the same language;</li>
 * <li>{@link Quoted}: the input as typed, quoted and cut ({@link UserError#quote});</li>
 * <li>dates and times: ISO 8601; a collection: its elements joined by commas; anything
 * else (ids, codes, enum constants): as it prints.</li>
 * </ul>
 */
public final class MessageCatalogue {

	/**
	 * The catalogue's base name on the class path, as Spring's message source reads it.
	 */
	public static final String BASENAME = "messages";

	/** The language a refusal is first written in: logs, dead letters, stored records. */
	public static final Locale DEFAULT_LANGUAGE = Locale.ENGLISH;

	// No fallback to the JVM's default locale: a language without a file reads English.
	private static final ResourceBundle.Control CONTROL = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private MessageCatalogue() {
	}

	/**
	 * The sentence {@code key} with {@code figures} in {@code language} (English when
	 * null); a missing key gives the key and its figures, never an exception, so a
	 * refusal is never lost to its wording ({@code MessageCatalogueTests} keeps every key
	 * present).
	 */
	public static String render(Locale language, String key, List<?> figures) {
		ResourceBundle bundle = bundle((language != null) ? language : DEFAULT_LANGUAGE);
		// Figures in the language of the sentence: a reader whose language the catalogue
		// lacks reads English, with English numbers.
		Locale locale = languageOf(bundle);
		Object[] formatted = figures.stream().map(figure -> figure(locale, figure)).toArray();
		String pattern = (bundle != null && bundle.containsKey(key)) ? bundle.getString(key) : null;
		if (pattern == null) {
			return (formatted.length == 0) ? key : key + " " + List.of(formatted);
		}
		return new MessageFormat(pattern, locale).format(formatted);
	}

	/**
	 * The language the catalogue writes in for a reader of {@code language}: that
	 * language when it has a file in it, else English (also for null).
	 */
	public static Locale language(Locale language) {
		return languageOf(bundle((language != null) ? language : DEFAULT_LANGUAGE));
	}

	private static Locale languageOf(ResourceBundle bundle) {
		return (bundle == null || bundle.getLocale().getLanguage().isEmpty()) ? DEFAULT_LANGUAGE : bundle.getLocale();
	}

	/** Whether the catalogue has the sentence {@code key} (in English, the default). */
	public static boolean contains(String key) {
		ResourceBundle bundle = bundle(DEFAULT_LANGUAGE);
		return bundle != null && bundle.containsKey(key);
	}

	private static ResourceBundle bundle(Locale language) {
		try {
			return ResourceBundle.getBundle(BASENAME, language, MessageCatalogue.class.getClassLoader(), CONTROL);
		}
		catch (MissingResourceException ex) {
			return null;
		}
	}

	/** One figure as a reader of {@code language} reads it. */
	public static String figure(Locale language, Object figure) {
		if (figure == null) {
			return "null";
		}
		if (figure instanceof Money money) {
			return amount(language, money.amount(), money.currency()) + " " + money.currency();
		}
		if (figure instanceof BigDecimal decimal) {
			return isLong(decimal) ? MoneyBounds.display(decimal)
					: decimal(language, decimal, Math.max(decimal.scale(), 0));
		}
		if (figure instanceof Integer || figure instanceof Long || figure instanceof BigInteger
				|| figure instanceof Short) {
			return NumberFormat.getIntegerInstance(language).format(figure);
		}
		if (figure instanceof Days days) {
			return render(language, (days.count() == 1) ? "unit.days.one" : "unit.days",
					List.of(BigInteger.valueOf(days.count())));
		}
		if (figure instanceof Phrase phrase) {
			return render(language, phrase.key(), phrase.figures());
		}
		if (figure instanceof Localized localized) {
			return localized.in(language);
		}
		if (figure instanceof Quoted quoted) {
			return UserError.quote(quoted.input());
		}
		if (figure instanceof TemporalAccessor) {
			return figure.toString();
		}
		if (figure instanceof Collection<?> elements) {
			return elements.stream().map(element -> figure(language, element)).collect(Collectors.joining(", "));
		}
		return figure.toString();
	}

	// A refused input may be 1E+999999999: written out it would be a billion digits.
	private static boolean isLong(BigDecimal value) {
		return value.precision() > 40 || Math.abs((long) value.scale()) > 40;
	}

	private static String amount(Locale language, BigDecimal amount, String currency) {
		if (isLong(amount)) {
			return MoneyBounds.display(amount);
		}
		int digits;
		try {
			digits = Currency.getInstance(currency).getDefaultFractionDigits();
		}
		catch (IllegalArgumentException ex) {
			digits = -1;
		}
		if (digits < 0) {
			// Not an ISO 4217 code with minor units: every digit the amount has.
			return decimal(language, amount, Math.max(amount.scale(), 0));
		}
		// An amount of money reads with its currency's decimals,
		// whatever the scale of the computation it came from: rounded
		// half-even as the ledger rounds money (8370.0000000000 EUR
		// reads 8,370.00 EUR).
		return decimal(language, amount.setScale(digits, RoundingMode.HALF_EVEN), digits);
	}

	private static String decimal(Locale language, BigDecimal value, int decimals) {
		DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(language);
		format.setParseBigDecimal(true);
		format.setMinimumFractionDigits(decimals);
		format.setMaximumFractionDigits(decimals);
		format.setMaximumIntegerDigits(Integer.MAX_VALUE);
		return format.format(value);
	}

	/** A number of days: {@code 45 days}, {@code 1 day}, {@code 45 Tage}. */
	public record Days(long count) {
	}

	/**
	 * A figure that is itself a sentence of the catalogue ({@code segment SMB}), rendered
	 * in the same language as the sentence it stands in.
	 */
	public record Phrase(String key, List<Object> figures) {

		public static Phrase of(String key, Object... figures) {
			return new Phrase(key, List.of(figures));
		}

	}

	/**
	 * A figure that words itself in the reader's language from texts kept outside this
	 * catalogue (a score feature's description, from the scoring module's own).
	 */
	public interface Localized {

		/** The figure in {@code language}. */
		String in(Locale language);

	}

	/** An input repeated back as typed: quoted and cut ({@link UserError#quote}). */
	public record Quoted(Object input) {
	}

}
