package io.creditdesk.riskevent;

import io.creditdesk.common.ErrorCode;

/** Why an external risk event was not taken. */
public enum RiskEventErrorCode implements ErrorCode {

	/** The event is not JSON, or a field has the wrong type or form. */
	MALFORMED_EVENT,
	/** The event's schema version is not one this service reads. */
	UNSUPPORTED_EVENT_VERSION,
	/** The event type is not one this service knows. */
	UNKNOWN_EVENT_TYPE,
	/** The event names no customer by tax ID, external reference or bureau id. */
	CUSTOMER_REFERENCE_MISSING,
	/** No customer has the reference the event names. */
	EVENT_CUSTOMER_UNKNOWN,
	/** The shipped risk event rules are read-only; store rules at another level. */
	READ_ONLY_RISK_EVENT_POLICY,
	/** A risk event policy maps the same event type twice. */
	DUPLICATE_RISK_EVENT_RULE,
	/** The bureau reported a kind of change no external event type stands for. */
	UNMAPPED_BUREAU_EVENT

}
