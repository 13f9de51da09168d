package io.creditdesk.intake;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Watches the intake: creates the raw and dead-letter topics when missing, measures the consumer
 * lag per channel (records on the raw topic not yet processed by the intake group) every
 * {@code lag-interval} into the gauge {@code creditdesk.intake.consumer.lag}, and reports the
 * intake in the actuator health ({@code intake}): DOWN when it should run but its consumers do not.
 * Lag is measured in the background, so neither a health call nor a metrics scrape waits on Kafka.
 */
@Component("intakeHealthIndicator")
class IntakeMonitor extends AbstractHealthIndicator implements DisposableBean, SmartInitializingSingleton {

	/** How long the start may wait for a broker to create the topics (a broker that is down only costs this). */
	private static final int START_TIMEOUT_SECONDS = 3;

	private static final Logger log = LoggerFactory.getLogger(IntakeMonitor.class);

	private final IntakeProperties properties;

	private final IntakeConsumers consumers;

	private final Map<IntakeChannel, Long> lag = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "intake-monitor");
		thread.setDaemon(true);
		return thread;
	});

	private final io.creditdesk.infrastructure.SharedKafkaAdminClient kafkaAdmin;

	private volatile boolean topicsReady;

	private volatile String lagProblem;

	IntakeMonitor(IntakeProperties properties, IntakeConsumers consumers,
			ObjectProvider<MeterRegistry> meters, io.creditdesk.infrastructure.SharedKafkaAdminClient kafkaAdmin) {
		super("Intake health check failed");
		this.properties = properties;
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
		}
	}

	/**
	 * Creates the raw and dead-letter topics before the consumers start (they start with the
	 * lifecycle, after this): consumers that subscribed first had the broker auto-create the topics
	 * and logged a warning per consumer and topic on every clean start. A broker that does not answer
	 * here only delays the creation to the first {@link #refresh()}.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (!this.consumers.expected()) {
			return;
		}
		try {
			createTopics(START_TIMEOUT_SECONDS);
		}
		catch (Exception ex) {
			log.debug("Intake topics not created before the consumers start: {}", ex.toString());
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

	/** Creates missing topics once, then measures the lag; failures are reported, and retried next time. */
	void refresh() {
		try {
			if (!this.topicsReady) {
				createTopics(10);
			}
			measureLag();
			this.lagProblem = null;
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.lagProblem = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			log.debug("Cannot measure intake lag yet: {}", this.lagProblem);
		}
	}

	private void createTopics(int timeoutSeconds) throws Exception {
		Set<String> existing = admin().listTopics().names().get(timeoutSeconds, TimeUnit.SECONDS);
		List<NewTopic> missing = new ArrayList<>();
		for (IntakeChannel channel : IntakeChannel.values()) {
			for (String topic : List.of(this.properties.topic(channel), this.properties.deadLetterTopic(channel))) {
				if (!existing.contains(topic)) {
					missing.add(new NewTopic(topic, this.properties.partitions(), (short) 1));
				}
			}
		}
		if (!missing.isEmpty()) {
			admin().createTopics(missing).values().forEach((topic, future) -> {
				try {
					future.get(timeoutSeconds, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					// Created meanwhile by another instance or by auto-creation: fine.
					log.debug("Topic {} not created: {}", topic, ex.getMessage());
				}
			});
		}
		this.topicsReady = true;
	}

	private void measureLag() throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(this.properties.groupId())
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<String, IntakeChannel> byTopic = new HashMap<>();
		this.properties.topics().forEach((channel, topic) -> byTopic.put(topic, channel));
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin().describeTopics(byTopic.keySet()).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
				description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all().get(10,
				TimeUnit.SECONDS);
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
		if (this.consumers.isRunning()) {
			builder.up();
		}
		else {
			builder.down().withDetail("reason", "The intake consumers are not running: " + this.consumers.state());
		}
	}

	private AdminClient admin() {
		return this.kafkaAdmin.client();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
