package io.creditdesk.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.CreditEventsProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live stream reads Kafka only while somebody on this instance listens, and a
 * listener gets every event appended after it started listening ({@code listen()}
 * returned), once, none from before.
 */
@CreditDeskIntegrationTest
class CreditEventStreamIntegrationTests {

	private static final Duration QUIET = Duration.ofMillis(1500);

	@Autowired
	private CreditEventStream stream;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private ApplicationEventMulticaster multicaster;

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Test
	void eventsAreReadOnlyWhileSomebodyListens() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<CreditEventReceived>> listener = ApplicationListener
			.forPayload(event -> received.add(event.eventId()));
		this.context.addApplicationListener(listener);
		try {
			// Subscriptions of other tests have ended, and the stream has stopped
			// reading.
			awaitTrue(() -> this.stream.listeners() == 0 && !this.stream.reading(), Duration.ofSeconds(10));

			String before = publish();
			Thread.sleep(QUIET.toMillis());
			assertThat(received).doesNotContain(before);

			String during;
			try (LiveCreditEvents.Listening listening = this.stream.listen()) {
				during = publish();
				awaitTrue(() -> received.contains(during), Duration.ofSeconds(20));
				// Published before anybody listened: not replayed when listening began.
				assertThat(received).doesNotContain(before);
			}
			assertThat(this.stream.listeners()).isZero();
			// (A poll under way when the last listener left may still deliver what it
			// fetched.)
			awaitTrue(() -> !this.stream.reading(), Duration.ofSeconds(5));

			String after = publish();
			Thread.sleep(QUIET.toMillis());
			assertThat(received).doesNotContain(after).containsOnlyOnce(during);

			// Listening again: from the new moment on.
			try (LiveCreditEvents.Listening again = this.stream.listen()) {
				String next = publish();
				awaitTrue(() -> received.contains(next), Duration.ofSeconds(20));
				assertThat(received).doesNotContain(before, after);
			}
		}
		finally {
			this.multicaster.removeApplicationListener(listener);
		}
	}

	/**
	 * Every event appended after {@code listen()} returned is read, once, whatever its
	 * timestamp: on a partition with no event since listening began, and on one where an
	 * event stamped before listening began (a relay's send held up by a retry, another
	 * instance's clock behind) comes before one stamped after. The stream's look-up of
	 * where to start is held back until the events are appended (at most a second): a
	 * stream that looked up where to start only after {@code listen()} returned, by
	 * timestamp, skipped the one stamped before.
	 */
	@Test
	void everyEventAppendedAfterListeningBeganIsReadWhateverItsStamp() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<CreditEventReceived>> listener = ApplicationListener
			.forPayload(event -> received.add(event.eventId()));
		this.context.addApplicationListener(listener);
		CountDownLatch appended = new CountDownLatch(1);
		AtomicBoolean once = new AtomicBoolean();
		try {
			awaitTrue(() -> this.stream.listeners() == 0 && !this.stream.reading(), Duration.ofSeconds(10));
			String before = publish(0, null);
			Thread.sleep(QUIET.toMillis());
			Instant stampedBefore = Instant.now().minusSeconds(1);
			this.stream.beforePositioning(() -> {
				if (once.compareAndSet(false, true)) {
					try {
						appended.await(1, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			});
			try (LiveCreditEvents.Listening listening = this.stream.listen()) {
				List<String> after = List.of(publish(0, null), publish(1, stampedBefore.toEpochMilli()),
						publish(1, null));
				appended.countDown();
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received).containsAll(after));
				Thread.sleep(QUIET.toMillis());
				assertThat(received).doesNotContain(before).containsOnlyOnce(after.toArray(String[]::new));
			}
		}
		finally {
			this.stream.beforePositioning(null);
			this.multicaster.removeApplicationListener(listener);
		}
	}

	private String publish() {
		return publish(null, null);
	}

	/** Publishes an event to {@code partition} (null: by key), stamped (null: now). */
	private String publish(Integer partition, Long timestamp) {
		String eventId = UUID.randomUUID().toString();
		String customerId = "stream-" + eventId;
		String json = """
				{"eventId":"%s","type":"CustomerStatusChanged","schemaVersion":1,"occurredAt":"%s",
				 "customerId":"%s","data":{"customerId":"%s","status":"ACTIVE"}}
				""".formatted(eventId, Instant.now(), customerId, customerId);
		this.kafka.send(new ProducerRecord<>(CreditEventsProbe.TOPIC, partition, timestamp, customerId, json)).join();
		return eventId;
	}

	private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Condition not met within " + timeout);
			}
			Thread.sleep(50);
		}
	}

}
