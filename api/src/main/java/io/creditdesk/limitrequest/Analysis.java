package io.creditdesk.limitrequest;

import java.util.List;

/**
 * The pre-analysis of a request: its checklist and what follows from it.
 *
 * @param checks every check, in {@link CheckCode} order
 * @param verdict refused, approved straight through, or routed to approvers
 * @param reasons for a refusal the blocking checks' reasons; otherwise empty
 * @param explanation one sentence on the verdict, from the message catalogue
 * ({@code verdict.<VERDICT>[.<why>]}), rendered in the reader's language
 */
public record Analysis(List<CheckResult> checks, Verdict verdict, List<ReasonCode> reasons, Sentence explanation) {

	public enum Verdict {

		/** A blocking check failed: the request is rejected at once with the reasons. */
		REFUSED,

		/**
		 * Every check passed, below the policy amount, with a good grade: approved
		 * without an approver.
		 */
		STRAIGHT_THROUGH,

		/** Approvers decide, along the approval matrix's route. */
		ROUTED

	}

	public Analysis {
		checks = List.copyOf(checks);
		reasons = List.copyOf(reasons);
	}

	public CheckResult check(CheckCode code) {
		return this.checks.stream()
			.filter((check) -> check.code() == code)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No check " + code));
	}

}
