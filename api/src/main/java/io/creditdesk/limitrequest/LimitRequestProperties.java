package io.creditdesk.limitrequest;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of credit limit requests ({@code creditdesk.limit-requests.*}).
 *
 * @param zone the time zone of business hours and holidays
 * @param opens when a business day starts
 * @param closes when it ends
 * @param holidays dates the business is closed (ISO dates)
 * @param renewalLeadDays days before a limit's valid-until its renewal opens
 * @param escalationInterval how often the escalation job looks for overdue steps
 * @param applicationGrace how long an approved limit may wait for its own completion
 * before the sweeper completes it
 * @param sweepInterval how often the sweeper runs
 * @param reviewCron when the daily review job runs
 */
@ConfigurationProperties("creditdesk.limit-requests")
public record LimitRequestProperties(@DefaultValue("Europe/Berlin") ZoneId zone, @DefaultValue("09:00") LocalTime opens,
		@DefaultValue("17:00") LocalTime closes, @DefaultValue("") List<LocalDate> holidays,
		@DefaultValue("30") int renewalLeadDays, @DefaultValue("60s") Duration escalationInterval,
		@DefaultValue("30s") Duration applicationGrace, @DefaultValue("30s") Duration sweepInterval,
		@DefaultValue("0 30 5 * * *") String reviewCron) {

	public LimitRequestProperties {
		// Unset lists may arrive with a null element: an unset setting is an empty one.
		holidays = (holidays != null) ? holidays.stream().filter(Objects::nonNull).toList() : List.of();
	}

	BusinessCalendar calendar() {
		return new BusinessCalendar(this.zone, this.opens, this.closes, BusinessCalendar.WEEKDAYS,
				Set.copyOf(this.holidays));
	}

	/**
	 * The review schedule: by grade, and before scores exist the given interval (the
	 * review interval of the customer's credit policy).
	 */
	ReviewSchedule reviewSchedule(int monthsWithoutGrade) {
		return new ReviewSchedule(ReviewSchedule.DEFAULT.monthsByGrade(), Map.of(), monthsWithoutGrade,
				this.renewalLeadDays);
	}

}
