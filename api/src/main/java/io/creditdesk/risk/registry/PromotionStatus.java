package io.creditdesk.risk.registry;

/** Where a proposed promotion stands. */
public enum PromotionStatus {

	/** Proposed, waiting for a second person's approval. */
	PENDING,

	/** Approved and applied. */
	APPLIED

}
