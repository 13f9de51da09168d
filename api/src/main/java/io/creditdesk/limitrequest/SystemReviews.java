package io.creditdesk.limitrequest;

import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.customer.Customer;

import org.springframework.stereotype.Component;

/**
 * Reviews the system opens on its own, for trusted in-process callers (no caller
 * authorization: a Kafka consumer has no user), such as the external risk events: a
 * {@code REVIEW} request with origin {@code SYSTEM}, the current limit as the amount to
 * confirm, pre-analysed and routed like any other request.
 */
@Component
public class SystemReviews {

	private final CreditLimitRequestService requests;

	private final LimitApplication application;

	private final RequestStore store;

	SystemReviews(CreditLimitRequestService requests, LimitApplication application, RequestStore store) {
		this.requests = requests;
		this.application = application;
		this.store = store;
	}

	/**
	 * Opens a {@code REVIEW} of the customer's limit as it is (with its end date while
	 * that is ahead), unless the customer has an open request (of any type or origin: one
	 * at a time per customer, so the open one is decided first) or no limit to review.
	 * @param customerId the customer
	 * @param reason why (the justification of the request)
	 * @param requester who asks, as recorded on the request (e.g. {@code risk-events}): a
	 * system, not a person, so the request is never returned to it
	 * @return the id of the request opened; empty when none was
	 */
	public Optional<String> openReview(String customerId, String reason, String requester) {
		Customer customer = this.requests.customer(customerId, "customerId");
		if (customer.creditLimit() == null || customer.creditLimit().amount() == null
				|| this.store.hasOpen(customer.id())) {
			return Optional.empty();
		}
		CreditLimitRequest opened;
		try {
			opened = this.requests.open(customer, RequestType.REVIEW, customer.creditLimit().amount(),
					this.requests.currentValidUntil(customer), reason, null, RequestOrigin.SYSTEM, requester, List.of(),
					true);
		}
		catch (CreditDeskException ex) {
			if (RequestErrorCode.REQUEST_ALREADY_OPEN.name().equals(ex.code())) {
				// Another request was opened meanwhile.
				return Optional.empty();
			}
			throw ex;
		}
		return Optional.of(this.application.completeIfPending(opened).id());
	}

}
