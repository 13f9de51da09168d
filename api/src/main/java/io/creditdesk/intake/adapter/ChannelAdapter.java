package io.creditdesk.intake.adapter;

/** Turns one raw payload of a sales channel into a {@link ChannelOrder}. */
public interface ChannelAdapter {

	/**
	 * Parses one payload.
	 * @throws io.creditdesk.common.CreditDeskException with a stable code (e.g.
	 * {@code MALFORMED_PAYLOAD}, {@code REQUIRED}, {@code CONTROL_CHARACTERS},
	 * {@code LINE_COUNT_MISMATCH}, {@code AMOUNT_OUT_OF_RANGE}), the field and a message
	 * when the payload is not a valid order of this channel
	 */
	ChannelOrder parse(String payload);

	/**
	 * The order number of a payload that {@link #parse} refuses, when it can still be
	 * read (best effort, never throws): it keys the failed record by order, so resends
	 * share one record.
	 */
	default String orderNumberOf(String payload) {
		return null;
	}

}
