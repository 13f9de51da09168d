package io.creditdesk.scoring.model;

/** Which way a reason moved the score. */
public enum ReasonDirection {

	/** The customer's value of the feature raised the probability of default. */
	RAISES_RISK,
	/** It lowered the probability of default. */
	LOWERS_RISK

}
