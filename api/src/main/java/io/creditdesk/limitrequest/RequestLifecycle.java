package io.creditdesk.limitrequest;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which action a request allows in which status, and where it leads. Pre-analysis moves a
 * {@code SUBMITTED} request on at once (refused, approved straight through, or routed);
 * approvers act on {@code IN_APPROVAL}; a {@code RETURNED} request waits for its
 * requester, who may resubmit or withdraw; a request whose customer's limit changed
 * meanwhile goes back to {@code SUBMITTED} to be analysed again. Final statuses allow
 * nothing.
 */
public final class RequestLifecycle {

	private static final Map<RequestStatus, Set<RequestAction>> ALLOWED = new EnumMap<>(RequestStatus.class);

	static {
		ALLOWED.put(RequestStatus.SUBMITTED, EnumSet.of(RequestAction.REFUSE, RequestAction.APPROVE_STRAIGHT_THROUGH,
				RequestAction.ROUTE, RequestAction.WITHDRAW));
		ALLOWED.put(RequestStatus.IN_APPROVAL, EnumSet.of(RequestAction.APPROVE_STEP, RequestAction.COUNTER_OFFER,
				RequestAction.REJECT, RequestAction.RETURN, RequestAction.WITHDRAW, RequestAction.REANALYSE));
		ALLOWED.put(RequestStatus.RETURNED,
				EnumSet.of(RequestAction.RESUBMIT, RequestAction.WITHDRAW, RequestAction.REANALYSE));
		for (RequestStatus status : RequestStatus.values()) {
			ALLOWED.putIfAbsent(status, EnumSet.noneOf(RequestAction.class));
		}
	}

	private RequestLifecycle() {
	}

	public static boolean allows(RequestStatus status, RequestAction action) {
		return ALLOWED.get(status).contains(action);
	}

	/**
	 * The status after an action.
	 * @param status the request's status now
	 * @param action what happens
	 * @param completesRoute for an approval, whether it completes the last step of the
	 * route
	 * @throws io.creditdesk.common.CreditDeskException with
	 * {@code REQUEST_ALREADY_DECIDED} on a decided request,
	 * {@code INVALID_REQUEST_TRANSITION} when the status does not allow the action
	 */
	public static RequestStatus next(RequestStatus status, RequestAction action, boolean completesRoute) {
		if (status.isFinal()) {
			throw new Refusal(RequestErrorCode.REQUEST_ALREADY_DECIDED,
					"The request is " + status + "; a decided request does not change.")
				.toException("requestId");
		}
		if (!allows(status, action)) {
			throw new Refusal(RequestErrorCode.INVALID_REQUEST_TRANSITION,
					"A request that is " + status + " cannot be " + verb(action) + ".")
				.toException("requestId");
		}
		return switch (action) {
			case REFUSE, REJECT -> RequestStatus.REJECTED;
			case APPROVE_STRAIGHT_THROUGH -> RequestStatus.AUTO_APPROVED;
			case ROUTE, RESUBMIT -> RequestStatus.IN_APPROVAL;
			case APPROVE_STEP, COUNTER_OFFER -> completesRoute ? RequestStatus.APPROVED : RequestStatus.IN_APPROVAL;
			case RETURN -> RequestStatus.RETURNED;
			case WITHDRAW -> RequestStatus.WITHDRAWN;
			case REANALYSE -> RequestStatus.SUBMITTED;
		};
	}

	private static String verb(RequestAction action) {
		return switch (action) {
			case REFUSE -> "refused by pre-analysis";
			case APPROVE_STRAIGHT_THROUGH -> "approved straight through";
			case ROUTE -> "routed to approvers";
			case APPROVE_STEP -> "approved";
			case COUNTER_OFFER -> "answered with a counter-offer";
			case REJECT -> "rejected";
			case RETURN -> "returned for information";
			case RESUBMIT -> "resubmitted (only a returned request is)";
			case WITHDRAW -> "withdrawn";
			case REANALYSE -> "analysed again";
		};
	}

}
