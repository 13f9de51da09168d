package io.creditdesk.ledger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.common.Connection;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.ledger.InvoiceInputs.IssueCreditNoteInput;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceInputs.WriteOffInput;
import io.creditdesk.ledger.InvoiceService.Settlement;
import io.creditdesk.security.Roles;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Invoices over GraphQL: the invoice query, a customer's invoices, and issuing, paying,
 * crediting and writing off.
 */
@Controller
class InvoiceController {

	private final InvoiceService invoices;

	private final CustomerService customers;

	InvoiceController(InvoiceService invoices, CustomerService customers) {
		this.invoices = invoices;
		this.customers = customers;
	}

	@QueryMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Invoice invoice(@Argument String id) {
		return this.invoices.find(id).orElse(null);
	}

	@SchemaMapping(typeName = "Customer", field = "invoices")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Connection<Invoice> customerInvoices(Customer customer, @Argument InvoiceStatus status, @Argument Integer first,
			@Argument String after) {
		return this.invoices.ofCustomer(customer.id(), status, first, after);
	}

	@BatchMapping(typeName = "Invoice", field = "customer")
	Map<Invoice, Customer> invoiceCustomer(List<Invoice> list) {
		Map<String, Customer> byId = this.customers
			.getAll(list.stream().map(Invoice::customerId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(Customer::id, Function.identity()));
		return list.stream()
			.collect(Collectors.toMap(Function.identity(), i -> byId.get(i.customerId()), (a, b) -> a,
					LinkedHashMap::new));
	}

	@MutationMapping
	InvoicePayload issueInvoice(@Argument IssueInvoiceInput input) {
		return Payloads.run(() -> this.invoices.issue(input), InvoicePayload::new);
	}

	@MutationMapping
	SettlementPayload recordPayment(@Argument RecordPaymentInput input) {
		return Payloads.run(() -> this.invoices.recordPayment(input), SettlementPayload::of);
	}

	@MutationMapping
	SettlementPayload issueCreditNote(@Argument IssueCreditNoteInput input) {
		return Payloads.run(() -> this.invoices.issueCreditNote(input), SettlementPayload::of);
	}

	@MutationMapping
	SettlementPayload writeOff(@Argument WriteOffInput input) {
		return Payloads.run(() -> this.invoices.writeOff(input), SettlementPayload::of);
	}

	record InvoicePayload(Invoice invoice, List<UserError> userErrors) {
	}

	record SettlementPayload(Invoice invoice, Money applied, Money discount, Money unapplied,
			List<UserError> userErrors) {
		static SettlementPayload of(Settlement s, List<UserError> errors) {
			return (s != null) ? new SettlementPayload(s.invoice(), s.applied(), s.discount(), s.unapplied(), errors)
					: new SettlementPayload(null, null, null, null, errors);
		}
	}

}
