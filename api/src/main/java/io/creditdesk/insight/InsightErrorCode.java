package io.creditdesk.insight;

import io.creditdesk.common.ErrorCode;

/** Why a report cannot be computed as asked. */
public enum InsightErrorCode implements ErrorCode {

	/** The period's end is before its start. */
	INVALID_PERIOD,

	/** The period is longer than a report covers. */
	PERIOD_TOO_LONG,

	/** More invoices in the range than one answer holds; ask for a shorter range. */
	TOO_MANY_INVOICES

}
