package io.creditdesk.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue.Days;

/** A period of whole days, both ends included, in UTC. */
record Period(LocalDate from, LocalDate to) {

	/** The default length of a KPI period. */
	static final int DEFAULT_DAYS = 90;

	/**
	 * The longest period accepted (about ten years), so one request cannot scan without
	 * bound.
	 */
	static final int MAX_DAYS = 3700;

	/**
	 * The given ends, defaulting to the {@value #DEFAULT_DAYS} days ending {@code today}.
	 */
	static Period of(LocalDate from, LocalDate to, LocalDate today) {
		LocalDate end = (to != null) ? to : today;
		LocalDate start = (from != null) ? from : end.minusDays(DEFAULT_DAYS - 1);
		if (start.isAfter(end)) {
			throw CreditDeskException.refuse(InsightErrorCode.INVALID_PERIOD, "from", start, end);
		}
		Period period = new Period(start, end);
		if (period.days() > MAX_DAYS) {
			throw CreditDeskException.refuse(InsightErrorCode.PERIOD_TOO_LONG, "from", new Days(period.days()),
					new Days(MAX_DAYS));
		}
		return period;
	}

	long days() {
		return ChronoUnit.DAYS.between(this.from, this.to) + 1;
	}

	Instant startInstant() {
		return this.from.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/** The first instant after the period. */
	Instant endExclusive() {
		return this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
