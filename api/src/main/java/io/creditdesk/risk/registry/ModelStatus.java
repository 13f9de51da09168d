package io.creditdesk.risk.registry;

/** A model version's role; derived from the registry's one state document. */
public enum ModelStatus {

	/** Registered, not in use. */
	CANDIDATE,

	/** Scored in shadow beside the champion; never used for decisions. */
	CHALLENGER,

	/** Makes every live score. Exactly one at a time. */
	CHAMPION,

	/** A former champion, kept for rollback. */
	RETIRED

}
