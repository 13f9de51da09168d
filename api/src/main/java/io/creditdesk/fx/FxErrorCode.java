package io.creditdesk.fx;

import io.creditdesk.common.ErrorCode;

/** Why an amount cannot be converted or a rate cannot be recorded. */
public enum FxErrorCode implements ErrorCode {

	/** No exchange rate for the currency pair on or before the date: record one first. */
	FX_RATE_MISSING,

	/** A rate must be more than zero. */
	INVALID_RATE,

	/** A rate converts between two different currencies. */
	SAME_CURRENCY

}
