package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.policy.PolicySubject;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The ledger's view of a customer document: what the credit check needs, including the
 * exposure counters, the changes of them whose order (or invoice) write is still pending
 * and, for the parent of a credit group, the group limit and group exposure.
 */
@Document(CreditAccount.COLLECTION)
record CreditAccount(@Id String id, String creditCurrency, CustomerStatus status, List<RiskFlag> flags,
		CreditLimit creditLimit, String parentId, String segment, String tier, String industry,
		ExposureCounters exposure, Money groupLimit, GroupExposure groupExposure, List<PendingChange> pendingChanges) {

	static final String COLLECTION = "customers";

	CreditAccount {
		flags = (flags != null) ? flags : List.of();
		exposure = (exposure != null) ? exposure : ExposureCounters.ZERO;
		pendingChanges = (pendingChanges != null) ? pendingChanges : List.of();
	}

	/** The pending change of the document {@code key}, or null. */
	PendingChange pendingChange(String key) {
		for (PendingChange change : this.pendingChanges) {
			if (change.key().equals(key)) {
				return change;
			}
		}
		return null;
	}

	/** Net exposure of the whole group, kept on the parent's document. */
	record GroupExposure(BigDecimal net) {
	}

	PolicySubject policySubject() {
		return new PolicySubject(this.id, this.segment, this.tier, this.industry);
	}

	BigDecimal limitAmount() {
		return (this.creditLimit != null) ? this.creditLimit.amount().amount() : BigDecimal.ZERO;
	}

	/**
	 * A figure in the credit currency, rounded to its minor units for display and
	 * records.
	 */
	Money money(BigDecimal amount) {
		int digits = Currency.getInstance(this.creditCurrency).getDefaultFractionDigits();
		return new Money(amount.setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN), this.creditCurrency);
	}

	BigDecimal groupNet() {
		return (this.groupExposure != null && this.groupExposure.net() != null) ? this.groupExposure.net()
				: BigDecimal.ZERO;
	}

}
