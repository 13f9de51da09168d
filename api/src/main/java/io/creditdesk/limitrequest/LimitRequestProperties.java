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
 * @param claimLease how long a customer's claim whose request was never inserted (a crash
 * between the claim and the insert) is held for that request before another request takes
 * it over (a claim whose request is decided is taken over at once)
 */
@ConfigurationProperties("creditdesk.limit-requests")
public record LimitRequestProperties(@DefaultValue("Europe/Berlin") ZoneId zone, @DefaultValue("09:00") LocalTime opens,
		@DefaultValue("17:00") LocalTime closes, @DefaultValue("") List<LocalDate> holidays,
		@DefaultValue("30") int renewalLeadDays, @DefaultValue("60s") Duration escalationInterval,
		@DefaultValue("30s") Duration applicationGrace, @DefaultValue("30s") Duration sweepInterval,
		@DefaultValue("0 30 5 * * *") String reviewCron, @DefaultValue("PT1M") Duration claimLease) {

	public LimitRequestProperties {
		// Unset lists may arrive with a null element: an unset setting is an empty one.
		holidays = (holidays != null) ? holidays.stream().filter(Objects::nonNull).toList() : List.of();
		if (claimLease == null || claimLease.isNegative() || claimLease.isZero()) {
			// A claim held for no time at all would be taken over while its request is
			// still being inserted: two open requests for one customer.
			throw new IllegalArgumentException(
					"creditdesk.limit-requests.claim-lease must be a positive duration, not " + claimLease);
		}
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
