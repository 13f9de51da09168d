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

		/**
		 * The level as stored beside a figure it set: its policy id ({@code SEGMENT:SMB},
		 * {@code GLOBAL}).
		 */
		public String policyId() {
			return this.level.policyId(this.code);
		}

		/**
		 * As {@link #phrase()}, from a stored {@link #policyId()}; null for a text that
		 * is not one.
		 */
		public static Phrase phrase(String policyId) {
			int colon = policyId.indexOf(':');
			String level = (colon < 0) ? policyId : policyId.substring(0, colon);
			try {
				return phrase(PolicyLevel.valueOf(level), (colon < 0) ? null : policyId.substring(colon + 1));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	public Source sourceOf(String field) {
		return this.sources.stream().filter(s -> s.field().equals(field)).findFirst().orElse(null);
	}

}
