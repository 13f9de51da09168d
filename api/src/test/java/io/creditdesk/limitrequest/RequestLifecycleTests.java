package io.creditdesk.limitrequest;

import java.util.HashSet;
import java.util.Set;

import io.creditdesk.common.CreditDeskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestLifecycleTests {

	/**
	 * Every action each status allows, and where it leads (for approvals: not last step,
	 * last step).
	 */
	private static final String ALLOWED = """
			SUBMITTED,   REFUSE,                   REJECTED,      REJECTED
			SUBMITTED,   APPROVE_STRAIGHT_THROUGH, AUTO_APPROVED, AUTO_APPROVED
			SUBMITTED,   ROUTE,                    IN_APPROVAL,   IN_APPROVAL
			SUBMITTED,   WITHDRAW,                 WITHDRAWN,     WITHDRAWN
			IN_APPROVAL, APPROVE_STEP,             IN_APPROVAL,   APPROVED
			IN_APPROVAL, COUNTER_OFFER,            IN_APPROVAL,   APPROVED
			IN_APPROVAL, REJECT,                   REJECTED,      REJECTED
			IN_APPROVAL, RETURN,                   RETURNED,      RETURNED
			IN_APPROVAL, WITHDRAW,                 WITHDRAWN,     WITHDRAWN
			IN_APPROVAL, REANALYSE,                SUBMITTED,     SUBMITTED
			RETURNED,    RESUBMIT,                 IN_APPROVAL,   IN_APPROVAL
			RETURNED,    WITHDRAW,                 WITHDRAWN,     WITHDRAWN
			RETURNED,    REANALYSE,                SUBMITTED,     SUBMITTED
			""";

	@ParameterizedTest(name = "{0} + {1} -> {2} / {3}")
	@CsvSource(textBlock = ALLOWED)
	void allowedActionsAndWhereTheyLead(RequestStatus from, RequestAction action, RequestStatus next,
			RequestStatus nextWhenRouteCompletes) {
		assertThat(RequestLifecycle.allows(from, action)).isTrue();
		assertThat(RequestLifecycle.next(from, action, false)).isEqualTo(next);
		assertThat(RequestLifecycle.next(from, action, true)).isEqualTo(nextWhenRouteCompletes);
	}

	@Test
	void everythingElseIsRefusedWithAStableCode() {
		Set<String> allowed = new HashSet<>();
		ALLOWED.lines()
			.map((line) -> line.split(","))
			.forEach((cells) -> allowed.add(cells[0].trim() + "+" + cells[1].trim()));
		int refused = 0;
		for (RequestStatus status : RequestStatus.values()) {
			for (RequestAction action : RequestAction.values()) {
				if (allowed.contains(status + "+" + action)) {
					continue;
				}
				refused++;
				assertThat(RequestLifecycle.allows(status, action)).as(status + " + " + action).isFalse();
				CreditDeskException ex = catchThrowableOfType(CreditDeskException.class,
						() -> RequestLifecycle.next(status, action, true));
				assertThat(ex).as(status + " + " + action).isNotNull();
				assertThat(ex.code()).as(status + " + " + action)
					.isEqualTo(status.isFinal() ? "REQUEST_ALREADY_DECIDED" : "INVALID_REQUEST_TRANSITION");
			}
		}
		assertThat(refused).isEqualTo(RequestStatus.values().length * RequestAction.values().length - 13);
	}

	@Test
	void aRefusalSaysWhy() {
		assertThat(catchThrowableOfType(CreditDeskException.class,
				() -> RequestLifecycle.next(RequestStatus.RETURNED, RequestAction.APPROVE_STEP, false))
			.errors()
			.get(0)
			.message()).isEqualTo("A request that is RETURNED cannot be approved.");
		assertThat(catchThrowableOfType(CreditDeskException.class,
				() -> RequestLifecycle.next(RequestStatus.APPROVED, RequestAction.WITHDRAW, false))
			.errors()
			.get(0)
			.message()).isEqualTo("The request is APPROVED; a decided request does not change.");
	}

	@Test
	void finalStatuses() {
		assertThat(RequestStatus.values()).filteredOn(RequestStatus::isFinal)
			.containsExactly(RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN,
					RequestStatus.AUTO_APPROVED);
		assertThat(StepStatus.values()).filteredOn(StepStatus::isOpen)
			.containsExactly(StepStatus.PENDING, StepStatus.ESCALATED);
	}

}
