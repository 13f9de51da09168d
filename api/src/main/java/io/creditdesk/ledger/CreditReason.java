package io.creditdesk.ledger;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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
 * @param total where the amount checked ({@code actual}) is the increase of an order (an
 * amendment), the order's total it is increased to, as {@code actual} reads; null
 * otherwise (the amount checked is the order)
 * @param groupLimit where the reason is the credit group's available credit
 * ({@code EXCEEDS_GROUP_AVAILABLE_CREDIT}), the group limit it is the rest of, in the
 * group parent's currency; null otherwise
 * @param groupExposure likewise the group's exposure the available credit is left by
 */
public record CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual,
		@Nullable String setBy, @Nullable String total, @Nullable String groupLimit, @Nullable String groupExposure) {

	/** The reasons whose {@code actual} is the amount checked. */
	private static final Set<CreditReasonCode> ON_AMOUNT_CHECKED = EnumSet.of(CreditReasonCode.WITHIN_AVAILABLE_CREDIT,
			CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT);

	/**
	 * A reason whose threshold no policy level set (or was decided before it was kept).
	 */
	public CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual) {
		this(code, threshold, actual, null, null);
	}

	/** A reason with a policy level and, on an increase, the order's new total. */
	public CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual,
			@Nullable String setBy, @Nullable String total) {
		this(code, threshold, actual, setBy, total, null, null);
	}

	/** A reason on an order's amount as a whole (not on an increase). */
	public CreditReason(CreditReasonCode code, @Nullable String threshold, @Nullable String actual,
			@Nullable String setBy) {
		this(code, threshold, actual, setBy, null);
	}

	/**
	 * This reason on the increase of an order to {@code total}, when its figure is the
	 * amount checked (the available credit's reasons); any other reason as it is (the
	 * maximum order value, for one, is checked on the order's total).
	 */
	CreditReason onIncreaseTo(String total) {
		return (this.actual != null && ON_AMOUNT_CHECKED.contains(this.code))
				? new CreditReason(this.code, this.threshold, this.actual, this.setBy, total) : this;
	}

	/**
	 * A hold on the credit group's available credit: what the group has available
	 * ({@code threshold}) and what the order needs of it ({@code actual}), with the group
	 * limit and exposure it is left by, all in the group parent's currency.
	 */
	static CreditReason overGroupAvailable(String available, String needed, String groupLimit, String groupExposure) {
		return new CreditReason(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT, available, needed, null, null,
				groupLimit, groupExposure);
	}

	/**
	 * The figures of a refusal for the credit group's available credit, as typed figures:
	 * what the change needs, what the group has available, the group limit and the
	 * group's exposure; none when the reason has no group figures.
	 */
	static Object[] groupFigures(CreditReason reason) {
		if (reason.code() != CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT || reason.threshold() == null
				|| reason.actual() == null || reason.groupLimit() == null || reason.groupExposure() == null) {
			return new Object[0];
		}
		return new Object[] { ReasonFigures.parse(reason.actual()), ReasonFigures.parse(reason.threshold()),
				ReasonFigures.parse(reason.groupLimit()), ReasonFigures.parse(reason.groupExposure()) };
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
