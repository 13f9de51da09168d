package io.creditdesk.risk.training;

import io.creditdesk.common.ErrorCode;

/** Why training, a comparison or a training-set export cannot run. */
public enum TrainingErrorCode implements ErrorCode {

	/**
	 * The service's ledger is not available in this build
	 * ({@link io.creditdesk.risk.CustomerLedgers} is missing).
	 */
	LEDGER_UNAVAILABLE,

	/** No customer has a labelled history in the window asked for. */
	NO_LABELLED_HISTORY

}
