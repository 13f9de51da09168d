package io.creditdesk.limitrequest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Credit limit requests the system itself makes (origin {@link RequestOrigin#SYSTEM}) for
 * other capabilities: a limit the dynamic limit policy proposes beyond its automatic
 * authority, or a credit budget allocation being applied, becomes a request analysed and
 * routed by the approval matrix like any other (snapshot, pre-analysis, routing), opened
 * the way the review job opens its requests, so no limit changes silently. Like every
 * request they are bound by the rule of one open request per customer: a proposal for a
 * customer with an open request is not opened; an allocation leaves such a customer out
 * (read ahead with {@link #openRequests}, and refused atomically by the claim when its
 * request is opened); an allocation's requests carry its reference, so a caller retried
 * after a crash finds them instead of opening duplicates. For trusted in-process callers,
 * which authorize their own callers.
 */
@Component
public class SystemLimitRequests {

	private static final List<String> OPEN = List.of(RequestStatus.SUBMITTED.name(), RequestStatus.IN_APPROVAL.name(),
			RequestStatus.RETURNED.name());

	private final CreditLimitRequestService requests;

	private final RequestStore store;

	private final LimitApplication application;

	private final MongoTemplate mongo;

	SystemLimitRequests(CreditLimitRequestService requests, RequestStore store, LimitApplication application,
			MongoTemplate mongo) {
		this.requests = requests;
		this.store = store;
		this.application = application;
		this.mongo = mongo;
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
	 * The customer's open request, if it has one: a SYSTEM one or any other, since a
	 * customer has one open request at a time whatever its origin.
	 */
	public Optional<CreditLimitRequest> openFor(String customerId) {
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(Criteria.where("customerId").is(customerId).and("status").in(OPEN))
					.with(Sort.by(Sort.Direction.DESC, "createdAt"))
					.limit(1), CreditLimitRequest.class, RequestStore.COLLECTION));
	}

	/**
	 * The customers among {@code customerIds} that have an open request, each with the
	 * refusal a new request for it gets now ({@code REQUEST_ALREADY_OPEN} on
	 * {@code customerId}, naming the open request, its requested limit and its status):
	 * for a caller that leaves such customers out before it opens anything. A read, not a
	 * claim: opening a request still claims the customer atomically.
	 */
	public Map<String, UserError> openRequests(Collection<String> customerIds) {
		Map<String, UserError> open = new HashMap<>();
		if (customerIds.isEmpty()) {
			return open;
		}
		for (CreditLimitRequest request : this.mongo.find(
				Query.query(Criteria.where("customerId").in(customerIds).and("status").in(OPEN))
					.with(Sort.by(Sort.Direction.ASC, "createdAt")),
				CreditLimitRequest.class, RequestStore.COLLECTION)) {
			open.put(request.customerId(), alreadyOpen(request.id(), request.requestedLimit(), request.status()));
		}
		return open;
	}

	/**
	 * The refusal of a request for a customer whose open request is {@code id}: the
	 * figures {@code CreditLimitRequestService.open} refuses with.
	 */
	private static UserError alreadyOpen(String id, Money requestedLimit, RequestStatus status) {
		return UserError.of(RequestErrorCode.REQUEST_ALREADY_OPEN, "customerId", id, requestedLimit, status);
	}

	/**
	 * Opens an {@code INCREASE} or {@code DECREASE} request for {@code proposed} (in the
	 * customer's credit currency), analysed and routed as any request; one approved
	 * straight through by the pre-analysis is applied at once. A temporary limit stays
	 * temporary: the request carries its end date while that is ahead.
	 * @param justification why, recorded as the request's justification
	 * @param requester who asks (a system name, not a person: the request is never
	 * returned to it)
	 * @param noticeReasons for a decrease, the principal reasons of the customer notice
	 * written with the lower limit once the request is approved (at most four)
	 * @return the request, or empty when the customer already has an open request (a
	 * SYSTEM one, or any other: one at a time per customer)
	 */
	public Optional<CreditLimitRequest> open(String customerId, Money proposed, String justification, String requester,
			List<String> noticeReasons) {
		if (openFor(customerId).isPresent()) {
			return Optional.empty();
		}
		Customer customer = this.requests.customer(customerId, "customerId");
		if (customer.creditLimit() == null || customer.creditLimit().amount() == null) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "creditLimit");
		}
		RequestType type = proposed.isGreaterThan(customer.creditLimit().amount()) ? RequestType.INCREASE
				: RequestType.DECREASE;
		CreditLimitRequest opened;
		try {
			opened = this.requests.open(customer, type, proposed, this.requests.currentValidUntil(customer),
					justification, null, RequestOrigin.SYSTEM, requester,
					(type == RequestType.DECREASE) ? noticeReasons : List.of(), true);
		}
		catch (CreditDeskException ex) {
			if (RequestErrorCode.REQUEST_ALREADY_OPEN.name().equals(ex.code())) {
				// Another request was opened meanwhile.
				return Optional.empty();
			}
			throw ex;
		}
		return Optional.of(this.application.completeIfPending(opened));
	}

	/**
	 * Opens an {@code INCREASE} or {@code DECREASE} request for {@code requested}, unless
	 * the customer already has a SYSTEM request whose justification contains
	 * {@code reference}; with the end date of a temporary limit while that is ahead.
	 * @param customerId the customer
	 * @param requested the limit asked for, in the customer's credit currency
	 * @param justification why, containing {@code reference}
	 * @param reference what makes the request unique for the caller (e.g. an allocation's
	 * id)
	 * @param requester who stands behind the request (the person who applied the caller's
	 * result): segregation of duties keeps them from approving it
	 * @throws CreditDeskException {@code REQUEST_ALREADY_OPEN} on {@code customerId} when
	 * the customer has another open request: one at a time per customer
	 */
	public Opened open(String customerId, Money requested, String justification, String reference, String requester) {
		Optional<CreditLimitRequest> existing = this.store.forCustomer(customerId)
			.stream()
			.filter((r) -> r.origin() == RequestOrigin.SYSTEM && r.justification() != null
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
				this.requests.currentValidUntil(customer), justification, null, RequestOrigin.SYSTEM, requester));
		return new Opened(opened.id(), opened.status(), true);
	}

}
