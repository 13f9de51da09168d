package io.creditdesk.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.ledger.CreditAccountService.AddCreditSecurityInput;
import io.creditdesk.ledger.CreditAccountService.Exposure;
import io.creditdesk.ledger.CreditAccountService.Reconciliation;
import io.creditdesk.ledger.CreditAccountService.SetGroupCreditLimitInput;
import io.creditdesk.ledger.InvoiceInputs.IssueCreditNoteInput;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceInputs.WriteOffInput;
import io.creditdesk.ledger.InvoiceService.Settlement;
import io.creditdesk.ledger.OrderInputs.AmendOrderInput;
import io.creditdesk.ledger.OrderInputs.CancelOrderInput;
import io.creditdesk.ledger.OrderInputs.OrderFilter;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderInputs.RejectOrderInput;
import io.creditdesk.ledger.OrderInputs.ReleaseOrderInput;
import io.creditdesk.ledger.OrderInputs.ReopenOrderInput;
import io.creditdesk.ledger.OrderInputs.ShipOrderInput;
import io.creditdesk.ledger.OrderService.OrderResult;
import io.creditdesk.security.Roles;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class LedgerController {

	private final OrderService orders;

	private final InvoiceService invoices;

	private final CreditAccountService accounts;

	private final CustomerService customers;

	private final MongoTemplate mongo;

	LedgerController(OrderService orders, InvoiceService invoices, CreditAccountService accounts,
			CustomerService customers, MongoTemplate mongo) {
		this.orders = orders;
		this.invoices = invoices;
		this.accounts = accounts;
		this.customers = customers;
		this.mongo = mongo;
	}

	// ---- queries ----

	@QueryMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Order order(@Argument String id) {
		return this.orders.find(id).orElse(null);
	}

	@QueryMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Invoice invoice(@Argument String id) {
		return this.invoices.find(id).orElse(null);
	}

	@QueryMapping
	Connection<Order> pendingOrders(@Argument OrderFilter filter, @Argument Integer first, @Argument String after) {
		return this.orders.pending(filter, first, after);
	}

	@QueryMapping
	Reconciliation exposureReconciliation(@Argument String customerId) {
		return this.accounts.reconcile(customerId, false);
	}

	// ---- customer fields ----

	@BatchMapping(typeName = "Customer", field = "exposure")
	Map<Customer, Exposure> exposure(List<Customer> list) {
		Map<String, Exposure> byId = this.accounts.exposures(list.stream().map(Customer::id).toList());
		return list.stream().collect(Collectors.toMap(Function.identity(), c -> byId.get(c.id()), (a, b) -> a,
				java.util.LinkedHashMap::new));
	}

	@BatchMapping(typeName = "Customer", field = "availableCredit")
	Map<Customer, Money> availableCredit(List<Customer> list) {
		Map<Customer, Money> result = new java.util.LinkedHashMap<>();
		exposure(list).forEach((customer, exposure) -> result.put(customer, exposure.availableCredit()));
		return result;
	}

	@BatchMapping(typeName = "Customer", field = "utilization")
	Map<Customer, Double> utilization(List<Customer> list) {
		Map<Customer, Double> result = new java.util.LinkedHashMap<>();
		exposure(list).forEach((customer, exposure) -> result.put(customer, exposure.utilization()));
		return result;
	}

	@SchemaMapping(typeName = "Customer", field = "orders")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Connection<Order> customerOrders(Customer customer, @Argument OrderStatus status, @Argument Integer first,
			@Argument String after) {
		Criteria criteria = Criteria.where("customerId").is(customer.id());
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return newestFirst(criteria, "placedAt", first, after, Order.class, Order::placedAt, Order::id);
	}

	@SchemaMapping(typeName = "Customer", field = "invoices")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Connection<Invoice> customerInvoices(Customer customer, @Argument InvoiceStatus status, @Argument Integer first,
			@Argument String after) {
		Criteria criteria = Criteria.where("customerId").is(customer.id());
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return newestFirst(criteria, "issuedAt", first, after, Invoice.class, Invoice::issuedAt, Invoice::id);
	}

	@SchemaMapping(typeName = "Customer", field = "securities")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	List<CreditSecurity> securities(Customer customer) {
		return this.accounts.securities(customer.id());
	}

	/** Newest first by a timestamp, ties broken by id; the cursor holds both. */
	private <T> Connection<T> newestFirst(Criteria criteria, String timeField, Integer first, String after, Class<T> type,
			Function<T, Instant> time, Function<T, String> id) {
		int size = Connection.pageSize(first);
		long total = this.mongo.count(Query.query(criteria), type);
		String cursor = Connection.decode(after);
		Criteria page = criteria;
		if (cursor != null) {
			int bar = cursor.indexOf('|');
			if (bar < 0) {
				throw new CreditDeskException(CommonErrorCode.INVALID_CURSOR, "after", "The cursor was not issued for this list.");
			}
			Instant at = Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, bar)));
			String lastId = cursor.substring(bar + 1);
			page = new Criteria().andOperator(criteria, new Criteria().orOperator(Criteria.where(timeField).lt(at),
					Criteria.where(timeField).is(at).and("_id").lt(lastId)));
		}
		List<T> items = this.mongo.find(Query.query(page)
			.with(Sort.by(Sort.Direction.DESC, timeField).and(Sort.by(Sort.Direction.DESC, "_id")))
			.limit(size + 1), type);
		return Connection.of(items, size, item -> time.apply(item).toEpochMilli() + "|" + id.apply(item), (int) total);
	}

	// ---- order and invoice fields ----

	@BatchMapping(typeName = "Order", field = "customer")
	Map<Order, Customer> orderCustomer(List<Order> list) {
		Map<String, Customer> byId = byId(list.stream().map(Order::customerId).collect(Collectors.toSet()));
		return list.stream().collect(Collectors.toMap(Function.identity(), o -> byId.get(o.customerId()), (a, b) -> a,
				java.util.LinkedHashMap::new));
	}

	@BatchMapping(typeName = "Invoice", field = "customer")
	Map<Invoice, Customer> invoiceCustomer(List<Invoice> list) {
		Map<String, Customer> byId = byId(list.stream().map(Invoice::customerId).collect(Collectors.toSet()));
		return list.stream().collect(Collectors.toMap(Function.identity(), i -> byId.get(i.customerId()), (a, b) -> a,
				java.util.LinkedHashMap::new));
	}

	private Map<String, Customer> byId(Set<String> ids) {
		return this.customers.getAll(ids).stream().collect(Collectors.toMap(Customer::id, Function.identity()));
	}

	@SchemaMapping(typeName = "Order", field = "shipped")
	Money shipped(Order order) {
		return new Money(order.shippedCredit(), order.creditAmount().currency());
	}

	@SchemaMapping(typeName = "Order", field = "invoiced")
	Money invoiced(Order order) {
		return new Money(order.invoicedCredit(), order.creditAmount().currency());
	}

	@SchemaMapping(typeName = "Order", field = "open")
	Money open(Order order) {
		return new Money(order.openCredit(), order.creditAmount().currency());
	}

	// ---- mutations ----

	@MutationMapping
	DecisionPayload placeOrder(@Argument PlaceOrderInput input) {
		return Payloads.run(() -> this.orders.place(input), DecisionPayload::of);
	}

	@MutationMapping
	DecisionPayload amendOrder(@Argument AmendOrderInput input) {
		return Payloads.run(() -> this.orders.amend(input), DecisionPayload::of);
	}

	@MutationMapping
	OrderPayload cancelOrder(@Argument CancelOrderInput input) {
		return Payloads.run(() -> this.orders.cancel(input), OrderPayload::new);
	}

	@MutationMapping
	DecisionPayload reopenOrder(@Argument ReopenOrderInput input) {
		return Payloads.run(() -> this.orders.reopen(input), DecisionPayload::of);
	}

	@MutationMapping
	DecisionPayload shipOrder(@Argument ShipOrderInput input) {
		return Payloads.run(() -> this.orders.ship(input), DecisionPayload::of);
	}

	@MutationMapping
	DecisionPayload releaseOrder(@Argument ReleaseOrderInput input) {
		return Payloads.run(() -> this.orders.release(input), DecisionPayload::of);
	}

	@MutationMapping
	OrderPayload rejectOrder(@Argument RejectOrderInput input) {
		return Payloads.run(() -> this.orders.reject(input), OrderPayload::new);
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

	@MutationMapping
	SecurityPayload addCreditSecurity(@Argument AddCreditSecurityInput input) {
		return Payloads.run(() -> this.accounts.addSecurity(input), SecurityPayload::new);
	}

	@MutationMapping
	SecurityPayload releaseCreditSecurity(@Argument Map<String, String> input) {
		return Payloads.run(() -> this.accounts.releaseSecurity(input.get("securityId"), input.get("reason")),
				SecurityPayload::new);
	}

	@MutationMapping
	ExposurePayload setGroupCreditLimit(@Argument SetGroupCreditLimitInput input) {
		return Payloads.run(() -> this.accounts.setGroupLimit(input), ExposurePayload::new);
	}

	@MutationMapping
	ReconciliationPayload reconcileExposure(@Argument Map<String, Object> input) {
		return Payloads.run(() -> this.accounts.reconcile((String) input.get("customerId"), Boolean.TRUE.equals(input.get("fix"))),
				ReconciliationPayload::new);
	}

	record DecisionPayload(Order order, CreditDecision decision, List<UserError> userErrors) {
		static DecisionPayload of(OrderResult result, List<UserError> errors) {
			return (result != null) ? new DecisionPayload(result.order(), result.decision(), errors)
					: new DecisionPayload(null, null, errors);
		}
	}

	record OrderPayload(Order order, List<UserError> userErrors) {
	}

	record InvoicePayload(Invoice invoice, List<UserError> userErrors) {
	}

	record SettlementPayload(Invoice invoice, Money applied, Money discount, Money unapplied, List<UserError> userErrors) {
		static SettlementPayload of(Settlement s, List<UserError> errors) {
			return (s != null) ? new SettlementPayload(s.invoice(), s.applied(), s.discount(), s.unapplied(), errors)
					: new SettlementPayload(null, null, null, null, errors);
		}
	}

	record SecurityPayload(CreditSecurity security, List<UserError> userErrors) {
	}

	record ExposurePayload(Exposure exposure, List<UserError> userErrors) {
	}

	record ReconciliationPayload(Reconciliation reconciliation, List<UserError> userErrors) {
	}

}
