package io.creditdesk.risk.scores;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoreStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A score's explanation in the reader's language, no Spring context: the sentences of the
 * message catalogue with the months and the date.
 */
class ScoreTextsTests {

	private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

	@Test
	void aScoredCustomersExplanationNamesItsMonthsInEnglishAndGerman() {
		ScoreView imported = view(ScoreStatus.SCORED, 12, 3);
		assertThat(ScoreTexts.explanation(imported, Locale.ENGLISH))
			.isEqualTo("Scored from 12 months of payment history before 2026-06-01 (3 of them imported).");
		assertThat(ScoreTexts.explanation(imported, Locale.GERMAN))
			.isEqualTo("Grundlage des Scores: 12 Monate Zahlungshistorie vor dem 2026-06-01 (davon 3 importiert).");
		assertThat(ScoreTexts.explanation(view(ScoreStatus.SCORED, 7, 0), null))
			.isEqualTo("Scored from 7 months of payment history before 2026-06-01.");
	}

	@Test
	void anUnscoredCustomersExplanationSaysWhatTheModelNeeds() {
		assertThat(ScoreTexts.explanation(view(ScoreStatus.INSUFFICIENT_HISTORY, 1, 0), Locale.ENGLISH)).isEqualTo(
				"Only 1 month of payment history before 2026-06-01; the model needs at least 6, so the customer is not scored.");
		assertThat(ScoreTexts.explanation(view(ScoreStatus.INSUFFICIENT_HISTORY, 2, 0), Locale.GERMAN)).isEqualTo(
				"Nur 2 Monate Zahlungshistorie vor dem 2026-06-01; das Modell braucht mindestens 6, daher wird der Kunde nicht bewertet.");
	}

	private static ScoreView view(ScoreStatus status, int months, int imported) {
		return new ScoreView(status, (status == ScoreStatus.SCORED) ? 0.07 : null,
				(status == ScoreStatus.SCORED) ? RiskGrade.B : null, List.of(), new ScoreView.Model("champion", "1"),
				AS_OF, months, 6, imported, Instant.parse("2026-06-01T01:00:00Z"));
	}

}
