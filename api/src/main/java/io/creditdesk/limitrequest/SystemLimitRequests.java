package io.creditdesk.limitrequest;

import java.util.Optional;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;

import org.springframework.stereotype.Service;

/**
 * Opens credit limit requests of origin {@link RequestOrigin#SYSTEM} for other
 * capabilities (a credit budget allocation, score-driven proposals): the same path as a
 * person's request (snapshot, pre-analysis, routing by the approval matrix), so no limit
 * changes silently. Each request carries a caller's reference in its justification, and a
 * second call with the same reference for the same customer finds the first request
 * instead of opening another: a caller that is retried after a crash does not open
 * duplicates.
 */
@Service
public class SystemLimitRequests {

	private final CreditLimitRequestService requests;

	private final RequestStore store;

	private final LimitApplication application;

	SystemLimitRequests(CreditLimitRequestService requests, RequestStore store, LimitApplication application) {
		this.requests = requests;
		this.store = store;
		this.application = application;
	}

	/**
	 * A request opened (or found) for one customer.
	 *
	 * @param requestId the request
	 * @param status where it stands after its pre-analysis
	 * @param created false when a request with the reference existed already
	 */
	public record Opened(String requestId, RequestStatus status, boolean created) {
	}

	/**
	 * Opens an {@code INCREASE} or {@code DECREASE} request for {@code requested}, unless
	 * the customer already has a request whose justification contains {@code reference}.
	 * @param customerId the customer
	 * @param requested the limit asked for, in the customer's credit currency
	 * @param justification why, containing {@code reference}
	 * @param reference what makes the request unique for the caller (e.g. an allocation's
	 * id)
	 * @param requester who stands behind the request (the person who applied the caller's
	 * result): segregation of duties keeps them from approving it
	 */
	public Opened open(String customerId, Money requested, String justification, String reference, String requester) {
		Optional<CreditLimitRequest> existing = this.store.forCustomer(customerId)
			.stream()
			.filter(r -> r.origin() == RequestOrigin.SYSTEM && r.justification() != null
					&& r.justification().contains(reference))
			.findFirst();
		if (existing.isPresent()) {
			return new Opened(existing.get().id(), existing.get().status(), false);
		}
		Customer customer = this.requests.customer(customerId, "customerId");
		Money current = (customer.creditLimit() != null) ? customer.creditLimit().amount() : null;
		RequestType type = (current != null && requested.amount().compareTo(current.amount()) < 0)
				? RequestType.DECREASE : RequestType.INCREASE;
		CreditLimitRequest opened = this.application.completeIfPending(this.requests.open(customer, type, requested,
				null, justification, null, RequestOrigin.SYSTEM, requester));
		return new Opened(opened.id(), opened.status(), true);
	}

}
