package io.creditdesk.limitrequest;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.creditdesk.common.MessageCatalogue.Phrase;

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
			throw Refusal.of(RequestErrorCode.REQUEST_ALREADY_DECIDED, status).toException("requestId");
		}
		if (!allows(status, action)) {
			throw Refusal.of(RequestErrorCode.INVALID_REQUEST_TRANSITION, status, verb(action))
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

	// The past participle of the action, from the catalogue (request.action.<ACTION>).
	private static Phrase verb(RequestAction action) {
		return Phrase.of("request.action." + action.name());
	}

}
