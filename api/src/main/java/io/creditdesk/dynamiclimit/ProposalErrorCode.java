package io.creditdesk.dynamiclimit;

import io.creditdesk.common.ErrorCode;

/** Why a stored limit adjustment policy or a proposal was refused. */
public enum ProposalErrorCode implements ErrorCode {

	/**
	 * Limit adjustment policies are set per tier, industry, segment or globally, not per
	 * customer nor on the shipped default.
	 */
	LIMIT_POLICY_LEVEL_NOT_SUPPORTED,

	/** The customer has no approved limit to adjust (its first limit is a request). */
	NO_LIMIT_TO_ADJUST

}
