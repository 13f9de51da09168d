package io.creditdesk.risk.registry;

/** The role a promotion gives a model. */
public enum PromotionTarget {

	CHAMPION, CHALLENGER

}
