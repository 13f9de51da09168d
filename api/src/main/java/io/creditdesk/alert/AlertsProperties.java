package io.creditdesk.alert;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alerts ({@code creditdesk.alerts.*}). The utilization thresholds, the
 * overdue amount and the overdue age come from the customer's effective credit policy
 * ({@code alertThresholds}, always with 100 %; {@code maxOverdueAmount};
 * {@code maxOverdueDays}); the rest is set here for every customer.
 *
 * @param evaluate consume the credit events and evaluate alerts on this instance (every
 * instance joins one consumer group, so each event is evaluated by one of them)
 * @param groupId the consumer group
 * @param sweepCron when the daily sweep runs (UTC): expiry, overdue ageing, scores, drift
 * @param sweepLease how long one sweep may hold its lease
 * @param pendingInterval how often alerts a crash left pending are written
 * @param rearmMargin a raised utilization threshold re-arms (and resolves) only below the
 * threshold by this much
 * @param criticalUtilization thresholds at or above this are critical
 * @param oldestOverdueDays the overdue age raising an alert when the policy sets no
 * {@code maxOverdueDays}
 * @param expiryLeadDays days of notice before the limit's valid-until date
 * @param gradeSteps grades worse than the reference that raise an alert
 * @param pdIncrease PD rise over the reference that raises an alert
 * @param maxPsi drift above this PSI raises an alert
 */
@ConfigurationProperties("creditdesk.alerts")
public record AlertsProperties(@DefaultValue("true") boolean evaluate,
		@DefaultValue("creditdesk-alerts") String groupId, @DefaultValue("0 15 3 * * *") String sweepCron,
		@DefaultValue("30m") Duration sweepLease, @DefaultValue("5s") Duration pendingInterval,
		@DefaultValue("0.05") BigDecimal rearmMargin, @DefaultValue("0.95") BigDecimal criticalUtilization,
		@DefaultValue("30") int oldestOverdueDays, @DefaultValue("30") int expiryLeadDays,
		@DefaultValue("1") int gradeSteps, @DefaultValue("0.05") double pdIncrease,
		@DefaultValue("0.25") double maxPsi) {

}
