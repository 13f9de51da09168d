package io.creditdesk.scoring.training;

import java.util.Locale;

/** The trainers a data scientist can choose from. */
public enum TrainerKind {

	/**
	 * Logistic regression on the most recent month's delay status alone: the trivial rule
	 * of thumb ("is the customer late now?") that every real model must clearly beat.
	 */
	BASELINE,
	/** Logistic regression on standardized features (AdaGrad SGD). */
	LOGISTIC,
	/** Gradient-boosted trees (XGBoost). */
	XGBOOST;

	public static TrainerKind parse(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(
					"unknown trainer '" + name + "'; expected baseline, logistic or xgboost");
		}
	}

	public String cliName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
