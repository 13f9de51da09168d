package io.creditdesk.policy;

import java.util.List;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;

/**
 * The policy in force for one customer, with the level that supplied each value. Terms,
 * grace days, thresholds and review interval always have a value (the system defaults
 * guarantee it); the money values and hold rules may be unset.
 */
public record EffectivePolicy(Money defaultLimit, Money hardCap, PaymentTerms paymentTerms, int graceDays,
		List<Double> alertThresholds, Integer checkHorizonDays, Money maxOverdueAmount, Integer maxOverdueDays,
		Money maxOrderAmount, int reviewIntervalMonths, List<Source> sources) {

	/** Which level (and code) supplied the value named {@code field}. */
	public record Source(String field, PolicyLevel level, String code) {

		/**
		 * The level as a figure of a sentence: {@code segment SMB}, {@code all customers
		 * (global policy)}, in the reader's language ({@code policy.level.<LEVEL>}).
		 */
		public Phrase phrase() {
			return phrase(this.level, this.code);
		}

		/** As {@link #phrase()}, for a level and code kept elsewhere. */
		public static Phrase phrase(PolicyLevel level, String code) {
			String key = "policy.level." + level.name();
			return (code != null) ? Phrase.of(key, code) : Phrase.of(key);
		}

	}

	public Source sourceOf(String field) {
		return this.sources.stream().filter(s -> s.field().equals(field)).findFirst().orElse(null);
	}

}
