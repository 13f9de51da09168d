package io.creditdesk.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Watches the intake: measures the consumer lag per channel (records on the raw topic not
 * yet processed by the intake group) every {@code lag-interval} into the gauge
 * {@code creditdesk.intake.consumer.lag}, and reports the intake in the actuator health
 * ({@code intake}): DOWN when it should run but its consumers do not (yet: they wait for
 * Kafka), and DOWN with the topic, partition and offset when a partition's consumer has
 * held one record longer than {@code stall-threshold} (the gauge
 * {@code creditdesk.intake.partition.held} shows the longest hold). Lag is measured in
 * the background, so neither a health call nor a metrics scrape waits on Kafka.
 */
@Component("intakeHealthIndicator")
class IntakeMonitor extends AbstractHealthIndicator implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IntakeMonitor.class);

	private final IntakeProperties properties;

	private final IntakeConsumers consumers;

	private final Map<IntakeChannel, Long> lag = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "intake-monitor");
		thread.setDaemon(true);
		return thread;
	});

	private final SharedKafkaAdminClient kafkaAdmin;

	private final Clock clock;

	private volatile String lagProblem;

	IntakeMonitor(IntakeProperties properties, IntakeConsumers consumers, ObjectProvider<MeterRegistry> meters,
			SharedKafkaAdminClient kafkaAdmin, Clock clock) {
		super("Intake health check failed");
		this.properties = properties;
		this.clock = clock;
		this.consumers = consumers;
		this.kafkaAdmin = kafkaAdmin;
		MeterRegistry registry = meters.getIfAvailable();
		if (registry != null) {
			for (IntakeChannel channel : IntakeChannel.values()) {
				Gauge.builder("creditdesk.intake.consumer.lag", this.lag, m -> m.getOrDefault(channel, 0L))
					.description("Records on the channel's raw topic not yet processed by the intake")
					.tag("channel", channel.code())
					.tag("topic", properties.topic(channel))
					.register(registry);
			}
			Gauge
				.builder("creditdesk.intake.partition.held", consumers.progress(),
						progress -> progress.longestHeld().toMillis() / 1000.0)
				.description("The longest any partition's consumer has held one record without placing or"
						+ " dead-lettering it (0 when none is held): above stall-threshold the partition is stalled")
				.baseUnit("seconds")
				.register(registry);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void watch() {
		if (!this.consumers.expected()) {
			return;
		}
		long every = Math.max(1000, this.properties.lagInterval().toMillis());
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Measures the lag once the consumers run (before that Kafka may not even listen, and
	 * a client would only log refused connections); failures are reported, and retried
	 * next time.
	 */
	void refresh() {
		if (!this.consumers.consuming()) {
			return;
		}
		try {
			measureLag();
			this.lagProblem = null;
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.lagProblem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			log.debug("Cannot measure intake lag yet: {}", this.lagProblem);
		}
	}

	private void measureLag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(this.properties.groupId())
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<String, IntakeChannel> byTopic = new HashMap<>();
		this.properties.topics().forEach((channel, topic) -> byTopic.put(topic, channel));
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin().describeTopics(byTopic.keySet())
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS);
		Map<IntakeChannel, Long> measured = new EnumMap<>(IntakeChannel.class);
		for (IntakeChannel channel : IntakeChannel.values()) {
			measured.put(channel, 0L);
		}
		ends.forEach((partition, end) -> {
			OffsetAndMetadata done = committed.get(partition);
			long behind = end.offset() - ((done != null) ? done.offset() : 0L);
			measured.merge(byTopic.get(partition.topic()), Math.max(0, behind), Long::sum);
		});
		this.lag.putAll(measured);
	}

	Map<IntakeChannel, Long> lag() {
		return Map.copyOf(this.lag);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("enabled", this.properties.enabled()).withDetail("state", this.consumers.state());
		Map<String, String> topics = new LinkedHashMap<>();
		this.properties.topics().forEach((channel, topic) -> topics.put(channel.code(), topic));
		builder.withDetail("topics", topics).withDetail("group", this.properties.groupId());
		if (!this.consumers.expected()) {
			builder.up();
			return;
		}
		Map<String, Long> lagByChannel = new LinkedHashMap<>();
		this.lag.forEach((channel, behind) -> lagByChannel.put(channel.code(), behind));
		builder.withDetail("lag", lagByChannel);
		if (this.lagProblem != null) {
			builder.withDetail("lagProblem", this.lagProblem);
		}
		if (!this.consumers.consuming()) {
			builder.down().withDetail("reason", "The intake consumers are not running: " + this.consumers.state());
			return;
		}
		List<PartitionProgress.Held> stalled = this.consumers.progress()
			.heldLongerThan(this.properties.stallThreshold());
		if (stalled.isEmpty()) {
			builder.up();
			return;
		}
		Instant now = this.clock.instant();
		List<Map<String, Object>> details = new ArrayList<>();
		for (PartitionProgress.Held held : stalled) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("topic", held.topic());
			detail.put("partition", held.partition());
			detail.put("offset", held.offset());
			detail.put("heldSeconds", held.heldFor(now).toSeconds());
			detail.put("deliveries", held.deliveries());
			details.add(detail);
		}
		PartitionProgress.Held first = stalled.get(0);
		builder.down()
			.withDetail("stalled", details)
			.withDetail("reason",
					first.topic() + "-" + first.partition() + " has not got past offset " + first.offset() + " for "
							+ first.heldFor(now).toSeconds() + " s (" + first.deliveries() + " deliveries; threshold "
							+ this.properties.stallThreshold().toSeconds() + " s)"
							+ ((stalled.size() > 1) ? ", and " + (stalled.size() - 1) + " more partition(s)" : ""));
	}

	private AdminClient admin() {
		return this.kafkaAdmin.client();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
