package io.creditdesk.scoring.model;

import java.util.List;

/**
 * The result of scoring one customer.
 *
 * @param customerId the customer scored
 * @param probability probability of serious delinquency or default within the horizon
 * @param grade the {@link RiskGrade} for the probability
 * @param reasons the features that pushed the score most, strongest first (empty for the
 * baseline model)
 */
public record Score(String customerId, double probability, RiskGrade grade, List<ReasonCode> reasons) {

	public Score {
		reasons = List.copyOf(reasons);
	}
}
