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
	ALLOCATION_INFEASIBLE,
	/** No credit budget has the id given. */
	BUDGET_NOT_FOUND,
	/** A budget's period ends before it starts. */
	BUDGET_PERIOD_INVALID,
	/** No credit budget allocation has the id given. */
	ALLOCATION_NOT_FOUND,
	/** The allocation cannot be applied: it is still running, or was refused. */
	ALLOCATION_NOT_APPLICABLE,
	/**
	 * A customer's limit or the budget changed since the allocation was computed: it no
	 * longer holds and is computed again.
	 */
	ALLOCATION_STALE

}
