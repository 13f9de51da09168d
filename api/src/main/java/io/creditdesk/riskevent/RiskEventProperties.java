package io.creditdesk.riskevent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the external risk events ({@code creditdesk.risk-events.*}).
 *
 * @param enabled consume the topic
 * @param topic the topic the events arrive on
 * @param deadLetterSuffix appended to the topic to name its dead-letter topic
 * @param groupId the consumer group
 * @param partitions partitions of the topic and its dead-letter topic when the service
 * creates them
 * @param maxAttempts deliveries of an event that fails transiently (the store
 * unavailable) before it is dead-lettered
 * @param initialBackoff wait before the first retry, doubled for each further one
 * @param pollInterval how often the bureau's monitoring feed is pulled (only when a
 * bureau is configured)
 * @param pollPageSize events asked for per pull
 */
@ConfigurationProperties("creditdesk.risk-events")
public record RiskEventProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("risk.events.external") String topic, @DefaultValue(".DLT") String deadLetterSuffix,
		@DefaultValue("creditdesk-risk-events") String groupId, @DefaultValue("3") int partitions,
		@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("5m") Duration pollInterval, @DefaultValue("100") int pollPageSize) {

	public RiskEventProperties {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("creditdesk.risk-events.max-attempts must be at least 1");
		}
		if (pollPageSize < 1 || pollPageSize > 1000) {
			throw new IllegalArgumentException("creditdesk.risk-events.poll-page-size must be 1 to 1000");
		}
	}

	public String deadLetterTopic() {
		return this.topic + this.deadLetterSuffix;
	}

}
