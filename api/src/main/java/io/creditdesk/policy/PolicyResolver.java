package io.creditdesk.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.creditdesk.common.Money;

/**
 * Resolves the effective policy: each value comes from the most specific level that sets
 * it (customer > tier > industry > segment > global > system default). Payment terms
 * resolve as one unit, so a discount from one level never combines with net days from
 * another.
 */
final class PolicyResolver {

	private final PolicySettings systemDefaults;

	PolicyResolver(PolicySettings systemDefaults) {
		this.systemDefaults = systemDefaults;
	}

	/**
	 * @param chain the stored policies that apply, in any order; absent levels are simply
	 * missing
	 */
	EffectivePolicy resolve(List<CreditPolicy> chain) {
		List<CreditPolicy> ordered = new ArrayList<>(chain);
		ordered.sort(Comparator.comparing(CreditPolicy::level));
		ordered.add(new CreditPolicy("SYSTEM_DEFAULT", PolicyLevel.SYSTEM_DEFAULT, null, this.systemDefaults, "system",
				null, 0));
		List<EffectivePolicy.Source> sources = new ArrayList<>();
		Money defaultLimit = pick(ordered, "defaultLimit", PolicySettings::defaultLimit, sources);
		Money hardCap = pick(ordered, "hardCap", PolicySettings::hardCap, sources);
		PaymentTerms terms = pick(ordered, "paymentTerms", PolicySettings::paymentTerms, sources);
		Integer graceDays = pick(ordered, "graceDays", PolicySettings::graceDays, sources);
		List<Double> thresholds = pick(ordered, "alertThresholds", PolicySettings::alertThresholds, sources);
		Integer horizon = pick(ordered, "checkHorizonDays", PolicySettings::checkHorizonDays, sources);
		Money maxOverdue = pick(ordered, "maxOverdueAmount", PolicySettings::maxOverdueAmount, sources);
		Integer maxOverdueDays = pick(ordered, "maxOverdueDays", PolicySettings::maxOverdueDays, sources);
		Money maxOrder = pick(ordered, "maxOrderAmount", PolicySettings::maxOrderAmount, sources);
		Integer review = pick(ordered, "reviewIntervalMonths", PolicySettings::reviewIntervalMonths, sources);
		return new EffectivePolicy(defaultLimit, hardCap, (terms != null) ? terms : PaymentTerms.NET_30,
				(graceDays != null) ? graceDays : 0, (thresholds != null) ? thresholds : List.of(0.80, 0.95), horizon,
				maxOverdue, maxOverdueDays, maxOrder, (review != null) ? review : 12, List.copyOf(sources));
	}

	private static <T> T pick(List<CreditPolicy> ordered, String field, Function<PolicySettings, T> value,
			List<EffectivePolicy.Source> sources) {
		for (CreditPolicy policy : ordered) {
			T candidate = (policy.settings() != null) ? value.apply(policy.settings()) : null;
			if (candidate != null) {
				sources.add(new EffectivePolicy.Source(field, policy.level(), policy.code()));
				return candidate;
			}
		}
		return null;
	}

}
