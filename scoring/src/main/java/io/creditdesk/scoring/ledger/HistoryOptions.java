package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.history.PaymentHistory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a history is built from ledger facts.
 *
 * @param maxMonths at most this many months are used (6-12)
 * @param minMonths fewer months than this is {@code INSUFFICIENT_HISTORY} (at least 6,
 * the feature definition's minimum, and at most {@code maxMonths})
 * @param zone the zone in which a day begins: a history as of T knows what was booked
 * before T's first instant there
 */
public record HistoryOptions(int maxMonths, int minMonths, ZoneId zone) {

	public HistoryOptions {
		Objects.requireNonNull(zone, "zone");
		if (maxMonths < PaymentHistory.MIN_MONTHS || maxMonths > PaymentHistory.MAX_MONTHS) {
			throw new IllegalArgumentException("history months must be " + PaymentHistory.MIN_MONTHS + " to "
					+ PaymentHistory.MAX_MONTHS + ", was " + maxMonths);
		}
		if (minMonths < PaymentHistory.MIN_MONTHS || minMonths > maxMonths) {
			throw new IllegalArgumentException("the minimum history must be " + PaymentHistory.MIN_MONTHS + " to "
					+ maxMonths + " months, was " + minMonths);
		}
	}

	/** 12 months at most, 6 at least, days in UTC. */
	public static HistoryOptions defaults() {
		return new HistoryOptions(PaymentHistory.MAX_MONTHS, PaymentHistory.MIN_MONTHS, ZoneOffset.UTC);
	}

	public HistoryOptions withZone(ZoneId newZone) {
		return new HistoryOptions(maxMonths, minMonths, newZone);
	}

	/**
	 * The knowledge cut-off of a history as of {@code asOf}: facts booked before this
	 * instant are known.
	 */
	public Instant cutoff(LocalDate asOf) {
		return asOf.atStartOfDay(zone).toInstant();
	}
}
