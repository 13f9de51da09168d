package io.creditdesk.limitrequest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Business time for SLAs: open hours on working days in one time zone, minus a
 * configurable list of holidays. An SLA of N business hours ends once the business has
 * been open N hours since the start; N business days are N full business days' worth of
 * open hours, so a step received at 15:00 with two business days is due at 15:00 two
 * business days later. Time while a request is returned to its requester does not count.
 */
public final class BusinessCalendar {

	/** Monday to Friday. */
	public static final Set<DayOfWeek> WEEKDAYS = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

	/**
	 * Enough to walk past any realistic run of closed days, and to stop on a calendar
	 * that never opens.
	 */
	private static final int MAX_DAYS_WALKED = 3660;

	private final ZoneId zone;

	private final LocalTime opens;

	private final LocalTime closes;

	private final Set<DayOfWeek> workingDays;

	private final Set<LocalDate> holidays;

	/**
	 * @param zone the time zone of the business hours and holiday dates
	 * @param opens when a business day starts
	 * @param closes when it ends (after {@code opens}; hours past midnight are not
	 * supported)
	 * @param workingDays the days of the week the business is open
	 * @param holidays dates it is closed although they are working days
	 */
	public BusinessCalendar(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
			Set<LocalDate> holidays) {
		if (zone == null || opens == null || closes == null || workingDays == null || holidays == null) {
			throw new IllegalArgumentException(
					"A business calendar needs a zone, opening hours, working days and holidays");
		}
		if (!opens.isBefore(closes)) {
			throw new IllegalArgumentException("A business day must open before it closes: " + opens + " - " + closes);
		}
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException("A business calendar needs at least one working day");
		}
		this.zone = zone;
		this.opens = opens;
		this.closes = closes;
		this.workingDays = Set.copyOf(workingDays);
		this.holidays = Set.copyOf(holidays);
	}

	/**
	 * Monday to Friday, 09:00 to 17:00, in the given zone, closed on the given holidays.
	 */
	public static BusinessCalendar standard(ZoneId zone, Set<LocalDate> holidays) {
		return new BusinessCalendar(zone, LocalTime.of(9, 0), LocalTime.of(17, 0), WEEKDAYS, holidays);
	}

	public boolean isBusinessDay(LocalDate date) {
		return this.workingDays.contains(date.getDayOfWeek()) && !this.holidays.contains(date);
	}

	/** How long the business is open on a business day. */
	public Duration businessDay() {
		return Duration.between(this.opens, this.closes);
	}

	/** The length of an SLA in business time. */
	public Duration length(BusinessDuration duration) {
		return switch (duration.unit()) {
			case HOURS -> Duration.ofHours(duration.amount());
			case DAYS -> businessDay().multipliedBy(duration.amount());
		};
	}

	/** When an SLA that starts at {@code start} ends, with no pause. */
	public Instant plus(Instant start, BusinessDuration duration) {
		return plus(start, length(duration));
	}

	/**
	 * The instant at which the business has been open {@code businessTime} since
	 * {@code start}.
	 */
	public Instant plus(Instant start, Duration businessTime) {
		if (businessTime.isNegative()) {
			throw new IllegalArgumentException("Business time cannot be negative: " + businessTime);
		}
		Duration remaining = businessTime;
		LocalDate date = LocalDate.ofInstant(start, this.zone);
		for (int walked = 0; walked < MAX_DAYS_WALKED; walked++, date = date.plusDays(1)) {
			if (!isBusinessDay(date)) {
				continue;
			}
			Instant open = max(start, opening(date));
			Instant close = closing(date);
			if (!open.isBefore(close)) {
				continue;
			}
			Duration available = Duration.between(open, close);
			if (remaining.compareTo(available) <= 0) {
				return open.plus(remaining);
			}
			remaining = remaining.minus(available);
		}
		throw new IllegalStateException("No business time for " + MAX_DAYS_WALKED + " days after " + start);
	}

	/**
	 * How long the business was open between two instants (zero when {@code to} is not
	 * after {@code from}).
	 */
	public Duration between(Instant from, Instant to) {
		Duration total = Duration.ZERO;
		if (!to.isAfter(from)) {
			return total;
		}
		LocalDate last = LocalDate.ofInstant(to, this.zone);
		for (LocalDate date = LocalDate.ofInstant(from, this.zone); !date.isAfter(last); date = date.plusDays(1)) {
			if (isBusinessDay(date)) {
				Instant open = max(from, opening(date));
				Instant close = min(to, closing(date));
				if (open.isBefore(close)) {
					total = total.plus(Duration.between(open, close));
				}
			}
		}
		return total;
	}

	/**
	 * A time during which an SLA clock stands still: the request was returned to its
	 * requester.
	 *
	 * @param from when it was returned
	 * @param until when it was resubmitted, or null while it is still returned
	 */
	public record Pause(Instant from, Instant until) {

		public Pause {
			if (from == null) {
				throw new IllegalArgumentException("A pause has a start");
			}
			if (until != null && until.isBefore(from)) {
				throw new IllegalArgumentException("A pause cannot end before it starts: " + from + " - " + until);
			}
		}

	}

	/**
	 * When a step that started at {@code start} is due, its clock paused while the
	 * request was returned. Empty while a pause lasts: the due time is only known once
	 * the clock runs again.
	 */
	public Optional<Instant> dueAt(Instant start, BusinessDuration sla, List<Pause> pauses) {
		List<Pause> ordered = new ArrayList<>(pauses);
		ordered.sort(Comparator.comparing(Pause::from));
		Duration remaining = length(sla);
		Instant cursor = start;
		for (Pause pause : ordered) {
			if (pause.until() != null && !pause.until().isAfter(cursor)) {
				continue;
			}
			Duration running = between(cursor, pause.from());
			if (running.compareTo(remaining) >= 0) {
				break;
			}
			remaining = remaining.minus(running);
			if (pause.until() == null) {
				return Optional.empty();
			}
			cursor = max(cursor, pause.until());
		}
		return Optional.of(plus(cursor, remaining));
	}

	private Instant opening(LocalDate date) {
		return date.atTime(this.opens).atZone(this.zone).toInstant();
	}

	private Instant closing(LocalDate date) {
		return date.atTime(this.closes).atZone(this.zone).toInstant();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	public ZoneId zone() {
		return this.zone;
	}

	public Set<LocalDate> holidays() {
		return this.holidays;
	}

}
