package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;

import io.creditdesk.common.Money;
import io.creditdesk.scoring.model.RiskGrade;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One customer of a credit budget allocation: its figures, its bounds and the proposed
 * limit, or why it was left out. Amounts of the program are in the budget's currency;
 * {@code currentLimit} and {@code requestedLimit} are in the customer's credit currency.
 *
 * @param id {@code allocationId:position}
 * @param allocationId the allocation
 * @param position the customer's place in the allocation (ascending customer id)
 * @param customerId the customer
 * @param customerName its name
 * @param segment its segment
 * @param vertical its industry vertical
 * @param currentLimit its limit when the allocation was computed (applying it refuses a
 * changed one as stale)
 * @param rate the stored rate from its credit currency to the budget's (1 for the same)
 * @param currentInBudget the current limit in the budget's currency
 * @param minLimit the lowest limit its guardrails allow (budget currency)
 * @param maxLimit the highest (budget currency)
 * @param proposedLimit the allocated limit (budget currency); the current one when
 * excluded
 * @param requestedLimit the allocated limit in its credit currency, rounded down, as a
 * request would ask for it; null when excluded
 * @param grade the champion's grade
 * @param probabilityOfDefault the champion's PD
 * @param expectedUtilization the share of its limit it is expected to use
 * @param marginRate its segment's margin rate
 * @param excluded why it was left out of the program, or null
 * @param requestId the credit limit request applying it opened
 * @param exclusionReason the refusal that left it out, in words, where there is one
 * ({@code REQUEST_ALREADY_OPEN} naming the customer's open request and its amount, for
 * {@link Exclusion#REQUEST_OPEN}); null otherwise
 */
@Document(BudgetAllocationLine.COLLECTION)
record BudgetAllocationLine(@Id String id, String allocationId, int position, String customerId, String customerName,
		String segment, String vertical, Money currentLimit, BigDecimal rate, BigDecimal currentInBudget,
		BigDecimal minLimit, BigDecimal maxLimit, BigDecimal proposedLimit, Money requestedLimit, RiskGrade grade,
		Double probabilityOfDefault, double expectedUtilization, double marginRate, Exclusion excluded,
		String requestId, BudgetAllocationRecord.Refusal exclusionReason) {

	static final String COLLECTION = "credit_budget_allocation_lines";

	/** Why a customer is kept at its current limit and left out of the program. */
	enum Exclusion {

		/** Not active or on hold (pending, suspended, closed). */
		NOT_ACTIVE,
		/** It has no limit to change. */
		NO_LIMIT,
		/** No champion score, or too little history for one: its PD is unknown. */
		NO_SCORE,
		/** No stored rate between its credit currency and the budget's. */
		NO_FX_RATE,
		/**
		 * It has an open credit limit request (one at a time per customer): found when
		 * the allocation was computed, or when applying it, if one was opened in between.
		 */
		REQUEST_OPEN

	}

	/** Whether the proposed limit differs from the current one. */
	boolean changes() {
		return this.excluded == null && this.requestedLimit != null
				&& this.requestedLimit.amount().compareTo(this.currentLimit.amount()) != 0;
	}

	static String id(String allocationId, int position) {
		return allocationId + ":" + String.format("%07d", position);
	}

}
