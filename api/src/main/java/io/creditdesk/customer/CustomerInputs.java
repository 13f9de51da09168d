package io.creditdesk.customer;

import java.time.LocalDate;

import io.creditdesk.common.DecimalInput;

/** The GraphQL inputs of the customer mutations and queries. */
public final class CustomerInputs {

	private CustomerInputs() {
	}

	public record CreateCustomerInput(String externalRef, String name, String taxId, String countryCode, String segment,
			String tier, String industry, String creditCurrency, String parentId, LocalDate customerSince) {
	}

	public record UpdateCustomerInput(String id, Integer expectedVersion, String externalRef, String name, String taxId,
			String countryCode, String segment, String tier, String industry, String parentId, Boolean clearParent,
			String reason) {
	}

	public record SetCreditLimitInput(String customerId, DecimalInput amount, String currency, LocalDate validUntil,
			String reason, Integer expectedVersion) {
	}

	public record SetCustomerStatusInput(String customerId, CustomerStatus status, String reason,
			Integer expectedVersion) {
	}

	public record RaiseRiskFlagInput(String customerId, RiskFlagType type, String reason, String source) {
	}

	public record ClearRiskFlagInput(String customerId, RiskFlagType type, String reason) {
	}

	/**
	 * Who is in charge of a customer: a username, blank to remove the assignment, null to
	 * leave it as it is.
	 */
	public record AssignCustomerInput(String customerId, String creditAnalyst, String salesOwner, String reason) {
	}

	public record CustomerFilter(String segment, String tier, String industry, CustomerStatus status, String parentId,
			String text) {
	}

}
