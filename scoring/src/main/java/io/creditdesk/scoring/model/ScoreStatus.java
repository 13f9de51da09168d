package io.creditdesk.scoring.model;

/** Whether a customer has a score. */
public enum ScoreStatus {

	/** Scored from a history of enough months. */
	SCORED,
	/**
	 * Not scored: fewer months of history than the model needs. There is no probability
	 * and no grade, and rules that use scores must decide what such a customer gets (they
	 * must not read it as a good or a bad score).
	 */
	INSUFFICIENT_HISTORY

}
