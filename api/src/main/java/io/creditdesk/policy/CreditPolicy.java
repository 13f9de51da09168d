package io.creditdesk.policy;

import java.time.Instant;
import java.util.List;

import io.creditdesk.common.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stored policy of one level and code, with the settings it sets. Its id is
 * {@link PolicyLevel#policyId(String)}, so each level and code has at most one policy.
 */
@Document("credit_policies")
public record CreditPolicy(@Id String id, PolicyLevel level, String code, PolicySettings settings, String updatedBy,
		Instant updatedAt, long version) {

	public Money defaultLimit() {
		return this.settings.defaultLimit();
	}

	public Money hardCap() {
		return this.settings.hardCap();
	}

	public PaymentTerms paymentTerms() {
		return this.settings.paymentTerms();
	}

	public Integer graceDays() {
		return this.settings.graceDays();
	}

	public List<Double> alertThresholds() {
		return this.settings.alertThresholds();
	}

	public Integer checkHorizonDays() {
		return this.settings.checkHorizonDays();
	}

	public Money maxOverdueAmount() {
		return this.settings.maxOverdueAmount();
	}

	public Integer maxOverdueDays() {
		return this.settings.maxOverdueDays();
	}

	public Money maxOrderAmount() {
		return this.settings.maxOrderAmount();
	}

	public Integer reviewIntervalMonths() {
		return this.settings.reviewIntervalMonths();
	}

}
