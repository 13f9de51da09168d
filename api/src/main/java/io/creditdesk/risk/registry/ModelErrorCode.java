package io.creditdesk.risk.registry;

import io.creditdesk.common.ErrorCode;

/** Why a registry change was refused. */
public enum ModelErrorCode implements ErrorCode {

	/** No model version has this id. */
	MODEL_NOT_FOUND,

	/** The model already has the role it was proposed for. */
	MODEL_ALREADY_IN_ROLE,

	/** The champion cannot become challenger; promote another champion first. */
	MODEL_IS_CHAMPION,

	/** The same promotion of the same model is already waiting for approval. */
	PROMOTION_ALREADY_PENDING,

	/** No promotion has this id. */
	PROMOTION_NOT_FOUND,

	/** The promotion was already approved. */
	PROMOTION_ALREADY_DECIDED,

	/** Four eyes: the person who proposed a promotion cannot approve it. */
	PROPOSER_CANNOT_APPROVE,

	/** No former champion to return to. */
	NOTHING_TO_ROLL_BACK,

	/**
	 * The roles changed at the same moment from elsewhere, again and again; try again.
	 */
	REGISTRY_BUSY,

	/**
	 * A model card's text holds raw HTML or a link to a script or inline data: a card is
	 * markdown without raw HTML ({@link CardMarkup}).
	 */
	MARKUP_NOT_ALLOWED

}
