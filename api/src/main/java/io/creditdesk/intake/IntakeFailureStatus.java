package io.creditdesk.intake;

/** Where a failed intake record stands in the worklist. */
public enum IntakeFailureStatus {

	/** Waiting for someone to fix and replay it, or discard it. */
	OPEN,
	/** Replayed successfully: the order reached the credit check. */
	REPLAYED,
	/** Discarded on purpose, with a reason. */
	DISCARDED

}
