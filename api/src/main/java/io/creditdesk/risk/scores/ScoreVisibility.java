package io.creditdesk.risk.scores;

import java.util.Collection;

/**
 * Who sees what of a score: every role that reads customers sees the grade, the
 * probability and the reasons with their direction; the size of each reason's
 * contribution is for credit and data staff, so a caller whose only role is SALES sees it
 * empty (sales talk to customers about their grade, not about the model's weights).
 */
final class ScoreVisibility {

	private static final String SALES = "ROLE_SALES";

	private ScoreVisibility() {
	}

	/** True when a caller with these authorities sees the contributions. */
	static boolean contributions(Collection<String> authorities) {
		return authorities.stream().anyMatch(a -> a.startsWith("ROLE_") && !SALES.equals(a));
	}

}
