package io.creditdesk.ledger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.common.Connection;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.graphql.Payloads;
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

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Orders over GraphQL: the order queries, a customer's orders, the Finance worklist and
 * the order mutations.
 */
@Controller
class OrderController {

	private final OrderService orders;

	private final OrderWorklist worklist;

	private final OrderStore store;

	private final CustomerService customers;

	private final ReasonMessages reasonMessages;

	OrderController(OrderService orders, OrderWorklist worklist, OrderStore store, CustomerService customers,
			ReasonMessages reasonMessages) {
		this.orders = orders;
		this.worklist = worklist;
		this.store = store;
		this.customers = customers;
		this.reasonMessages = reasonMessages;
	}

	@QueryMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Order order(@Argument String id) {
		return this.orders.find(id).orElse(null);
	}

	@QueryMapping
	Connection<Order> pendingOrders(@Argument OrderFilter filter, @Argument Integer first, @Argument String after) {
		return this.worklist.pending(filter, first, after);
	}

	@SchemaMapping(typeName = "Customer", field = "orders")
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Connection<Order> customerOrders(Customer customer, @Argument OrderStatus status, @Argument Integer first,
			@Argument String after) {
		return this.store.ofCustomer(customer.id(), status, first, after);
	}

	@BatchMapping(typeName = "Order", field = "customer")
	Map<Order, Customer> orderCustomer(List<Order> list) {
		Map<String, Customer> byId = this.customers
			.getAll(list.stream().map(Order::customerId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(Customer::id, Function.identity()));
		return list.stream()
			.collect(Collectors.toMap(Function.identity(), o -> byId.get(o.customerId()), (a, b) -> a,
					LinkedHashMap::new));
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

	/**
	 * The amendment waiting for Finance with what it asks on top of the order: the
	 * increase over the order's amount, in the order's and in the credit currency.
	 */
	@SchemaMapping(typeName = "Order", field = "pendingAmendment")
	WaitingAmendment pendingAmendment(Order order) {
		Order.PendingAmendment a = order.pendingAmendment();
		if (a == null) {
			return null;
		}
		return new WaitingAmendment(a.amount(), a.creditAmount(),
				new Money(a.amount().amount().subtract(order.amount().amount()), a.amount().currency()),
				new Money(a.creditAmount().amount().subtract(order.creditAmount().amount()),
						a.creditAmount().currency()),
				a.reasonCodes(), a.decision(), a.requestedBy(), a.requestedAt());
	}

	/** GraphQL {@code PendingAmendment}. */
	record WaitingAmendment(Money amount, Money creditAmount, Money increase, Money creditIncrease,
			List<CreditReasonCode> reasonCodes, CreditDecision decision, String requestedBy, Instant requestedAt) {
	}

	/**
	 * The reason's sentence in the request's language (its {@code Accept-Language};
	 * English by default).
	 */
	@SchemaMapping(typeName = "CreditReason", field = "message")
	String reasonMessage(CreditReason reason, Locale locale) {
		return this.reasonMessages.message(reason, locale);
	}

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
		return Payloads.run(() -> this.worklist.release(input), DecisionPayload::of);
	}

	@MutationMapping
	OrderPayload rejectOrder(@Argument RejectOrderInput input) {
		return Payloads.run(() -> this.worklist.reject(input), OrderPayload::new);
	}

	record DecisionPayload(Order order, CreditDecision decision, List<UserError> userErrors) {
		static DecisionPayload of(OrderResult result, List<UserError> errors) {
			return (result != null) ? new DecisionPayload(result.order(), result.decision(), errors)
					: new DecisionPayload(null, null, errors);
		}
	}

	record OrderPayload(Order order, List<UserError> userErrors) {
	}

}
