package io.creditdesk.common;

/**
 * Four eyes are two people's: a decision that a four-eyes or segregation-of-duties rule
 * asks of someone other than the requester (a step of a credit limit request, the release
 * or rejection of a held order, the approval of a model promotion) is taken by a person,
 * never by a machine client (an API key), whatever roles it holds. Each key is a
 * principal of its own ({@code api-key:<id>}), so otherwise one person could create keys
 * with approver roles and take both sides, or every step, alone.
 * <p>
 * The rule is checked before the rules that compare the decider with the requester, the
 * proposer or the one who placed the order, and before the roles a step asks for.
 */
public final class FourEyes {

	private FourEyes() {
	}

	/**
	 * Refuses the decision of {@code decider} on {@code field} with
	 * {@link CommonErrorCode#APPROVER_NOT_A_PERSON} unless a person takes it.
	 */
	public static void requirePerson(Actor decider, String field) {
		if (!decider.person()) {
			throw CreditDeskException.refuse(CommonErrorCode.APPROVER_NOT_A_PERSON, field, decider.name());
		}
	}

}
