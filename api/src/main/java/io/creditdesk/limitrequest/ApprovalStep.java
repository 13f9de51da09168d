package io.creditdesk.limitrequest;

/**
 * One step of an approval route: a role and how many distinct people of it must approve.
 */
public record ApprovalStep(ApproverRole role, int approvers) {

	public ApprovalStep {
		if (role == null) {
			throw new IllegalArgumentException("An approval step needs a role");
		}
		if (approvers < 1) {
			throw new IllegalArgumentException("An approval step needs at least one approver, got " + approvers);
		}
	}

	public static ApprovalStep one(ApproverRole role) {
		return new ApprovalStep(role, 1);
	}

}
