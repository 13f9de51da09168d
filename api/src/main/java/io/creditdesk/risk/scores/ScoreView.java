package io.creditdesk.risk.scores;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.creditdesk.scoring.features.FeatureCatalogue;
import io.creditdesk.scoring.model.ReasonCode;
import io.creditdesk.scoring.model.ReasonDirection;
import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoreStatus;

/**
 * A score as the GraphQL type {@code CreditScore} shows it to one caller (contributions
 * only where {@link ScoreVisibility} allows them). Its {@code explanation} is written in
 * the reader's language ({@link ScoreTexts}).
 */
record ScoreView(ScoreStatus status, Double probabilityOfDefault, RiskGrade grade, List<Reason> reasons, Model model,
		LocalDate asOf, int historyMonths, int monthsNeeded, int importedMonths, Instant scoredAt) {

	/**
	 * {@code ScoreReason}; its {@code description} and {@code displayValue} are written
	 * in the reader's language ({@link #description(Locale)},
	 * {@link #displayValue(Locale)}).
	 */
	record Reason(String feature, String description, double value, String displayValue, Double contribution,
			ReasonDirection direction) {

		/** What the feature means in {@code language}, from the feature catalogue. */
		String description(Locale language) {
			return FeatureCatalogue.describe(this.feature, language);
		}

		/** The customer's value as {@code language} reads it. */
		String displayValue(Locale language) {
			return FeatureCatalogue.of(this.feature).format(this.value, language);
		}

	}

	/** {@code ScoreModel}. */
	record Model(String name, String version) {
	}

	static ScoreView of(StoredScore s, boolean contributions) {
		List<Reason> reasons = s.reasons().stream().map(r -> {
			ReasonCode code = r.code();
			return new Reason(code.feature(), code.description(), code.value(), code.displayValue(),
					contributions ? code.contribution() : null, code.riskDirection());
		}).toList();
		return new ScoreView(s.status(), s.probabilityOfDefault(), s.grade(), reasons,
				new Model(s.modelName(), s.modelVersion()), s.asOf(), s.historyMonths(), s.monthsNeeded(),
				s.importedMonths(), s.scoredAt());
	}

}
