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
	EVENT_CUSTOMER_UNKNOWN

}
