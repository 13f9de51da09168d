package io.creditdesk.scoring.features;

import io.creditdesk.scoring.history.PaymentHistory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * What every feature of {@link PaymentHistoryFeatures} means, in words a credit analyst
 * understands, and how to show a customer's value of it. Reason codes, model cards and
 * the service's GraphQL descriptions read this one catalogue, so a feature is described
 * the same way everywhere; a test keeps it complete. The words are in
 * {@code FeatureTexts.properties} (English) and its translations
 * ({@code FeatureTexts_de.properties}), so the service answers in the reader's language.
 */
public final class FeatureCatalogue {

	/** How a feature's value reads. */
	public enum Unit {

		/**
		 * A month's delay status: -2 no activity, -1 paid in full, 0 nothing overdue, n
		 * months past due.
		 */
		DELAY_STATUS,
		/** Months past due (0 = none). */
		MONTHS_PAST_DUE,
		/** A change in months past due. */
		MONTHS_CHANGE,
		/** A number of months. */
		MONTHS,
		/**
		 * Months since the last delay; {@link PaymentHistoryFeatures#NEVER_DELAYED} =
		 * never.
		 */
		MONTHS_SINCE,
		/** A ratio shown as a percentage. */
		PERCENT,
		/** A change in a ratio, in percentage points. */
		PERCENT_CHANGE,
		/**
		 * A share left unpaid, shown as a percentage; negative when more was paid than
		 * billed (overpayments, payments of older balances, credit balances), shown as
		 * such ({@code paid 32 % more than billed}), never as a negative share.
		 */
		UNPAID_SHARE,
		/** An amount in the credit currency, stored as sign(x) * ln(1 + |x|). */
		LOG_AMOUNT

	}

	/**
	 * One feature's description and unit; {@code month} is the month a per-month feature
	 * reads (1 = the latest), 0 for the others.
	 */
	public record Entry(String feature, String description, Unit unit, String textKey, int month) {

		/**
		 * The value as a person reads it in English, e.g. "2 months past due", "85 %",
		 * "12,400".
		 */
		public String format(double value) {
			return format(value, Locale.ENGLISH);
		}

		/**
		 * The value as a person reads it in {@code language} (English when the catalogue
		 * has no texts in it), numbers written as that language writes them.
		 */
		public String format(double value, Locale language) {
			Texts texts = Texts.of(language);
			return switch (unit) {
				case DELAY_STATUS ->
					value <= -2 ? texts.text("value.noActivity") : value <= -1 ? texts.text("value.paidInFull")
							: value < 0.5 ? texts.text("value.nothingOverdue") : monthsPastDue(value, texts);
				case MONTHS_PAST_DUE -> value < 0.5 ? texts.text("value.neverOverdue") : monthsPastDue(value, texts);
				case MONTHS_CHANGE -> texts.text("value.monthsChange", texts.number("%+.2f", value));
				case MONTHS -> months(value, texts);
				case MONTHS_SINCE -> value >= PaymentHistoryFeatures.NEVER_DELAYED ? texts.text("value.neverOverdue")
						: value < 0.5 ? texts.text("value.overdueLatestMonth") : months(value, texts);
				case PERCENT -> texts.text("value.percent", texts.number("%.0f", 100 * value));
				case PERCENT_CHANGE -> texts.text("value.points", texts.number("%+.0f", 100 * value));
				case UNPAID_SHARE ->
					(Math.round(100 * value) < 0) ? texts.text("value.paidMore", texts.number("%.0f", -100 * value))
							: texts.text("value.percent", texts.number("%.0f", Math.max(0, 100 * value)));
				case LOG_AMOUNT -> texts.number("%,.0f", Math.signum(value) * Math.expm1(Math.abs(value)));
			};
		}

		/**
		 * What the feature means in {@code language} (English when the catalogue has no
		 * texts in it).
		 */
		public String description(Locale language) {
			Texts texts = Texts.of(language);
			if (month == 0) {
				return texts.text(textKey);
			}
			long before = month - 1;
			String when = (month == 1) ? texts.text("when.1")
					: texts.text((before == 1) ? "when.n.one" : "when.n", String.valueOf(before));
			String which = (month == 1) ? texts.text("month.1")
					: texts.text((before == 1) ? "month.n.one" : "month.n", String.valueOf(before));
			return texts.text(textKey, when, which);
		}

		private static String monthsPastDue(double value, Texts texts) {
			return texts.text("value.pastDue", months(value, texts));
		}

		private static String months(double value, Texts texts) {
			boolean whole = value == Math.rint(value);
			String n = whole ? String.valueOf((long) value) : texts.number("%.1f", value);
			return texts.text((whole && (long) value == 1) ? "value.months.one" : "value.months", n);
		}
	}

	/**
	 * The catalogue's texts in one language ({@code FeatureTexts*.properties} beside this
	 * class): English, or a language a file translates them to; never the machine's own
	 * language by accident.
	 */
	private record Texts(ResourceBundle bundle, Locale numbers) {

		private static final String BUNDLE = "io.creditdesk.scoring.features.FeatureTexts";

		private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control
			.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

		static Texts of(Locale language) {
			Locale wanted = (language != null) ? language : Locale.ENGLISH;
			ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, wanted, NO_FALLBACK);
			boolean translated = !bundle.getLocale().getLanguage().isEmpty();
			return new Texts(bundle, translated ? bundle.getLocale() : Locale.ENGLISH);
		}

		/** The text of {@code key}, its {@code {0}}, {@code {1}} ... replaced. */
		String text(String key, String... figures) {
			String text = this.bundle.getString(key);
			for (int i = 0; i < figures.length; i++) {
				text = text.replace("{" + i + "}", figures[i]);
			}
			return text;
		}

		String number(String format, double value) {
			return String.format(this.numbers, format, value);
		}

	}

	private static final Map<String, Entry> ENTRIES;

	static {
		Map<String, Entry> m = new LinkedHashMap<>();
		for (int k = 1; k <= PaymentHistory.MIN_MONTHS; k++) { // the per-month features
																// cover 6 months
			put(m, "delay_m" + k, "delay_m", k, Unit.DELAY_STATUS);
			put(m, "utilization_m" + k, "utilization_m", k, Unit.PERCENT);
			put(m, "pay_ratio_m" + k, "pay_ratio_m", k, Unit.PERCENT);
			put(m, "log_billed_m" + k, "log_billed_m", k, Unit.LOG_AMOUNT);
			put(m, "log_paid_m" + k, "log_paid_m", k, Unit.LOG_AMOUNT);
		}
		put(m, "delay_max_3m", Unit.MONTHS_PAST_DUE);
		put(m, "delay_max_6m", Unit.MONTHS_PAST_DUE);
		put(m, "delay_max_all", Unit.MONTHS_PAST_DUE);
		put(m, "delay_trend", Unit.MONTHS_CHANGE);
		put(m, "months_delayed_6m", Unit.MONTHS);
		put(m, "months_delayed_all", Unit.MONTHS);
		put(m, "months_since_delay", Unit.MONTHS_SINCE);
		put(m, "share_paid_in_full", Unit.PERCENT);
		put(m, "share_no_activity", Unit.PERCENT);
		put(m, "utilization_max", Unit.PERCENT);
		put(m, "utilization_avg", Unit.PERCENT);
		put(m, "utilization_trend", Unit.PERCENT_CHANGE);
		put(m, "pay_ratio_avg", Unit.PERCENT);
		put(m, "pay_ratio_min_3m", Unit.PERCENT);
		put(m, "unpaid_share_6m", Unit.UNPAID_SHARE);
		put(m, "log_credit_limit", Unit.LOG_AMOUNT);
		put(m, "log_billed_avg", Unit.LOG_AMOUNT);
		put(m, "log_paid_avg", Unit.LOG_AMOUNT);
		put(m, "bill_growth_6m", Unit.PERCENT_CHANGE);
		put(m, "history_months", Unit.MONTHS);
		ENTRIES = Collections.unmodifiableMap(m);
	}

	private FeatureCatalogue() {
	}

	private static void put(Map<String, Entry> m, String feature, Unit unit) {
		put(m, feature, feature, 0, unit);
	}

	private static void put(Map<String, Entry> m, String feature, String text, int month, Unit unit) {
		Entry entry = new Entry(feature, null, unit, "feature." + text, month);
		m.put(feature, new Entry(feature, entry.description(Locale.ENGLISH), unit, entry.textKey(), entry.month()));
	}

	/**
	 * The entry of a feature.
	 * @throws IllegalArgumentException for a name {@link PaymentHistoryFeatures} does not
	 * produce
	 */
	public static Entry of(String feature) {
		Entry e = ENTRIES.get(feature);
		if (e == null) {
			throw new IllegalArgumentException("no feature '" + feature + "' in " + PaymentHistoryFeatures.VERSION);
		}
		return e;
	}

	public static String describe(String feature) {
		return of(feature).description();
	}

	/**
	 * What {@code feature} means in {@code language} (English when the catalogue has no
	 * texts in it).
	 */
	public static String describe(String feature, Locale language) {
		return of(feature).description(language);
	}

	/** Every entry, in catalogue order. */
	public static List<Entry> all() {
		return List.copyOf(ENTRIES.values());
	}

}
