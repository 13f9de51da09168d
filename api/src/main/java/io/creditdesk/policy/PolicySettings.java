package io.creditdesk.policy;

import java.util.List;

import io.creditdesk.common.Money;

/**
 * The values one policy level may set; null means "not set here, fall back". The same
 * shape serves every level, from a customer's overrides to the system defaults.
 */
public record PolicySettings(Money defaultLimit, Money hardCap, PaymentTerms paymentTerms, Integer graceDays,
		List<Double> alertThresholds, Integer checkHorizonDays, Money maxOverdueAmount, Integer maxOverdueDays,
		Money maxOrderAmount, Integer reviewIntervalMonths) {

	public static final PolicySettings EMPTY = new PolicySettings(null, null, null, null, null, null, null, null, null,
			null);

}
