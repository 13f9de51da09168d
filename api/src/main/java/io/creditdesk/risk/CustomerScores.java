package io.creditdesk.risk;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * A customer's current score, as other capabilities read it (limit requests, dynamic
 * limits, alerts). The order credit check never reads it: scores are computed in the
 * background, never on the order path.
 */
public interface CustomerScores {

	/** The customer's latest champion score, or empty when it has never been scored. */
	Optional<Current> current(String customerId);

	/**
	 * The latest champion scores of {@code customerIds}, by customer id (a customer never
	 * scored is absent).
	 */
	default Map<String, Current> current(Collection<String> customerIds) {
		Map<String, Current> scores = new HashMap<>();
		for (String id : customerIds) {
			current(id).ifPresent(score -> scores.put(id, score));
		}
		return scores;
	}

	/**
	 * A customer's latest score.
	 *
	 * @param customerId the customer
	 * @param insufficientHistory true when the customer has fewer months than the model
	 * needs: then {@code grade} and {@code probabilityOfDefault} are null (never guessed)
	 * @param grade the risk grade A (best) to E
	 * @param probabilityOfDefault the model's probability of default, 0 to 1
	 * @param modelVersion the version of the model that scored it
	 * @param scoredAt when it was scored
	 * @param riskReasons the features that raised the risk most (the model's actual
	 * contributions to the log-odds of default, positive only), strongest first; empty
	 * when not scored
	 */
	record Current(String customerId, boolean insufficientHistory, RiskGrade grade, Double probabilityOfDefault,
			String modelVersion, Instant scoredAt, List<String> riskReasons) {

		public Current {
			riskReasons = (riskReasons != null) ? List.copyOf(riskReasons) : List.of();
		}

		/** A score without reasons (as read before scores carried them). */
		public Current(String customerId, boolean insufficientHistory, RiskGrade grade, Double probabilityOfDefault,
				String modelVersion, Instant scoredAt) {
			this(customerId, insufficientHistory, grade, probabilityOfDefault, modelVersion, scoredAt, List.of());
		}

	}

}
