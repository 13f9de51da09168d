package io.creditdesk.limitrequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.common.PersonNames;

/**
 * Four eyes on every limit: who may decide a step of a request. The requester never
 * decides their own request; one person decides at most one step of a request (and a step
 * that needs several approvers needs several people); the decider holds the step's role,
 * or a higher one when the policy lets higher roles act for lower steps, or the next
 * level up when the step is escalated and the policy lets the next level take escalated
 * steps.
 * <p>
 * The rules apply to every decision on a step (approve, counter-offer, reject, return): a
 * person who may not approve a step may not decide it another way either.
 *
 * @param higherRoleMayAct whether a higher role may decide a lower step
 * @param escalatedStepToNextLevel whether the next level up may decide an escalated step
 */
public record SegregationOfDuties(boolean higherRoleMayAct, boolean escalatedStepToNextLevel) {

	/**
	 * A decision already taken on the request: who decided which step (0 for the first).
	 */
	public record Decided(int step, String approver) {
	}

	/**
	 * Someone wishing to decide a step.
	 *
	 * @param requester who made the request
	 * @param approver who wants to decide
	 * @param approverRoles the approver roles the person holds
	 * @param step the index of the step, 0 for the first
	 * @param required what the step asks for
	 * @param escalated whether the step is escalated past its due time
	 * @param decided the decisions already taken on the request, every step
	 */
	public record Attempt(String requester, String approver, Set<ApproverRole> approverRoles, int step,
			ApprovalStep required, boolean escalated, List<Decided> decided) {

		public Attempt {
			approverRoles = Set.copyOf(approverRoles);
			decided = List.copyOf(decided);
		}

	}

	/** Why the person may not decide the step; empty when they may. */
	public Optional<Refusal> check(Attempt attempt) {
		if (PersonNames.samePerson(attempt.approver(), attempt.requester())) {
			return refuse(RequestErrorCode.REQUESTER_CANNOT_APPROVE, attempt.approver());
		}
		for (Decided decided : attempt.decided()) {
			if (PersonNames.samePerson(decided.approver(), attempt.approver())) {
				return (decided.step() == attempt.step())
						? refuse(RequestErrorCode.ALREADY_DECIDED_THIS_STEP, attempt.approver(), attempt.step() + 1)
						: refuse(RequestErrorCode.ONE_STEP_PER_APPROVER, attempt.approver(), decided.step() + 1);
			}
		}
		ApproverRole role = attempt.required().role();
		Set<ApproverRole> held = attempt.approverRoles();
		if (held.contains(role)) {
			return Optional.empty();
		}
		if (this.escalatedStepToNextLevel && attempt.escalated() && role.nextUp() != null
				&& held.contains(role.nextUp())) {
			return Optional.empty();
		}
		boolean holdsHigher = held.stream().anyMatch((r) -> r.isAbove(role));
		if (holdsHigher && this.higherRoleMayAct) {
			return Optional.empty();
		}
		if (holdsHigher) {
			return (attempt.escalated() && this.escalatedStepToNextLevel)
					? Optional.of(Refusal.of(RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED.variant("escalated"),
							attempt.step() + 1, role, role.nextUp()))
					: refuse(RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED, attempt.step() + 1, role);
		}
		return refuse(RequestErrorCode.APPROVER_ROLE_REQUIRED, attempt.step() + 1, role, attempt.approver());
	}

	/**
	 * Only the requester withdraws a request or resubmits one returned for information.
	 */
	public Optional<Refusal> checkRequesterAction(String requester, String actor) {
		if (PersonNames.samePerson(requester, actor)) {
			return Optional.empty();
		}
		return refuse(RequestErrorCode.NOT_THE_REQUESTER, requester);
	}

	/**
	 * Only a request a person made is returned to its requester for information: a system
	 * (the review job, risk events, the dynamic limit policy) would never answer, and the
	 * request would block the customer's later ones; its approvers approve or reject it
	 * instead.
	 * @param requester who made the request
	 * @param requesterIsPerson whether that is a person
	 */
	public static Optional<Refusal> checkReturn(String requester, boolean requesterIsPerson) {
		return requesterIsPerson ? Optional.empty() : refuse(RequestErrorCode.REQUESTER_NOT_A_PERSON, requester);
	}

	private static Optional<Refusal> refuse(RequestErrorCode code, Object... figures) {
		return Optional.of(Refusal.of(code, figures));
	}

}
