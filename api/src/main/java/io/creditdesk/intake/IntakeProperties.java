package io.creditdesk.intake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order intake ({@code creditdesk.intake.*}).
 *
 * @param enabled start the intake consumers; they also need an {@link OrderGateway} bean
 * @param topics the raw topic of each channel; defaults to {@code orders.raw.<channel>}
 * @param deadLetterSuffix appended to a raw topic to name its dead-letter topic
 * @param groupId the consumer group of the intake
 * @param partitions partitions of the raw and dead-letter topics when the intake creates
 * them
 * @param concurrency consumer threads (each owns some partitions and processes them in
 * order)
 * @param maxAttempts deliveries of a record that fails transiently before it is
 * dead-lettered
 * @param initialBackoff wait before the first retry; doubled (by
 * {@code backoffMultiplier}) up to {@code maxBackoff}
 * @param lagInterval how often consumer lag is measured for the metric and the health
 * @param stallThreshold how long a partition's consumer may hold one record (retrying it,
 * or waiting on the credit check) before the {@code intake} health is DOWN naming the
 * topic, partition and offset
 */
@ConfigurationProperties("creditdesk.intake")
public record IntakeProperties(@DefaultValue("false") boolean enabled, Map<IntakeChannel, String> topics,
		@DefaultValue(".DLT") String deadLetterSuffix, @DefaultValue("creditdesk-intake") String groupId,
		@DefaultValue("6") int partitions, @DefaultValue("4") int concurrency, @DefaultValue("4") int maxAttempts,
		@DefaultValue("1s") Duration initialBackoff, @DefaultValue("2.0") double backoffMultiplier,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("15s") Duration lagInterval,
		@DefaultValue("2m") Duration stallThreshold) {

	public IntakeProperties {
		Map<IntakeChannel, String> all = new EnumMap<>(IntakeChannel.class);
		for (IntakeChannel channel : IntakeChannel.values()) {
			String topic = (topics != null) ? topics.get(channel) : null;
			all.put(channel, (topic != null && !topic.isBlank()) ? topic.trim() : channel.defaultTopic());
		}
		topics = Map.copyOf(all);
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("creditdesk.intake.max-attempts must be at least 1");
		}
		if (stallThreshold == null || stallThreshold.isNegative() || stallThreshold.isZero()) {
			throw new IllegalArgumentException("creditdesk.intake.stall-threshold must be positive");
		}
	}

	public String topic(IntakeChannel channel) {
		return this.topics.get(channel);
	}

	public String deadLetterTopic(IntakeChannel channel) {
		return topic(channel) + this.deadLetterSuffix;
	}

	/** The channel whose raw topic this is, or null. */
	public IntakeChannel channelOf(String topic) {
		return this.topics.entrySet()
			.stream()
			.filter(e -> e.getValue().equals(topic))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

}
