package io.creditdesk.limitrequest;

import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Credit limit requests the system itself makes (origin {@link RequestOrigin#SYSTEM}): a
 * limit the dynamic limit policy proposes beyond its automatic authority becomes a
 * request analysed and routed by the approval matrix like any other, opened the way the
 * review job opens its requests. At most one SYSTEM request per customer is open at a
 * time. For trusted in-process callers, which authorize their own callers.
 */
@Component
public class SystemLimitRequests {

	private static final List<String> OPEN = List.of(RequestStatus.SUBMITTED.name(), RequestStatus.IN_APPROVAL.name(),
			RequestStatus.RETURNED.name());

	private final CreditLimitRequestService requests;

	private final LimitApplication application;

	private final MongoTemplate mongo;

	SystemLimitRequests(CreditLimitRequestService requests, LimitApplication application, MongoTemplate mongo) {
		this.requests = requests;
		this.application = application;
		this.mongo = mongo;
	}

	/** The customer's open SYSTEM request, if it has one. */
	public Optional<CreditLimitRequest> openFor(String customerId) {
		return Optional.ofNullable(this.mongo.findOne(Query
			.query(Criteria.where("customerId")
				.is(customerId)
				.and("origin")
				.is(RequestOrigin.SYSTEM.name())
				.and("status")
				.in(OPEN))
			.with(Sort.by(Sort.Direction.DESC, "createdAt"))
			.limit(1), CreditLimitRequest.class, RequestStore.COLLECTION));
	}

	/**
	 * Opens an {@code INCREASE} or {@code DECREASE} request for {@code proposed} (in the
	 * customer's credit currency), analysed and routed as any request; one approved
	 * straight through by the pre-analysis is applied at once.
	 * @param justification why, recorded as the request's justification
	 * @param requester who asks (a system name)
	 * @return the request, or empty when the customer already has an open SYSTEM request
	 */
	public Optional<CreditLimitRequest> open(String customerId, Money proposed, String justification,
			String requester) {
		if (openFor(customerId).isPresent()) {
			return Optional.empty();
		}
		Customer customer = this.requests.customer(customerId, "customerId");
		if (customer.creditLimit() == null || customer.creditLimit().amount() == null) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "creditLimit");
		}
		RequestType type = proposed.isGreaterThan(customer.creditLimit().amount()) ? RequestType.INCREASE
				: RequestType.DECREASE;
		return Optional.of(this.application.completeIfPending(this.requests.open(customer, type, proposed, null,
				justification, null, RequestOrigin.SYSTEM, requester)));
	}

}
