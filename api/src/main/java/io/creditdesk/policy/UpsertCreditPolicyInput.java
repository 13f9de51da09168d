package io.creditdesk.policy;

import java.util.List;

import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.MoneyInput;

/**
 * Input of {@code upsertCreditPolicy}: the policy of one level, replaced by what is
 * given.
 */
public record UpsertCreditPolicyInput(PolicyLevel level, String code, MoneyInput defaultLimit, MoneyInput hardCap,
		PaymentTermsInput paymentTerms, Integer graceDays, List<Double> alertThresholds, Integer checkHorizonDays,
		MoneyInput maxOverdueAmount, Integer maxOverdueDays, MoneyInput maxOrderAmount, Integer reviewIntervalMonths,
		String reason, Integer expectedVersion) {

	/** Payment terms as sent by a client. */
	public record PaymentTermsInput(Integer netDays, DecimalInput discountPercent, Integer discountDays,
			Boolean endOfMonth) {
	}

}
