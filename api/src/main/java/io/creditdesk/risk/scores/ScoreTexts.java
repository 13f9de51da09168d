package io.creditdesk.risk.scores;

import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.scoring.model.ScoreStatus;

/**
 * A score's sentences in a person's language, from the message catalogue: its
 * {@code explanation} ({@code score.explanation.*}: what it is based on, or why there is
 * none), with the months and the date as the reader writes them.
 */
final class ScoreTexts {

	private ScoreTexts() {
	}

	/**
	 * @param language the reader's language; null for English
	 */
	static String explanation(ScoreView score, Locale language) {
		Phrase months = months(score.historyMonths());
		if (score.status() != ScoreStatus.SCORED) {
			return MessageCatalogue.render(language, "score.explanation.unscored",
					List.of(months, score.asOf(), (long) score.monthsNeeded()));
		}
		return (score.importedMonths() > 0)
				? MessageCatalogue.render(language, "score.explanation.imported",
						List.of(months, score.asOf(), (long) score.importedMonths()))
				: MessageCatalogue.render(language, "score.explanation.scored", List.of(months, score.asOf()));
	}

	private static Phrase months(long count) {
		return Phrase.of((count == 1) ? "unit.months.one" : "unit.months", count);
	}

}
