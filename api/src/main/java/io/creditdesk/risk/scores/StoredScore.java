package io.creditdesk.risk.scores;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.scoring.model.CustomerScore;
import io.creditdesk.scoring.model.ReasonCode;
import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoreStatus;

/**
 * One score as it is stored and read: the customer's current champion or challenger score
 * (in {@code customer_scores}) or a point of its score history (in
 * {@code score_history}).
 *
 * @param status scored, or not for lack of history
 * @param probabilityOfDefault the probability, or null when not scored
 * @param grade the grade, or null when not scored
 * @param reasons the strongest reasons, strongest first (empty when not scored)
 * @param modelName the model's registered name
 * @param modelVersion the model's version
 * @param asOf the history's as-of date: it holds what was dated and booked before it
 * @param historyMonths months of history used (or found, when too few)
 * @param monthsNeeded the minimum the model needs
 * @param importedMonths months that came from imported statements
 * @param scoredAt when it was computed
 */
record StoredScore(ScoreStatus status, Double probabilityOfDefault, RiskGrade grade, List<Reason> reasons,
		String modelName, String modelVersion, LocalDate asOf, int historyMonths, int monthsNeeded, int importedMonths,
		Instant scoredAt) {

	StoredScore {
		reasons = (reasons != null) ? List.copyOf(reasons) : List.of();
	}

	/**
	 * One reason code: the feature, the customer's value and its exact contribution to
	 * the log-odds of default (positive raises the risk).
	 */
	record Reason(String feature, double value, double contribution) {

		ReasonCode code() {
			return new ReasonCode(this.feature, this.value, this.contribution);
		}

	}

	static StoredScore of(CustomerScore score, String modelName, String modelVersion, Instant scoredAt) {
		if (score.status() != ScoreStatus.SCORED) {
			return new StoredScore(score.status(), null, null, List.of(), modelName, modelVersion, score.asOf(),
					score.historyMonths(), score.monthsNeeded(), score.importedMonths(), scoredAt);
		}
		List<Reason> reasons = score.score()
			.reasons()
			.stream()
			.map(r -> new Reason(r.feature(), r.value(), r.contribution()))
			.toList();
		return new StoredScore(score.status(), score.score().probability(), score.score().grade(), reasons, modelName,
				modelVersion, score.asOf(), score.historyMonths(), score.monthsNeeded(), score.importedMonths(),
				scoredAt);
	}

	boolean scored() {
		return this.status == ScoreStatus.SCORED;
	}

}
