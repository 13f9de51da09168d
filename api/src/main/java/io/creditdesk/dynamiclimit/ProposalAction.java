package io.creditdesk.dynamiclimit;

/** What acting on a limit proposal did. */
public enum ProposalAction {

	/** The proposal leaves the limit as it is. */
	NO_CHANGE,

	/**
	 * The effective policy is switched off: the proposal is shown, nothing is applied or
	 * routed.
	 */
	POLICY_DISABLED,

	/**
	 * Within automatic authority (or a severe deterioration): the limit was changed as a
	 * system change.
	 */
	APPLIED,

	/** Beyond automatic authority: a credit limit request of origin SYSTEM was opened. */
	ROUTED,

	/**
	 * The customer already has an open request (a SYSTEM one, or any other: one at a time
	 * per customer): no second one was opened.
	 */
	ALREADY_ROUTED,

	/**
	 * The customer's limit changed while the proposal was made: nothing was done (the
	 * next run proposes again).
	 */
	LIMIT_CHANGED

}
