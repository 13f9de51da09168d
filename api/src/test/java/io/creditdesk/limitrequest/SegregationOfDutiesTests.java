package io.creditdesk.limitrequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.creditdesk.limitrequest.SegregationOfDuties.Attempt;
import io.creditdesk.limitrequest.SegregationOfDuties.Decided;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SegregationOfDutiesTests {

	private static final String REQUESTER = "sam";

	/**
	 * Who may decide a step. Columns: the approver and the approver roles they hold; the
	 * step (index and role) and whether it is escalated; who decided which step before
	 * ("step:person"); the two policy switches (higher roles act, escalated steps go to
	 * the next level); the outcome.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					the step's own role                           | ana  | CREDIT_ANALYST                | 0 | CREDIT_ANALYST | false | -          | false | false | OK
					one of several roles held                     | max  | CREDIT_ANALYST,CREDIT_MANAGER | 0 | CREDIT_MANAGER | false | -          | false | false | OK
					the requester, holding the role               | sam  | CREDIT_MANAGER                | 0 | CREDIT_MANAGER | false | -          | false | false | REQUESTER_CANNOT_APPROVE
					the requester, holding a higher role          | sam  | CFO                           | 0 | CREDIT_ANALYST | false | -          | true  | true  | REQUESTER_CANNOT_APPROVE
					the requester, spelled another way            | Sam  | CREDIT_MANAGER                | 0 | CREDIT_MANAGER | false | -          | false | false | REQUESTER_CANNOT_APPROVE
					the first step's approver, spelled another way| MIA  | CREDIT_MANAGER,CFO            | 1 | CFO            | false | 0:mia      | false | false | ONE_STEP_PER_APPROVER
					a second step by the first step's approver    | mia  | CREDIT_MANAGER,CFO            | 1 | CFO            | false | 0:mia      | false | false | ONE_STEP_PER_APPROVER
					an earlier step even with higher roles allowed| mia  | CFO                           | 1 | CFO            | false | 0:mia      | true  | true  | ONE_STEP_PER_APPROVER
					the same approver twice on a two-person step  | mia  | CREDIT_MANAGER                | 0 | CREDIT_MANAGER | false | 0:mia      | false | false | ALREADY_DECIDED_THIS_STEP
					a second, distinct approver on the step       | max  | CREDIT_MANAGER                | 0 | CREDIT_MANAGER | false | 0:mia      | false | false | OK
					the next step by someone new                  | cleo | CFO                           | 1 | CFO            | false | 0:mia      | false | false | OK
					a lower role                                  | ana  | CREDIT_ANALYST                | 0 | CREDIT_MANAGER | false | -          | false | false | APPROVER_ROLE_REQUIRED
					no approver role at all                       | sue  | -                             | 0 | CREDIT_ANALYST | false | -          | true  | true  | APPROVER_ROLE_REQUIRED
					a higher role when the policy does not allow  | mia  | CREDIT_MANAGER                | 0 | CREDIT_ANALYST | false | -          | false | false | HIGHER_ROLE_NOT_ALLOWED
					a higher role when the policy allows          | mia  | CREDIT_MANAGER                | 0 | CREDIT_ANALYST | false | -          | true  | false | OK
					two levels higher when the policy allows      | cleo | CFO                           | 0 | CREDIT_ANALYST | false | -          | true  | false | OK
					the next level on an escalated step, allowed  | mia  | CREDIT_MANAGER                | 0 | CREDIT_ANALYST | true  | -          | false | true  | OK
					the next level on an escalated step, not      | mia  | CREDIT_MANAGER                | 0 | CREDIT_ANALYST | true  | -          | false | false | HIGHER_ROLE_NOT_ALLOWED
					two levels up on an escalated step            | cleo | CFO                           | 0 | CREDIT_ANALYST | true  | -          | false | true  | HIGHER_ROLE_NOT_ALLOWED
					the next level on a step not escalated        | mia  | CREDIT_MANAGER                | 0 | CREDIT_ANALYST | false | -          | false | true  | HIGHER_ROLE_NOT_ALLOWED
					a lower role on an escalated step             | ana  | CREDIT_ANALYST                | 0 | CREDIT_MANAGER | true  | -          | true  | true  | APPROVER_ROLE_REQUIRED
					the CFO on an escalated CFO step              | cleo | CFO                           | 1 | CFO            | true  | 0:mia      | false | true  | OK
					""")
	void whoMayDecideAStep(String situation, String approver, String roles, int step, ApproverRole stepRole,
			boolean escalated, String decided, boolean higherRoleMayAct, boolean escalatedToNextLevel, String outcome) {
		SegregationOfDuties policy = new SegregationOfDuties(higherRoleMayAct, escalatedToNextLevel);
		Attempt attempt = new Attempt(REQUESTER, approver, roles(roles), step, new ApprovalStep(stepRole, 2), escalated,
				decided(decided));
		assertThat(policy.check(attempt).map((refusal) -> refusal.code().name()).orElse("OK")).as(situation)
			.isEqualTo(outcome);
	}

	@Test
	void aRefusalSaysWhoAndWhichStep() {
		Refusal refusal = new SegregationOfDuties(false, false)
			.check(new Attempt(REQUESTER, "mia", Set.of(ApproverRole.CREDIT_MANAGER), 1,
					ApprovalStep.one(ApproverRole.CFO), false, List.of(new Decided(0, "mia"))))
			.orElseThrow();
		assertThat(refusal.message())
			.isEqualTo("mia decided step 1 of this request; one person decides at most one step.");
		assertThat(refusal.toException("requestId").errors().get(0).field()).isEqualTo("requestId");
	}

	@ParameterizedTest
	@CsvSource({ "sam, sam, OK", "sam, SAM, OK", "sam, mia, NOT_THE_REQUESTER" })
	void onlyTheRequesterWithdrawsOrResubmits(String requester, String actor, String outcome) {
		assertThat(new SegregationOfDuties(true, true).checkRequesterAction(requester, actor)
			.map((refusal) -> refusal.code().name())
			.orElse("OK")).isEqualTo(outcome);
	}

	@ParameterizedTest
	@CsvSource({ "sam, true, OK", "review-job, false, REQUESTER_NOT_A_PERSON" })
	void onlyARequestAPersonMadeIsReturnedToTheRequester(String requester, boolean person, String outcome) {
		assertThat(
				SegregationOfDuties.checkReturn(requester, person).map((refusal) -> refusal.code().name()).orElse("OK"))
			.isEqualTo(outcome);
	}

	@Test
	void approverRolesComeFromTheSecurityRolesByName() {
		assertThat(ApproverRole.of(List.of("SALES", "CREDIT_MANAGER", "ADMIN", "CFO")))
			.containsExactlyInAnyOrder(ApproverRole.CREDIT_MANAGER, ApproverRole.CFO);
		assertThat(ApproverRole.CREDIT_ANALYST.nextUp()).isEqualTo(ApproverRole.CREDIT_MANAGER);
		assertThat(ApproverRole.CFO.nextUp()).isNull();
		assertThat(ApproverRole.CFO.isAbove(ApproverRole.CREDIT_ANALYST)).isTrue();
		assertThat(ApproverRole.parse("ceo")).isNull();
	}

	private static Set<ApproverRole> roles(String roles) {
		return (roles == null) ? Set.of()
				: Arrays.stream(roles.split(",")).map(ApproverRole::valueOf).collect(Collectors.toUnmodifiableSet());
	}

	private static List<Decided> decided(String decided) {
		List<Decided> list = new ArrayList<>();
		if (decided != null) {
			for (String entry : decided.split(",")) {
				String[] parts = entry.split(":");
				list.add(new Decided(Integer.parseInt(parts[0].trim()), parts[1].trim()));
			}
		}
		return list;
	}

}
