package io.creditdesk.ledger;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One reason of a credit decision as stored on the order: its code and the figures the
 * rule compared, as a person reads them ({@code 20000.00 EUR}, {@code 45 days}, an ISO
 * date); null where the reason has no figure (a flag is raised, an approver released) or
 * was decided before figures were kept. Its sentence comes from the message catalogue
 * ({@link ReasonMessages}).
 *
 * @param threshold what the rule allows
 * @param actual what the account or the order has
 * @param setBy the credit policy level that set the threshold, as its policy id
 * ({@code SEGMENT:SMB}, {@code GLOBAL}); null where no policy set it or the reason was
 * decided before it was kept
 */
public record CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual,
		@Nullable String setBy) {

	/**
	 * A reason whose threshold no policy level set (or was decided before it was kept).
	 */
	public CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual) {
		this(code, threshold, actual, null);
	}

	/** A reason without figures. */
	public static CreditReason of(CreditReasonCode code) {
		return new CreditReason(code, null, null);
	}

	/**
	 * A rule's reason as the decision keeps it (its outcome is the decision's status).
	 */
	static CreditReason of(CreditRule.Reason reason) {
		return new CreditReason(reason.code(), reason.threshold(), reason.actual(), reason.setBy());
	}

	/** {@code codes} as reasons without figures. */
	static List<CreditReason> of(List<CreditReasonCode> codes) {
		return codes.stream().map(CreditReason::of).toList();
	}

}
