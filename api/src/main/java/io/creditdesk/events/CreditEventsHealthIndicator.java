package io.creditdesk.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether credit events leave: the age of the oldest event still waiting in an outbox,
 * per collection and overall (also the gauge {@code creditdesk.events.outbox.oldest.age},
 * seconds), and this instance's last failure to publish. DOWN when an event has waited
 * longer than {@link #STALE}: Kafka is away or no instance drains. Also how many events
 * each consumer group has parked ({@link ParkedCreditEvents}; {@code parkedEvents}, also
 * the gauge {@code creditdesk.events.consumer.parked.waiting}): they wait to be re-driven
 * and leave the health UP.
 */
@Component("creditEventsHealthIndicator")
class CreditEventsHealthIndicator extends AbstractHealthIndicator {

	static final Duration STALE = Duration.ofMinutes(2);

	private final MongoTemplate mongo;

	private final Outbox outbox;

	private final OutboxRelay relay;

	private final CreditEventsProperties properties;

	private final Clock clock;

	private final ParkedCreditEvents parked;

	CreditEventsHealthIndicator(MongoTemplate mongo, Outbox outbox, OutboxRelay relay,
			CreditEventsProperties properties, Clock clock, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ParkedCreditEvents> parked) {
		super("Credit events health check failed");
		this.mongo = mongo;
		this.outbox = outbox;
		this.relay = relay;
		this.properties = properties;
		this.clock = clock;
		this.parked = parked.getIfAvailable();
		meters.ifAvailable(registry -> Gauge
			.builder("creditdesk.events.outbox.oldest.age", this, CreditEventsHealthIndicator::oldestAgeSeconds)
			.description("Seconds the oldest credit event has waited in an outbox (0 when none waits)")
			.baseUnit("seconds")
			.register(registry));
		if (this.parked != null) {
			meters.ifAvailable(registry -> Gauge
				.builder("creditdesk.events.consumer.parked.waiting", this, CreditEventsHealthIndicator::parkedCount)
				.description("Credit events parked by consumer groups, waiting to be re-driven")
				.register(registry));
		}
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> waiting = new LinkedHashMap<>();
		Duration oldest = Duration.ZERO;
		for (String collection : this.outbox.collections()) {
			Duration age = oldestIn(collection);
			waiting.put(collection, age.toMillis() / 1000.0);
			oldest = (age.compareTo(oldest) > 0) ? age : oldest;
		}
		builder.withDetail("topics", this.properties.allTopics())
			.withDetail("relayOnThisInstance", this.properties.relayEnabled())
			.withDetail("oldestWaitingSeconds", waiting);
		if (this.parked != null) {
			builder.withDetail("parkedEvents", this.parked.counts());
		}
		String error = this.relay.lastError();
		if (error != null) {
			builder.withDetail("lastError", error);
		}
		if (oldest.compareTo(STALE) > 0) {
			builder.down()
				.withDetail("reason", "Credit events have waited " + oldest.toSeconds() + " s to be published"
						+ ((error != null) ? ": " + error : " (is any instance running the relay?)"));
		}
		else {
			builder.up();
		}
	}

	private double oldestAgeSeconds() {
		try {
			return this.outbox.collections()
				.stream()
				.map(this::oldestIn)
				.max(Duration::compareTo)
				.orElse(Duration.ZERO)
				.toMillis() / 1000.0;
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private double parkedCount() {
		try {
			return this.parked.counts().values().stream().mapToLong(Long::longValue).sum();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private Duration oldestIn(String collection) {
		Document first = this.mongo.getCollection(collection)
			.find(new Document(Outbox.SINCE, new Document("$exists", true)))
			.sort(new Document(Outbox.SINCE, 1))
			.projection(new Document(Outbox.SINCE, 1))
			.first();
		if (first == null || !(first.get(Outbox.SINCE) instanceof Date since)) {
			return Duration.ZERO;
		}
		Duration age = Duration.between(since.toInstant(), this.clock.instant());
		return age.isNegative() ? Duration.ZERO : age;
	}

}
