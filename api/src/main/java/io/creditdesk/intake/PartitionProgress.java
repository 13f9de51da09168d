package io.creditdesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

/**
 * Where each partition's consumer stands: the record it holds (delivered, not yet placed
 * or dead-lettered), since when, and how many deliveries it took so far. The consumer
 * processes a partition one record at a time, so a record held for long holds up
 * everything behind it: that is a stalled partition, which the intake health reports with
 * its topic, partition and offset.
 */
final class PartitionProgress {

	/**
	 * A record a consumer holds.
	 *
	 * @param since the first delivery of this record
	 * @param deliveries deliveries so far (1 on the first)
	 */
	record Held(String topic, int partition, long offset, Instant since, int deliveries) {

		Duration heldFor(Instant now) {
			Duration held = Duration.between(this.since, now);
			return held.isNegative() ? Duration.ZERO : held;
		}

	}

	private final Map<TopicPartition, Held> held = new ConcurrentHashMap<>();

	private final Clock clock;

	PartitionProgress(Clock clock) {
		this.clock = clock;
	}

	/** The record was handed to the listener (again, when it is the one already held). */
	void delivered(String topic, int partition, long offset) {
		Instant now = this.clock.instant();
		this.held.compute(new TopicPartition(topic, partition),
				(key, before) -> (before != null && before.offset() == offset)
						? new Held(topic, partition, offset, before.since(), before.deliveries() + 1)
						: new Held(topic, partition, offset, now, 1));
	}

	/** The record was placed or dead-lettered: the partition has got past it. */
	void passed(String topic, int partition, long offset) {
		this.held.computeIfPresent(new TopicPartition(topic, partition),
				(key, before) -> (before.offset() <= offset) ? null : before);
	}

	/**
	 * The partitions went to another consumer (or this one stopped): they are no longer
	 * held here.
	 */
	void released(Collection<TopicPartition> partitions) {
		partitions.forEach(this.held::remove);
	}

	void releaseAll() {
		this.held.clear();
	}

	/** Deliveries of this record so far; 1 when it is not (or no longer) held. */
	int deliveries(String topic, int partition, long offset) {
		Held record = this.held.get(new TopicPartition(topic, partition));
		return (record != null && record.offset() == offset) ? record.deliveries() : 1;
	}

	/** The records held longer than {@code threshold}, longest first. */
	List<Held> heldLongerThan(Duration threshold) {
		Instant now = this.clock.instant();
		return this.held.values()
			.stream()
			.filter(h -> h.heldFor(now).compareTo(threshold) > 0)
			.sorted(Comparator.comparing(Held::since))
			.toList();
	}

	/** How long the longest-held record has been held; zero when none is. */
	Duration longestHeld() {
		Instant now = this.clock.instant();
		return this.held.values()
			.stream()
			.map(h -> h.heldFor(now))
			.max(Comparator.naturalOrder())
			.orElse(Duration.ZERO);
	}

}
