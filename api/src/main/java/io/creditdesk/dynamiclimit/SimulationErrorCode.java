package io.creditdesk.dynamiclimit;

import io.creditdesk.common.ErrorCode;

/** Why a simulation of a limit policy on history was refused or not found. */
public enum SimulationErrorCode implements ErrorCode {

	/** A month that is not written as yyyy-MM. */
	INVALID_MONTH,
	/**
	 * The months cannot be replayed: the first after the last, not over yet, before the
	 * ledger's history, or too many.
	 */
	SIMULATION_RANGE_INVALID,
	/** No customer of the portfolio is in the segment asked for. */
	SIMULATION_SEGMENT_EMPTY,
	/** No simulation has the id. */
	SIMULATION_NOT_FOUND

}
