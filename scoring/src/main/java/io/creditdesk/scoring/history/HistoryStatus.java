package io.creditdesk.scoring.history;

/** Whether a customer has a history the model can score. */
public enum HistoryStatus {

	/** Enough months: the history can be scored. */
	AVAILABLE,
	/**
	 * Fewer months than the model needs. Such a customer is not scored (no guess from a
	 * short history); decision rules that use scores must treat it explicitly.
	 */
	INSUFFICIENT_HISTORY

}
