package io.creditdesk.scoring.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An out-of-time split: the latest as-of months are held out, the model is trained on
 * earlier ones. A training example whose outcome window reaches past the first held-out
 * as-of date is dropped, so nothing the model learns from happened in the period it is
 * judged on.
 *
 * @param training examples with T + horizon on or before {@code holdoutFrom}
 * @param holdout examples with T on or after {@code holdoutFrom}
 * @param holdoutFrom the first held-out as-of date
 * @param dropped examples in neither (their outcome windows overlap the held-out period)
 */
public record OutOfTimeSplit(List<Snapshot> training, List<Snapshot> holdout, LocalDate holdoutFrom, int dropped) {

	public OutOfTimeSplit {
		training = List.copyOf(training);
		holdout = List.copyOf(holdout);
	}

	/**
	 * Holds out the as-of dates in the latest {@code holdoutMonths} months.
	 * @throws IllegalArgumentException when either side would be empty
	 */
	public static OutOfTimeSplit latestMonths(List<Snapshot> snapshots, int holdoutMonths, LabelRule rule) {
		if (holdoutMonths < 1) {
			throw new IllegalArgumentException("hold out at least one month, was " + holdoutMonths);
		}
		LocalDate latest = snapshots.stream()
			.map(Snapshot::asOf)
			.max(LocalDate::compareTo)
			.orElseThrow(() -> new IllegalArgumentException("no examples to split"));
		LocalDate holdoutFrom = latest.minusMonths(holdoutMonths - 1L);
		List<Snapshot> training = new ArrayList<>();
		List<Snapshot> holdout = new ArrayList<>();
		int dropped = 0;
		for (Snapshot s : snapshots) {
			if (!s.asOf().isBefore(holdoutFrom)) {
				holdout.add(s);
			}
			else if (!s.asOf().plusMonths(rule.horizonMonths()).isAfter(holdoutFrom)) {
				training.add(s);
			}
			else {
				dropped++;
			}
		}
		if (training.isEmpty()) {
			throw new IllegalArgumentException("no training examples left before the holdout from " + holdoutFrom
					+ ": the data needs more months before it than the " + rule.horizonMonths() + "-month horizon");
		}
		return new OutOfTimeSplit(training, holdout, holdoutFrom, dropped);
	}
}
