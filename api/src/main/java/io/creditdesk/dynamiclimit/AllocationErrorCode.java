package io.creditdesk.dynamiclimit;

import io.creditdesk.common.ErrorCode;

/** Why a credit budget allocation was refused. */
public enum AllocationErrorCode implements ErrorCode {

	/** The budget is zero or negative. */
	BUDGET_NOT_POSITIVE,
	/** A share is not a fraction above 0 and at most 1. */
	INVALID_SHARE,
	/** A budget or share names a segment or vertical no customer of the portfolio has. */
	UNKNOWN_SEGMENT,
	/** A customer's lowest allowed limit is above its highest. */
	INVALID_BOUNDS,
	/**
	 * No set of limits satisfies every constraint; the message names the one that cannot
	 * hold.
	 */
	ALLOCATION_INFEASIBLE

}
