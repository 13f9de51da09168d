package io.creditdesk.risk.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.customer.CreditLimitChange;
import io.creditdesk.customer.Customer;

/**
 * What a payment history needs of one customer document, as stored: its segment, credit
 * currency, registration instant, current limit and limit history. Read straight from the
 * store's documents on the scoring path ({@link LedgerDocuments}) or taken from a mapped
 * {@link Customer}; either way {@link LedgerFacts} derives the same facts from it.
 *
 * @param id the customer id
 * @param segment its segment (null when it has none)
 * @param creditCurrency the currency its limit and exposure are kept in
 * @param createdAt when it was registered (null when unknown)
 * @param limit its current limit's amount (null when it has no limit)
 * @param limitApprovedAt when its current limit was approved (null when unknown)
 * @param limitHistory every limit it was approved, oldest first (empty when its limit was
 * set before the history was kept)
 */
record StoredCustomer(String id, String segment, String creditCurrency, Instant createdAt, BigDecimal limit,
		Instant limitApprovedAt, List<LimitSet> limitHistory) {

	/**
	 * One limit the customer was approved.
	 *
	 * @param effectiveDate the day it took effect
	 * @param amount its amount in the credit currency
	 * @param bookedAt when it was recorded
	 */
	record LimitSet(LocalDate effectiveDate, BigDecimal amount, Instant bookedAt) {
	}

	/** The same facts from a customer mapped by Spring Data and its limit history. */
	static StoredCustomer of(Customer customer, List<CreditLimitChange> limits) {
		List<LimitSet> history = new ArrayList<>(limits.size());
		for (CreditLimitChange change : limits) {
			history.add(new LimitSet(change.effectiveDate(),
					(change.amount() != null) ? change.amount().amount() : null, change.bookedAt()));
		}
		boolean hasLimit = customer.creditLimit() != null && customer.creditLimit().amount() != null;
		return new StoredCustomer(customer.id(), customer.segment(), customer.creditCurrency(), customer.createdAt(),
				hasLimit ? customer.creditLimit().amount().amount() : null,
				(customer.creditLimit() != null) ? customer.creditLimit().approvedAt() : null, history);
	}

}
