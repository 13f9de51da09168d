package io.creditdesk.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A container starts once Kafka is ready, its topics have leaders and its group's
 * coordinator answers; a stop while waiting ends the waiting thread and starts nothing.
 * Against a real broker, with the service's own readiness check.
 */
class KafkaConsumerStarterTests {

	@TempDir
	static Path dataDir;

	private static EmbeddedKafkaBroker broker;

	private static SharedKafkaAdminClient admin;

	/** What the starter handed to its start action, on which thread. */
	private final AtomicReference<String> startedOn = new AtomicReference<>();

	@BeforeAll
	static void startBroker() {
		broker = TestKafkaBrokers.start(dataDir, 0);
		admin = new SharedKafkaAdminClient(() -> List.of(broker.bootstrapServers()));
	}

	@AfterAll
	static void stopBroker() throws Exception {
		admin.destroy();
		broker.close();
	}

	@Test
	void startsTheContainerOnlyOnceKafkaIsReadyAndTheTopicsHaveLeaders() throws Exception {
		KafkaReadiness kafka = readiness();
		Queue<String> reasons = new ConcurrentLinkedQueue<>();
		AtomicReference<Boolean> readyAtStart = new AtomicReference<>();
		AtomicReference<TopicDescription> topicAtStart = new AtomicReference<>();
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = new KafkaConsumerStarter<>(
				"ready-starter", kafka, List.of(new NewTopic("starter-ready", 2, (short) 1)), "starter-group",
				KafkaConsumerStarter.Backoff.fixed(Duration.ofMillis(100)), new KafkaConsumerStarter.Waiting() {

					@Override
					public void kafkaNotReady(String reason) {
						reasons.add(reason);
					}

					@Override
					public void cannotStartYet(RuntimeException ex) {
						throw new AssertionError("Kafka is ready and the topic valid", ex);
					}

				}, () -> {
					readyAtStart.set(kafka.isReady());
					topicAtStart.set(describe("starter-ready"));
					return container("starter-ready", "starter-group");
				});
		try {
			starter.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
			assertThat(reasons.peek()).as("the readiness check's reason").isEqualTo(kafka.notReadyReason());
			assertThat(this.startedOn.get()).as("nothing started while Kafka is not ready").isNull();
			assertThat(starter.container()).isNull();
			assertThat(starter.consuming()).isFalse();

			kafka.start();
			await().atMost(Duration.ofSeconds(60)).until(starter::consuming);
			assertThat(readyAtStart.get()).as("Kafka was ready when the container started").isTrue();
			assertThat(topicAtStart.get().partitions()).as("the topic existed with its leaders")
				.hasSize(2)
				.allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
			assertThat(this.startedOn.get()).isEqualTo("ready-starter");
			KafkaMessageListenerContainer<String, String> container = starter.container();

			starter.stop();
			assertThat(container.isRunning()).as("the stop stops the container").isFalse();
			assertThat(starter.container()).isNull();
			assertThat(alive("ready-starter")).isZero();
		}
		finally {
			starter.stop();
			kafka.stop();
		}
	}

	@Test
	void aStopWhileKafkaIsNotReadyEndsTheWaitingThreadAndStartsNothing() {
		KafkaReadiness kafka = readiness();
		Queue<String> reasons = new ConcurrentLinkedQueue<>();
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = starter("waiting-starter", kafka,
				"starter-waiting", Duration.ofMillis(100), new KafkaConsumerStarter.Waiting() {

					@Override
					public void kafkaNotReady(String reason) {
						reasons.add(reason);
					}

					@Override
					public void cannotStartYet(RuntimeException ex) {
					}

				});
		try {
			starter.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
			assertThat(alive("waiting-starter")).isOne();

			starter.stop();
			assertThat(alive("waiting-starter")).as("joined").isZero();
			kafka.start();
			assertThat(kafka.awaitReady(Duration.ofSeconds(60))).isTrue();
			assertThat(this.startedOn.get()).isNull();
			assertThat(starter.container()).isNull();
		}
		finally {
			starter.stop();
			kafka.stop();
		}
	}

	@Test
	void aStopDuringTheBackoffInterruptsItAndStartsNothing() {
		KafkaReadiness kafka = readiness();
		kafka.start();
		Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
		// Not a valid topic name: preparing it fails every time, then the starter pauses
		// for an hour.
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = starter("backoff-starter", kafka,
				"not a topic!", Duration.ofHours(1), failures::add);
		try {
			starter.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> !failures.isEmpty());
			assertThat(failures.peek()).hasMessageContaining("not a topic!");
			assertThat(alive("backoff-starter")).isOne();

			starter.stop();
			assertThat(alive("backoff-starter")).as("interrupted in its pause and joined").isZero();
			assertThat(this.startedOn.get()).isNull();
		}
		finally {
			starter.stop();
			kafka.stop();
		}
	}

	@Test
	void aStopWaitsForTheStarterThreadToEnd() throws Exception {
		KafkaReadiness kafka = readiness();
		kafka.start();
		CountDownLatch reporting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean reported = new AtomicBoolean();
		// The owner's report is still running when the stop comes, and goes on after the
		// interrupt until the test releases it.
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = starter("joined-starter", kafka,
				"not a topic!", Duration.ofMillis(100), ex -> {
					reporting.countDown();
					awaitUninterruptibly(release);
					reported.set(true);
				});
		Thread stopper = new Thread(starter::stop, "stopper");
		try {
			starter.start();
			assertThat(reporting.await(60, TimeUnit.SECONDS)).isTrue();
			stopper.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> stopper.getState() == Thread.State.TIMED_WAITING
						|| stopper.getState() == Thread.State.TERMINATED);
			assertThat(stopper.getState()).as("the stop waits for the starter thread")
				.isEqualTo(Thread.State.TIMED_WAITING);

			release.countDown();
			stopper.join(10_000);
			assertThat(stopper.isAlive()).isFalse();
			assertThat(reported).isTrue();
			assertThat(alive("joined-starter")).isZero();
			assertThat(this.startedOn.get()).isNull();
		}
		finally {
			release.countDown();
			starter.stop();
			kafka.stop();
		}
	}

	@Test
	void startsOnceAndNotAfterTheStop() {
		KafkaReadiness kafka = readiness();
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = starter("once-starter", kafka,
				"starter-once", Duration.ofMillis(100), ex -> {
				});
		try {
			starter.start();
			assertThatIllegalStateException().isThrownBy(starter::start).withMessageContaining("started already");
			assertThat(alive("once-starter")).as("one waiting thread").isOne();

			starter.stop();
			assertThatIllegalStateException().isThrownBy(starter::start).withMessageContaining("stopped already");
			assertThat(alive("once-starter")).isZero();
			assertThat(this.startedOn.get()).isNull();
		}
		finally {
			starter.stop();
			kafka.stop();
		}
	}

	@Test
	void aStarterStoppedBeforeItsStartNeverStarts() {
		KafkaReadiness kafka = readiness();
		KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter = starter("unstarted-starter",
				kafka, "starter-unstarted", Duration.ofMillis(100), ex -> {
				});
		starter.stop();
		assertThatIllegalStateException().isThrownBy(starter::start).withMessageContaining("stopped already");
		assertThat(alive("unstarted-starter")).isZero();
		assertThat(starter.container()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "PT0.5S, PT10S, PT0.5S, PT1S", "PT0.5S, PT10S, PT4S, PT8S", "PT0.5S, PT10S, PT8S, PT10S",
			"PT0.5S, PT10S, PT10S, PT10S", "PT1S, PT1S, PT1S, PT1S" })
	void theBackoffDoublesUpToItsMaximum(Duration first, Duration max, Duration pause, Duration next) {
		assertThat(new KafkaConsumerStarter.Backoff(first, max).next(pause)).isEqualTo(next);
	}

	@Test
	void aFixedBackoffKeepsItsPause() {
		KafkaConsumerStarter.Backoff fixed = KafkaConsumerStarter.Backoff.fixed(Duration.ofSeconds(1));
		assertThat(fixed.first()).isEqualTo(Duration.ofSeconds(1));
		assertThat(fixed.next(fixed.first())).isEqualTo(Duration.ofSeconds(1));
	}

	private KafkaConsumerStarter<KafkaMessageListenerContainer<String, String>> starter(String name,
			KafkaReadiness kafka, String topic, Duration backoff, KafkaConsumerStarter.Waiting waiting) {
		return new KafkaConsumerStarter<>(name, kafka, List.of(new NewTopic(topic, 1, (short) 1)), name + "-group",
				KafkaConsumerStarter.Backoff.fixed(backoff), waiting, () -> container(topic, name + "-group"));
	}

	/** The service's readiness check on the test broker, not started yet: not ready. */
	private static KafkaReadiness readiness() {
		return new KafkaReadiness(null, admin, broker.bootstrapServers(), Duration.ofSeconds(5));
	}

	private KafkaMessageListenerContainer<String, String> container(String topic, String groupId) {
		this.startedOn.set(Thread.currentThread().getName());
		ContainerProperties properties = new ContainerProperties(topic);
		properties.setGroupId(groupId);
		properties.setMessageListener((MessageListener<String, String>) record -> {
		});
		KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
								ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
								ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)),
				properties);
		container.start();
		return container;
	}

	private static TopicDescription describe(String topic) {
		try {
			return admin.client().describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
		}
		catch (Exception ex) {
			throw new AssertionError("The topic " + topic + " does not exist", ex);
		}
	}

	/** Waits for the latch even when interrupted, and keeps the interrupt for later. */
	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many threads of this name are alive. */
	private static long alive(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(t -> t.getName().equals(name) && t.isAlive())
			.count();
	}

}
