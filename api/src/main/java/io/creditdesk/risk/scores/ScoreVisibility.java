package io.creditdesk.risk.scores;

import java.util.Collection;
import java.util.Set;

/**
 * Who sees what of a score: every role that reads customers sees the grade, the
 * probability and the reasons with their direction; the size of each reason's
 * contribution is for credit and data staff, so a caller whose only role is SALES sees it
 * empty (sales talk to customers about their grade, not about the model's weights).
 */
final class ScoreVisibility {

	/**
	 * The roles that see contributions, named: an identity provider's own default roles
	 * ({@code offline_access}, {@code default-roles-<realm>}) beside SALES show nothing.
	 */
	private static final Set<String> SEE_CONTRIBUTIONS = Set.of("ROLE_CREDIT_ANALYST", "ROLE_CREDIT_MANAGER",
			"ROLE_CFO", "ROLE_DATA_SCIENTIST", "ROLE_ADMIN", "ROLE_INTEGRATION");

	private ScoreVisibility() {
	}

	/** True when a caller with these authorities sees the contributions. */
	static boolean contributions(Collection<String> authorities) {
		return authorities.stream().anyMatch(SEE_CONTRIBUTIONS::contains);
	}

}
