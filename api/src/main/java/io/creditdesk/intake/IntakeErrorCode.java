package io.creditdesk.intake;

import io.creditdesk.common.ErrorCode;

/**
 * Why a channel's order record cannot be taken in, or a failed record cannot be replayed.
 */
public enum IntakeErrorCode implements ErrorCode {

	/** The payload cannot be read as the channel's format. */
	MALFORMED_PAYLOAD,

	/** A date in the payload is not a date in the channel's format. */
	MALFORMED_DATE,

	/** An EDI document that is not an X12 850 purchase order. */
	UNSUPPORTED_TRANSACTION,

	/** The declared number of line items differs from the lines present. */
	LINE_COUNT_MISMATCH,

	/** The declared number of segments differs from the segments present. */
	SEGMENT_COUNT_MISMATCH,

	/** An order without lines. */
	NO_LINES,

	/** A line quantity that is not above zero. */
	INVALID_QUANTITY,

	/** The stated total differs from the sum of the lines. */
	AMOUNT_MISMATCH,

	/** No customer has the order's external reference or tax id. */
	UNKNOWN_CUSTOMER,

	/**
	 * No customer has the order's external reference exactly, and several have it
	 * ignoring case (stored before references had to be unique ignoring case), and the
	 * tax id finds no one either: the order names no one customer.
	 */
	AMBIGUOUS_CUSTOMER,

	/** No channel reads the record's topic, or no adapter exists for the channel. */
	UNKNOWN_CHANNEL,

	/** No failed intake record has the given id. */
	INTAKE_FAILURE_NOT_FOUND,

	/** The failed intake record was already replayed or discarded. */
	INTAKE_FAILURE_NOT_OPEN,

	/** No order credit check is wired into the intake: records cannot be replayed. */
	INTAKE_UNAVAILABLE,

	/** The order credit check is unavailable right now; the record stays open. */
	GATEWAY_UNAVAILABLE,

	/** A corrected payload names another order than the failed record. */
	ORDER_ID_CHANGED

}
