package io.creditdesk.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.CustomerInputs.AssignCustomerInput;
import io.creditdesk.customer.CustomerInputs.ClearRiskFlagInput;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerInputs.SetCustomerStatusInput;
import io.creditdesk.customer.CustomerInputs.UpdateCustomerInput;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.policy.PaymentTerms;
import io.creditdesk.policy.PolicySubject;
import io.creditdesk.security.Roles;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class CustomerController {

	private final CustomerService customers;

	private final CreditPolicyService policies;

	private final AuditLog audit;

	CustomerController(CustomerService customers, CreditPolicyService policies, AuditLog audit) {
		this.customers = customers;
		this.policies = policies;
		this.audit = audit;
	}

	@QueryMapping
	Customer customer(@Argument String id) {
		return this.customers.get(id).orElse(null);
	}

	@QueryMapping
	Customer customerByExternalRef(@Argument String externalRef) {
		return this.customers.getByExternalRef(externalRef).orElse(null);
	}

	@QueryMapping
	Connection<Customer> customers(@Argument CustomerFilter filter, @Argument Integer first, @Argument String after) {
		return this.customers.list(filter, first, after);
	}

	@SchemaMapping(typeName = "Customer", field = "creditLimit")
	Money creditLimit(Customer customer) {
		return (customer.creditLimit() != null) ? customer.creditLimit().amount() : null;
	}

	@SchemaMapping(typeName = "Customer", field = "creditLimitDetails")
	CreditLimit creditLimitDetails(Customer customer) {
		return customer.creditLimit();
	}

	@BatchMapping(typeName = "Customer", field = "parent")
	Map<Customer, Customer> parent(List<Customer> children) {
		Set<String> ids = children.stream()
			.map(Customer::parentId)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		Map<String, Customer> parents = ids.isEmpty() ? Map.of()
				: this.customers.getAll(ids).stream().collect(Collectors.toMap(Customer::id, Function.identity()));
		Map<Customer, Customer> result = new LinkedHashMap<>();
		for (Customer child : children) {
			result.put(child, (child.parentId() != null) ? parents.get(child.parentId()) : null);
		}
		return result;
	}

	/**
	 * The same read rule as the policies themselves: the effective policy carries the
	 * hard cap, the default limit and the hold thresholds. The payment terms, which sales
	 * quote, stay readable by everyone through {@code paymentTerms}, which calls this
	 * method directly, not through the security proxy.
	 */
	@BatchMapping(typeName = "Customer", field = "effectivePolicy")
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	Map<Customer, EffectivePolicy> effectivePolicy(List<Customer> customers) {
		Map<PolicySubject, EffectivePolicy> resolved = this.policies
			.effectiveFor(customers.stream().map(Customer::policySubject).toList());
		Map<Customer, EffectivePolicy> result = new LinkedHashMap<>();
		customers.forEach(c -> result.put(c, resolved.get(c.policySubject())));
		return result;
	}

	@BatchMapping(typeName = "Customer", field = "paymentTerms")
	Map<Customer, PaymentTerms> paymentTerms(List<Customer> customers) {
		Map<Customer, PaymentTerms> result = new LinkedHashMap<>();
		effectivePolicy(customers).forEach((customer, policy) -> result.put(customer, policy.paymentTerms()));
		return result;
	}

	@SchemaMapping(typeName = "Customer", field = "auditTrail")
	Connection<AuditRecord> auditTrail(Customer customer, @Argument Integer first, @Argument String after) {
		return this.audit.forCustomer(customer.id(), first, after);
	}

	@MutationMapping
	CustomerPayload createCustomer(@Argument CreateCustomerInput input) {
		return Payloads.run(() -> this.customers.create(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload updateCustomer(@Argument UpdateCustomerInput input) {
		return Payloads.run(() -> this.customers.update(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload setCreditLimit(@Argument SetCreditLimitInput input) {
		return Payloads.run(() -> this.customers.setCreditLimit(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload setCustomerStatus(@Argument SetCustomerStatusInput input) {
		return Payloads.run(() -> this.customers.setStatus(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload raiseRiskFlag(@Argument RaiseRiskFlagInput input) {
		return Payloads.run(() -> this.customers.raiseFlag(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload clearRiskFlag(@Argument ClearRiskFlagInput input) {
		return Payloads.run(() -> this.customers.clearFlag(input), CustomerPayload::new);
	}

	@MutationMapping
	CustomerPayload assignCustomer(@Argument AssignCustomerInput input) {
		return Payloads.run(() -> this.customers.assign(input), CustomerPayload::new);
	}

	/** The payload of every customer mutation: the customer, or the user errors. */
	record CustomerPayload(Customer customer, List<UserError> userErrors) {
	}

}
