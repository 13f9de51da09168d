package io.creditdesk.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.CreditEventsProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.KafkaTemplate;

import static io.creditdesk.GraphQlClients.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one reader of the credit events: every group gets every event, once per group
 * across its members; a record that is no credit event is skipped and counted; an event
 * whose handler keeps failing is parked, the events after it are still handled, and it is
 * handled by a re-drive once its handler recovers. Each test reads as groups of its own
 * (new groups start at the earliest event, so the handlers look only at the events the
 * test published; they are dated long ago, so the service's own notifications leave them
 * alone).
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

	@Autowired
	private ParkedCreditEvents parked;

	@Autowired
	private HttpGraphQlTester graphQl;

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
	}

	@Test
	void aGroupPassesOverRecordsAnnouncingATypeItDoesNotWantWithoutParsingThem() throws Exception {
		List<String> handled = new CopyOnWriteArrayList<>();
		String groupId = group("wants");
		CreditEventListeners.Reader reader = this.listeners.read(new CreditEventGroup("test-" + groupId, groupId, true,
				collect(handled), type -> type == CreditEventType.CREDIT_LIMIT_REQUEST_RESUMED));
		this.readers.add(reader);
		List<String> caughtUp = publishToEveryPartition();
		awaitTrue(() -> handled.containsAll(caughtUp));
		double before = skipped(groupId, "malformed");

		String key = "reader-" + this.run;
		// Announced as an order's decision: neither parsed (it is no JSON) nor handed
		// over.
		sendAnnounced(key, "this is no JSON", "OrderCreditDecided");
		// The header decides: an event announced as a type the group does not want is
		// passed over whatever its body says.
		String passedOver = UUID.randomUUID().toString();
		sendAnnounced(key, json(passedOver), "OrderCreditDecided");
		// Announced as its own type, and without the header (an older producer): handed
		// over.
		String announced = UUID.randomUUID().toString();
		sendAnnounced(key, json(announced), "CreditLimitRequestResumed");
		String unannounced = publish(key);

		awaitTrue(() -> handled.contains(announced) && handled.contains(unannounced));
		assertThat(handled).doesNotContain(passedOver);
		assertThat(skipped(groupId, "malformed")).isEqualTo(before);
	}

	private void sendAnnounced(String key, String value, String type) {
		this.kafka
			.send(new ProducerRecord<>(CreditEventsProbe.TOPIC, null, key, value,
					List.of(new RecordHeader(OutboxRelay.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8)))))
			.join();
	}

	@Test
	void anEventWhoseHandlerFailsLongerThanItsRetriesIsParkedAndHandledOnceTheHandlerRecovers() throws Exception {
		String key = "reader-" + this.run;
		String failing = UUID.randomUUID().toString();
		String next = UUID.randomUUID().toString();
		Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
		List<String> handled = new CopyOnWriteArrayList<>();
		String groupId = group("recovering");
		List<String> seen = new CopyOnWriteArrayList<>();
		// The store is away for every delivery the consumer makes, back afterwards.
		read(groupId, event -> {
			seen.add(event.eventId());
			if (!event.eventId().equals(failing) && !event.eventId().equals(next)) {
				return;
			}
			int attempt = attempts.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
			if (event.eventId().equals(failing) && attempt <= CreditEventListeners.ATTEMPTS) {
				throw new IllegalStateException("the store is away");
			}
			handled.add(event.eventId());
		});

		// Caught up with the topic's history, which may hold malformed records of other
		// tests.
		List<String> caughtUp = publishToEveryPartition();
		awaitTrue(() -> seen.containsAll(caughtUp));
		double malformed = skipped(groupId, "malformed");

		publish(key, failing);
		publish(key, next);

		// The partition goes on past the parked event.
		awaitTrue(() -> handled.contains(next) && this.parked.find(groupId, failing) != null);
		Document parked = this.parked.find(groupId, failing);
		assertThat(parked.getString("handler")).isEqualTo("test-" + groupId);
		assertThat(parked.getString("type")).isEqualTo("CreditLimitRequestResumed");
		assertThat(parked.getString("error")).contains("the store is away");
		assertThat(parked.getInteger("attempts")).isEqualTo(CreditEventListeners.ATTEMPTS);
		assertThat(count(ParkedCreditEvents.PARKED, groupId)).isEqualTo(1);

		// The re-drive (scheduled, or this one) hands it to the recovered handler.
		awaitTrue(() -> {
			this.listeners.redriveParked(groupId, false);
			return handled.contains(failing);
		});
		assertThat(this.parked.find(groupId, failing)).isNull();
		assertThat(attempts.get(failing)).hasValue(CreditEventListeners.ATTEMPTS + 1);
		assertThat(attempts.get(next)).hasValue(1);
		assertThat(skipped(groupId, "malformed")).isEqualTo(malformed);
	}

	@Test
	void aParkedEventThatFailsAgainWaitsLongerAndAnOperatorRedrivesItAtOnce() throws Exception {
		String key = "reader-" + this.run;
		String failing = UUID.randomUUID().toString();
		AtomicBoolean away = new AtomicBoolean(true);
		AtomicInteger attempts = new AtomicInteger();
		String groupId = group("parked");
		read(groupId, event -> {
			if (event.eventId().equals(failing)) {
				attempts.incrementAndGet();
				if (away.get()) {
					throw new IllegalStateException("the store is away");
				}
			}
		});

		publish(key, failing);
		awaitTrue(() -> this.parked.find(groupId, failing) != null);
		awaitTrue(() -> {
			this.listeners.redriveParked(groupId, false);
			return this.parked.find(groupId, failing).getInteger("redrives") > 0;
		});
		Document parked = this.parked.find(groupId, failing);
		assertThat(parked.getInteger("redrives")).isEqualTo(1);
		assertThat(parked.getDate("nextAttemptAt").toInstant())
			.isEqualTo(parked.getDate("lastFailedAt").toInstant().plus(ParkedCreditEvents.FIRST_WAIT));
		List<Map<String, Object>> shown = parkedAsOperatorsSeeThem(groupId);
		assertThat(shown).hasSize(1);
		assertThat(shown.get(0)).containsEntry("eventId", failing)
			.containsEntry("handler", "test-" + groupId)
			.containsEntry("customerId", key)
			.containsEntry("attempts", CreditEventListeners.ATTEMPTS)
			.containsEntry("redrives", 1)
			.containsEntry("error", "IllegalStateException: the store is away");
		assertThat(shown.get(0).get("nextAttemptAt")).isNotNull();
		int before = attempts.get();
		assertThat(this.listeners.redriveParked(groupId, false)).as("not due yet").isZero();
		assertThat(attempts).hasValue(before);

		away.set(false);
		// The operator re-drives the group at once (the event is not due for a minute).
		Map<String, Object> redriven = redriveAsAnOperator(groupId);
		assertThat(redriven).containsEntry("handled", 1).containsEntry("remaining", 0);
		assertThat((List<?>) redriven.get("userErrors")).isEmpty();
		assertThat(this.parked.find(groupId, failing)).isNull();
		assertThat(attempts).hasValue(before + 1);
		assertThat(parkedAsOperatorsSeeThem(groupId)).isEmpty();
	}

	@Test
	void aRedriveOfAGroupNoOneReadsIsRefusedWithItsName() {
		Map<String, Object> refused = redriveAsAnOperator("no-such-group");
		assertThat(refused.get("handled")).isNull();
		assertThat(refused.get("userErrors")).asString()
			.contains("CONSUMER_GROUP_NOT_FOUND")
			.contains("groupId")
			.contains("no-such-group");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> redriveAsAnOperator(String groupId) {
		return as(this.graphQl, "admin")
			.document("mutation($g: String!) { redriveParkedCreditEvents(input: {groupId: $g}) { groupId handled"
					+ " remaining userErrors { code field message } } }")
			.variable("g", groupId)
			.execute()
			.path("redriveParkedCreditEvents")
			.entity(Map.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> parkedAsOperatorsSeeThem(String groupId) {
		return as(this.graphQl, "admin")
			.document("query($g: String) { parkedCreditEvents(groupId: $g) { groupId handler eventId type customerId"
					+ " source attempts redrives error parkedAt lastFailedAt nextAttemptAt } }")
			.variable("g", groupId)
			.execute()
			.path("parkedCreditEvents")
			.entity(List.class)
			.get();
	}

	@Test
	void parkedEventsWaitLongerAfterEachFailedRedriveUpToAnHour() {
		assertThat(ParkedCreditEvents.wait(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(ParkedCreditEvents.wait(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(ParkedCreditEvents.wait(6)).isEqualTo(Duration.ofMinutes(32));
		assertThat(ParkedCreditEvents.wait(7)).isEqualTo(Duration.ofHours(1));
		assertThat(ParkedCreditEvents.wait(1000)).isEqualTo(Duration.ofHours(1));
	}

	private double count(String metric, String groupId) {
		Counter counter = this.meters.find(metric).tag("group", groupId).counter();
		return (counter != null) ? counter.count() : 0;
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
