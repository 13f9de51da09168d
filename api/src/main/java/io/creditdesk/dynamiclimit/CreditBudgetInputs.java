package io.creditdesk.dynamiclimit;

import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.DecimalInput;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;

/** The inputs of the credit budget operations, as GraphQL binds them. */
final class CreditBudgetInputs {

	private CreditBudgetInputs() {
	}

	record UpsertCreditBudgetInput(String currency, String segment, LocalDate periodStart, LocalDate periodEnd,
			Basis basis, DecimalInput total, DecimalInput maxCustomerShare, List<RateInput> segmentShares,
			List<RateInput> verticalShares, List<RateInput> marginRates, DecimalInput defaultMarginRate,
			DecimalInput lossGivenDefault, String reason, Long expectedVersion) {
	}

	record RateInput(String code, DecimalInput value) {
	}

	record AllocateCreditBudgetInput(String budgetId) {
	}

	record ApplyCreditBudgetAllocationInput(String allocationId, String justification) {
	}

}
