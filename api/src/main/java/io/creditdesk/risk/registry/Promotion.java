package io.creditdesk.risk.registry;

import java.time.Instant;

/**
 * A proposed change of a model's role, applied when a second person approves it.
 *
 * @param id the promotion's id
 * @param modelId the model to promote
 * @param target the role it gets
 * @param justification why, in the proposer's words
 * @param proposedBy who proposed it
 * @param proposedAt when
 * @param status pending or applied
 * @param approvedBy who approved it (never the proposer)
 * @param approvedAt when
 */
public record Promotion(String id, String modelId, PromotionTarget target, String justification, String proposedBy,
		Instant proposedAt, PromotionStatus status, String approvedBy, Instant approvedAt) {

	Promotion approve(String approver, Instant at) {
		return new Promotion(this.id, this.modelId, this.target, this.justification, this.proposedBy, this.proposedAt,
				PromotionStatus.APPLIED, approver, at);
	}

}
