package io.creditdesk.limitrequest;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.limitrequest.BusinessCalendar.Pause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessCalendarTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** Good Friday and Easter Monday 2026, and Christmas. */
	private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6),
			LocalDate.of(2026, 12, 25));

	private final BusinessCalendar calendar = BusinessCalendar.standard(BERLIN, HOLIDAYS);

	/** Due times without a pause; 2026-03-02 is a Monday. Times are Berlin time. */
	@ParameterizedTest(name = "{0} + {1} {2} -> {3}")
	@CsvSource(textBlock = """
			# start,              amount, unit,  due
			2026-03-02T10:00,     4,      HOURS, 2026-03-02T14:00
			2026-03-02T09:00,     8,      HOURS, 2026-03-02T17:00
			2026-03-02T07:30,     4,      HOURS, 2026-03-02T13:00
			2026-03-02T18:00,     1,      HOURS, 2026-03-03T10:00
			2026-03-06T15:00,     4,      HOURS, 2026-03-09T11:00
			2026-03-07T11:00,     4,      HOURS, 2026-03-09T13:00
			2026-03-02T10:00,     1,      DAYS,  2026-03-03T10:00
			2026-03-05T15:00,     2,      DAYS,  2026-03-09T15:00
			2026-03-06T17:00,     1,      DAYS,  2026-03-09T17:00
			2026-04-02T16:00,     2,      DAYS,  2026-04-08T16:00
			2026-04-02T16:00,     4,      HOURS, 2026-04-07T12:00
			2026-12-24T16:30,     2,      HOURS, 2026-12-28T10:30
			2026-03-27T16:00,     2,      HOURS, 2026-03-30T10:00
			""")
	void dueTimesCountOnlyOpenHours(LocalDateTime start, int amount, BusinessDuration.Unit unit, LocalDateTime due) {
		assertThat(this.calendar.plus(at(start), new BusinessDuration(amount, unit))).isEqualTo(at(due));
	}

	@Test
	void businessTimeBetweenTwoInstantsSkipsNightsWeekendsAndHolidays() {
		assertThat(this.calendar.between(at("2026-03-06T15:00"), at("2026-03-09T11:00")))
			.isEqualTo(Duration.ofHours(4));
		assertThat(this.calendar.between(at("2026-04-02T16:00"), at("2026-04-08T16:00")))
			.isEqualTo(Duration.ofHours(16));
		assertThat(this.calendar.between(at("2026-03-07T00:00"), at("2026-03-08T23:59"))).isZero();
		assertThat(this.calendar.between(at("2026-03-09T11:00"), at("2026-03-06T15:00"))).isZero();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 4, 3))).isFalse();
		assertThat(this.calendar.isBusinessDay(LocalDate.of(2026, 4, 7))).isTrue();
	}

	/**
	 * The SLA clock stands still while the request is returned. The step starts Monday
	 * 2026-03-02 09:00 (or Friday 2026-03-06 15:00) with 4 business hours; pauses are
	 * "from~until" (until "open" while still returned).
	 */
	@ParameterizedTest(name = "{2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					2026-03-02T09:00 | 4 | no pause                                                | -                                                       | 2026-03-02T13:00
					2026-03-02T09:00 | 4 | half an hour returned                                   | 2026-03-02T10:00~2026-03-02T10:30                       | 2026-03-02T13:30
					2026-03-02T09:00 | 4 | returned overnight: 1 h before, 3 h after               | 2026-03-02T10:00~2026-03-03T14:00                       | 2026-03-03T17:00
					2026-03-02T09:00 | 4 | still returned: no due time                             | 2026-03-02T10:00~open                                   | open
					2026-03-02T09:00 | 4 | returned after the due time: no effect                  | 2026-03-02T14:00~2026-03-03T09:00                       | 2026-03-02T13:00
					2026-03-02T09:00 | 4 | returned exactly at the due time: no effect             | 2026-03-02T13:00~2026-03-04T09:00                       | 2026-03-02T13:00
					2026-03-02T09:00 | 4 | returned twice                                          | 2026-03-02T10:00~2026-03-02T11:00,2026-03-02T12:00~2026-03-04T09:00 | 2026-03-04T11:00
					2026-03-06T15:00 | 4 | returned over the weekend                               | 2026-03-06T16:00~2026-03-09T10:00                       | 2026-03-09T13:00
					2026-04-02T16:00 | 16| two days, returned over Easter                          | 2026-04-02T16:30~2026-04-07T09:00                       | 2026-04-08T16:30
					""")
	void theSlaClockPausesWhileTheRequestIsReturned(String start, int hours, String situation, String pauses,
			String due) {
		Optional<Instant> dueAt = this.calendar.dueAt(at(start), BusinessDuration.hours(hours), pauses(pauses));
		if ("open".equals(due)) {
			assertThat(dueAt).as(situation).isEmpty();
		}
		else {
			assertThat(dueAt).as(situation).contains(at(due));
		}
	}

	@Test
	void anotherCalendarKeepsItsOwnHoursDaysAndZone() {
		BusinessCalendar dubai = new BusinessCalendar(ZoneId.of("Asia/Dubai"), LocalTime.of(8, 0), LocalTime.of(14, 0),
				Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
				Set.of());
		// Friday 2026-03-06 13:00 in Dubai (09:00 UTC) + 2 business hours: 1 h on Friday,
		// 1 h on Monday.
		Instant start = LocalDateTime.parse("2026-03-06T13:00").atZone(ZoneId.of("Asia/Dubai")).toInstant();
		assertThat(dubai.plus(start, BusinessDuration.hours(2)))
			.isEqualTo(LocalDateTime.parse("2026-03-09T09:00").atZone(ZoneId.of("Asia/Dubai")).toInstant());
		assertThat(dubai.length(BusinessDuration.days(2))).isEqualTo(Duration.ofHours(12));
	}

	@Test
	void aCalendarThatCannotWorkIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessCalendar(BERLIN, LocalTime.of(17, 0),
				LocalTime.of(9, 0), BusinessCalendar.WEEKDAYS, Set.of()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new BusinessCalendar(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of(), Set.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Pause(at("2026-03-02T10:00"), at("2026-03-02T09:00")));
	}

	private static Instant at(LocalDateTime local) {
		return local.atZone(BERLIN).toInstant();
	}

	private static Instant at(String local) {
		return at(LocalDateTime.parse(local));
	}

	private static List<Pause> pauses(String pauses) {
		List<Pause> list = new ArrayList<>();
		if (pauses == null || pauses.equals("-")) {
			return list;
		}
		for (String pause : pauses.split(",")) {
			String[] ends = pause.trim().split("~");
			list.add(new Pause(at(ends[0]), ends[1].equals("open") ? null : at(ends[1])));
		}
		return list;
	}

}
