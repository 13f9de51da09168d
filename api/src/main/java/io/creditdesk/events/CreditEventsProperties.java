package io.creditdesk.events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the credit events ({@code creditdesk.events.*}).
 *
 * @param relayEnabled drain the outboxes to Kafka (at most one instance drains at a time)
 * @param streamEnabled read the events back to feed this instance's live subscriptions
 * @param topic the topic every event goes to, keyed by customer id
 * @param topics per event type (schema name, e.g. {@code ExposureChanged}), another topic
 * instead of {@code topic}
 * @param partitions partitions when the service creates the topic
 * @param pollInterval how often the relay looks for new events once it has caught up (it
 * goes on at once only after a full batch): the most an event waits before it is read
 * @param batchSize documents the relay drains per round
 * @param lease how long the relay's lease lasts; the holder renews it by draining in
 * rounds of half of it
 */
@ConfigurationProperties("creditdesk.events")
public record CreditEventsProperties(@DefaultValue("true") boolean relayEnabled,
		@DefaultValue("true") boolean streamEnabled, @DefaultValue("creditdesk.credit-events") String topic,
		Map<String, String> topics, @DefaultValue("6") int partitions, @DefaultValue("100ms") Duration pollInterval,
		@DefaultValue("500") int batchSize, @DefaultValue("30s") Duration lease) {

	public CreditEventsProperties {
		topics = (topics != null) ? Map.copyOf(topics) : Map.of();
		for (String type : topics.keySet()) {
			if (CreditEventType.ofSchemaName(type) == null) {
				throw new IllegalArgumentException("creditdesk.events.topics." + type + ": no such event type");
			}
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("creditdesk.events.batch-size must be at least 1");
		}
	}

	/** The topic of events of this type. */
	public String topicOf(String schemaName) {
		return this.topics.getOrDefault(schemaName, this.topic);
	}

	/** Every topic events may go to. */
	public Set<String> allTopics() {
		Set<String> all = new TreeSet<>(this.topics.values());
		all.add(this.topic);
		return all;
	}

}
