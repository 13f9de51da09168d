package io.creditdesk.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one range every date and instant entering the service is held to, whatever the path
 * (the GraphQL {@code Date} and {@code DateTime} scalars, the intake channels' payloads):
 * the years 0001 to 9999. ISO-8601 and {@code java.time} accept years up to
 * &plusmn;999,999,999, which neither date arithmetic ({@code plusDays} overflows) nor the
 * store (BSON dates are milliseconds in a long) can hold: such a value used to reach the
 * service and end in an internal error. Credit business needs no date outside this range.
 */
public final class DateBounds {

	/** The first date accepted. */
	public static final LocalDate FIRST = LocalDate.of(1, 1, 1);

	/** The last date accepted. */
	public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

	private static final Instant FIRST_INSTANT = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();

	private static final Instant END_INSTANT = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

	private DateBounds() {
	}

	/** Whether {@code date} lies within {@link #FIRST} and {@link #LAST}. */
	public static boolean within(LocalDate date) {
		return !date.isBefore(FIRST) && !date.isAfter(LAST);
	}

	/** Whether {@code instant} lies within those days (UTC). */
	public static boolean within(Instant instant) {
		return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(END_INSTANT);
	}

}
