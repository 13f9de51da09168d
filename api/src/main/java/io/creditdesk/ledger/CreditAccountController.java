package io.creditdesk.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.ledger.CreditAccountService.Exposure;
import io.creditdesk.ledger.CreditAccountService.ReconcileExposureInput;
import io.creditdesk.ledger.CreditAccountService.Reconciliation;
import io.creditdesk.ledger.CreditAccountService.SetGroupCreditLimitInput;
import io.creditdesk.ledger.CreditSecurities.AddCreditSecurityInput;
import io.creditdesk.ledger.CreditSecurities.ReleaseCreditSecurityInput;
import io.creditdesk.security.Roles;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * A customer's credit account over GraphQL: its exposure, available credit and
 * utilization, its securities, the group limit, and the reconciliation of its counters.
 */
@Controller
class CreditAccountController {

	private final CreditAccountService accounts;

	private final CreditSecurities securities;

	CreditAccountController(CreditAccountService accounts, CreditSecurities securities) {
		this.accounts = accounts;
		this.securities = securities;
	}

	@QueryMapping
	Reconciliation exposureReconciliation(@Argument String customerId) {
		return this.accounts.reconcile(customerId, false);
	}

	@BatchMapping(typeName = "Customer", field = "exposure")
	Map<Customer, Exposure> exposure(List<Customer> list) {
		Map<String, Exposure> byId = this.accounts.exposures(list.stream().map(Customer::id).toList());
		return list.stream()
			.collect(Collectors.toMap(Function.identity(), c -> byId.get(c.id()), (a, b) -> a, LinkedHashMap::new));
	}

	@BatchMapping(typeName = "Customer", field = "availableCredit")
	Map<Customer, Money> availableCredit(List<Customer> list) {
		Map<Customer, Money> result = new LinkedHashMap<>();
		exposure(list).forEach((customer, exposure) -> result.put(customer, exposure.availableCredit()));
		return result;
	}

	@BatchMapping(typeName = "Customer", field = "groupAvailableCredit")
	Map<Customer, Money> groupAvailableCredit(List<Customer> list) {
		Map<Customer, Money> result = new LinkedHashMap<>();
		exposure(list).forEach((customer, exposure) -> result.put(customer,
				(exposure != null) ? exposure.groupAvailableCredit() : null));
		return result;
	}

	@BatchMapping(typeName = "Customer", field = "utilization")
	Map<Customer, Double> utilization(List<Customer> list) {
		Map<Customer, Double> result = new LinkedHashMap<>();
		exposure(list).forEach((customer, exposure) -> result.put(customer, exposure.utilization()));
		return result;
	}

	@SchemaMapping(typeName = "Customer", field = "securities")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	List<CreditSecurity> securities(Customer customer) {
		return this.securities.securities(customer.id());
	}

	@MutationMapping
	SecurityPayload addCreditSecurity(@Argument AddCreditSecurityInput input) {
		return Payloads.run(() -> this.securities.addSecurity(input), SecurityPayload::new);
	}

	@MutationMapping
	SecurityPayload releaseCreditSecurity(@Argument ReleaseCreditSecurityInput input) {
		return Payloads.run(() -> this.securities.releaseSecurity(input.securityId(), input.reason()),
				SecurityPayload::new);
	}

	@MutationMapping
	ExposurePayload setGroupCreditLimit(@Argument SetGroupCreditLimitInput input) {
		return Payloads.run(() -> this.accounts.setGroupLimit(input), ExposurePayload::new);
	}

	@MutationMapping
	ReconciliationPayload reconcileExposure(@Argument ReconcileExposureInput input) {
		return Payloads.run(() -> this.accounts.reconcile(input.customerId(), Boolean.TRUE.equals(input.fix())),
				ReconciliationPayload::new);
	}

	record SecurityPayload(CreditSecurity security, List<UserError> userErrors) {
	}

	record ExposurePayload(Exposure exposure, List<UserError> userErrors) {
	}

	record ReconciliationPayload(Reconciliation reconciliation, List<UserError> userErrors) {
	}

}
