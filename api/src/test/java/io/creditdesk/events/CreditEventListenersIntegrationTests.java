package io.creditdesk.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.CreditEventsProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one reader of the credit events: every group gets every event, once per group
 * across its members; a record that is no credit event and an event whose handler keeps
 * failing are skipped and counted, and the events after them are still handled. Each test
 * reads as groups of its own (new groups start at the earliest event, so the handlers
 * look only at the events the test published; they are dated long ago, so the service's
 * own notifications leave them alone).
 */
@CreditDeskIntegrationTest
class CreditEventListenersIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Duration QUIET = Duration.ofMillis(1500);

	@Autowired
	private CreditEventListeners listeners;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private MeterRegistry meters;

	private final String run = UUID.randomUUID().toString();

	private final List<CreditEventListeners.Reader> readers = new ArrayList<>();

	@AfterEach
	void closeReaders() {
		this.readers.forEach(CreditEventListeners.Reader::close);
	}

	@Test
	void twoGroupsEachSeeEveryEvent() throws Exception {
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		read(group("first"), collect(first));
		read(group("second"), collect(second));

		List<String> published = publishToEveryPartition();

		awaitTrue(() -> first.containsAll(published) && second.containsAll(published));
		Thread.sleep(QUIET.toMillis());
		assertThat(first).containsExactlyInAnyOrderElementsOf(published);
		assertThat(second).containsExactlyInAnyOrderElementsOf(published);
	}

	@Test
	void membersOfOneGroupShareTheEventsEachHandledOnce() throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		String groupId = group("shared");
		CreditEventListeners.Reader one = read(groupId, collect(handled));
		CreditEventListeners.Reader two = read(groupId, collect(handled));
		// Both members hold partitions before anything is published: no rebalance hands
		// an event to the other member meanwhile.
		int partitions = partitions();
		awaitTrue(() -> one.assignedPartitions() > 0 && two.assignedPartitions() > 0
				&& one.assignedPartitions() + two.assignedPartitions() == partitions);

		List<String> published = publishToEveryPartition();

		awaitTrue(() -> handled.containsAll(published));
		Thread.sleep(QUIET.toMillis());
		assertThat(handled).containsExactlyInAnyOrderElementsOf(published);
	}

	@Test
	void aRecordThatIsNoCreditEventIsSkippedAndCounted() throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		String groupId = group("malformed");
		read(groupId, collect(handled));
		// Caught up with the topic's history (which may hold malformed records of its
		// own) on every partition.
		List<String> caughtUp = publishToEveryPartition();
		awaitTrue(() -> handled.containsAll(caughtUp));
		double before = skipped(groupId, "malformed");

		String key = "reader-" + this.run;
		this.kafka.send(CreditEventsProbe.TOPIC, key, "this is no JSON").join();
		this.kafka.send(CreditEventsProbe.TOPIC, key, "{\"type\":\"CustomerStatusChanged\"}").join();
		String next = publish(key);

		awaitTrue(() -> handled.contains(next));
		assertThat(skipped(groupId, "malformed")).isEqualTo(before + 2);
		assertThat(skipped(groupId, "failed")).isZero();
	}

	@Test
	void aFailingHandlerIsRetriedABoundedNumberOfTimesThenTheEventIsSkipped() throws Exception {
		String key = "reader-" + this.run;
		String failing = UUID.randomUUID().toString();
		Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
		String groupId = group("failing");
		read(groupId, event -> {
			if (event.eventId().equals(failing) || attempts.containsKey(event.eventId())) {
				attempts.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
			}
			if (event.eventId().equals(failing)) {
				throw new IllegalStateException("the store is away");
			}
		});

		publish(key, failing);
		String next = UUID.randomUUID().toString();
		attempts.put(next, new AtomicInteger());
		publish(key, next);

		awaitTrue(() -> attempts.get(next).get() == 1);
		Thread.sleep(QUIET.toMillis());
		assertThat(attempts.get(failing)).hasValue(CreditEventListeners.ATTEMPTS);
		assertThat(attempts.get(next)).hasValue(1);
		assertThat(skipped(groupId, "failed")).isEqualTo(1);
	}

	private CreditEventListeners.Reader read(String groupId, Consumer<CreditEvent> handler) {
		CreditEventListeners.Reader reader = this.listeners
			.read(new CreditEventGroup("test-" + groupId, groupId, true, handler));
		this.readers.add(reader);
		return reader;
	}

	private String group(String name) {
		return "test-reader-" + name + "-" + this.run;
	}

	/** Collects the ids of the events this test published. */
	private Consumer<CreditEvent> collect(List<String> into) {
		return event -> {
			if (event.customerId() != null && event.customerId().startsWith("reader-" + this.run)) {
				into.add(event.eventId());
			}
		};
	}

	private double skipped(String groupId, String reason) {
		Counter counter = this.meters.find(CreditEventListeners.SKIPPED)
			.tag("group", groupId)
			.tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private int partitions() {
		return this.kafka.partitionsFor(CreditEventsProbe.TOPIC).size();
	}

	/** One event on each partition of the topic. */
	private List<String> publishToEveryPartition() {
		List<String> published = new ArrayList<>();
		for (int partition = 0; partition < partitions(); partition++) {
			String eventId = UUID.randomUUID().toString();
			this.kafka.send(CreditEventsProbe.TOPIC, partition, "reader-" + this.run, json(eventId)).join();
			published.add(eventId);
		}
		return published;
	}

	private String publish(String key) {
		return publish(key, UUID.randomUUID().toString());
	}

	private String publish(String key, String eventId) {
		this.kafka.send(CreditEventsProbe.TOPIC, key, json(eventId)).join();
		return eventId;
	}

	/**
	 * An event no capability acts on: a resumed request of an unknown customer, dated
	 * long before any notification's maximum age.
	 */
	private String json(String eventId) {
		String customerId = "reader-" + this.run;
		return """
				{"eventId":"%s","type":"CreditLimitRequestResumed","schemaVersion":1,"occurredAt":"%s",
				 "customerId":"%s","data":{"requestId":"none"}}
				""".formatted(eventId, Instant.parse("2001-01-01T00:00:00Z"), customerId);
	}

	private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(WAIT);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Condition not met within " + WAIT);
			}
			Thread.sleep(50);
		}
	}

}
