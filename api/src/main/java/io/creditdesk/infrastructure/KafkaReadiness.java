package io.creditdesk.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether Kafka can be used yet. After a start or a restart the embedded broker first
 * recovers its log on a thread of its own while the rest of the service starts, then
 * elects a leader for every partition and loads the consumer groups; an external cluster
 * may simply not answer yet. Clients that start meanwhile log warnings while they retry.
 * So the service's own Kafka users (the intake consumers, the outbox relay) wait here
 * until Kafka is ready: the cluster answers with at least one broker and, for the
 * embedded broker, it has started (no client connects before it listens) and every
 * partition of every topic, the consumer offsets included, has a leader again. On an
 * external cluster each user checks the leaders of its own topics
 * ({@link #ensureTopics}). Once ready it stays ready: a later outage is for the clients
 * to ride out and for the health indicator to report.
 */
@Component
public class KafkaReadiness implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KafkaReadiness.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

	/**
	 * Where Kafka keeps the committed offsets of consumer groups (created on the first
	 * group look-up).
	 */
	private static final String CONSUMER_OFFSETS = "__consumer_offsets";

	private final EmbeddedKafkaBroker embedded;

	private final SharedKafkaAdminClient admin;

	private final String servers;

	private final Duration timeout;

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private volatile String notReady = "Kafka has not been checked yet";

	private volatile Thread watcher;

	private volatile boolean running;

	@Autowired
	KafkaReadiness(ObjectProvider<EmbeddedKafkaBroker> embedded, SharedKafkaAdminClient admin,
			KafkaConnectionDetails connection, InfrastructureProperties properties) {
		this(embedded.getIfAvailable(), admin, String.join(",", connection.getBootstrapServers()),
				properties.connectTimeout());
	}

	/**
	 * @param embedded the embedded broker, or null for an external cluster
	 * @param timeout how long one check may wait for the cluster's answer
	 */
	public KafkaReadiness(EmbeddedKafkaBroker embedded, SharedKafkaAdminClient admin, String servers,
			Duration timeout) {
		this.embedded = embedded;
		this.admin = admin;
		this.servers = servers;
		this.timeout = timeout;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (this.ready.isDone()) {
			return;
		}
		Thread thread = new Thread(this::watch, "kafka-readiness");
		thread.setDaemon(true);
		this.watcher = thread;
		thread.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Thread thread = this.watcher;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.watcher = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before the relay and the intake consumers, which wait for it; stops after them.
		return Integer.MAX_VALUE - 1000;
	}

	public boolean isReady() {
		return this.ready.isDone();
	}

	/** Why Kafka is not ready, or null once it is. */
	public String notReadyReason() {
		return isReady() ? null : this.notReady;
	}

	/** Waits up to {@code max} for Kafka to become ready; true when it is. */
	public boolean awaitReady(Duration max) {
		try {
			this.ready.get(max.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			return false;
		}
	}

	/**
	 * Creates the topics that do not exist yet and waits until every partition of each
	 * has a leader, so that clients started next find them at once.
	 * @throws IllegalStateException when the cluster does not get there within
	 * {@code max}
	 */
	public void ensureTopics(Collection<NewTopic> topics, Duration max) {
		long deadline = System.nanoTime() + max.toNanos();
		Admin client = this.admin.client();
		try {
			Set<String> existing = client.listTopics().names().get(max.toMillis(), TimeUnit.MILLISECONDS);
			List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
			if (!missing.isEmpty()) {
				for (Map.Entry<String, KafkaFuture<Void>> created : client.createTopics(missing).values().entrySet()) {
					try {
						created.getValue().get(remaining(deadline), TimeUnit.MILLISECONDS);
					}
					catch (ExecutionException ex) {
						if (!(ex.getCause() instanceof TopicExistsException)) {
							throw ex;
						}
						// created meanwhile by another instance
					}
				}
			}
			awaitLeaders(client, names(topics), deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while preparing the topics " + names(topics), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not prepare the topics " + names(topics) + ": " + describe(ex), ex);
		}
	}

	/**
	 * Waits until the consumer group's coordinator answers and the consumer offsets topic
	 * has its leaders. On a fresh broker the first coordinator look-up creates that
	 * topic: asked once here, it is created once, instead of by each consumer thread at
	 * the same time (all but one of which make the broker log a warning).
	 * @throws IllegalStateException when the cluster does not get there within
	 * {@code max}
	 */
	public void awaitGroupCoordinator(String groupId, Duration max) {
		long deadline = System.nanoTime() + max.toNanos();
		Admin client = this.admin.client();
		try {
			// Finds the coordinator, then reads the group's offsets (none for a new
			// group: not an error).
			client.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get(remaining(deadline), TimeUnit.MILLISECONDS);
			awaitLeaders(client, List.of(CONSUMER_OFFSETS), deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the coordinator of group " + groupId, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The coordinator of group " + groupId + " did not answer: " + describe(ex),
					ex);
		}
	}

	/** Waits until every partition of these topics has a leader. */
	private static void awaitLeaders(Admin client, List<String> names, long deadline)
			throws InterruptedException, ExecutionException, TimeoutException {
		long backoff = 50;
		while (true) {
			String leaderless;
			try {
				leaderless = leaderless(client.describeTopics(names)
					.allTopicNames()
					.get(remaining(deadline), TimeUnit.MILLISECONDS)
					.values());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof RetriableException)) {
					throw ex;
				}
				// just created: the broker has not seen the topic yet
				leaderless = describe(ex);
			}
			if (leaderless == null) {
				return;
			}
			if (remaining(deadline) <= backoff) {
				throw new IllegalStateException(leaderless);
			}
			Thread.sleep(backoff);
			backoff = Math.min(backoff * 2, 1_000);
		}
	}

	private void watch() {
		long backoff = 100;
		while (this.running && !this.ready.isDone()) {
			if (this.embedded != null && !this.embedded.isReady() && this.embedded.startupFailure() == null) {
				this.notReady = "The embedded Kafka broker is still starting (recovering its log)";
				waitForEmbeddedBroker();
				continue;
			}
			String problem = check();
			if (problem == null) {
				this.ready.complete(null);
				log.info("Kafka is ready at {}", this.servers);
				return;
			}
			this.notReady = problem;
			log.debug("Kafka is not ready yet: {}", problem);
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException ex) {
				return;
			}
			backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
		}
	}

	/**
	 * Waits a moment for the embedded broker's start-up, returning as soon as it is done.
	 */
	private void waitForEmbeddedBroker() {
		try {
			this.embedded.awaitReady(Duration.ofSeconds(1));
		}
		catch (IllegalStateException notYet) {
			// still starting, failed (reported by the next check) or interrupted
			// (stopping)
		}
	}

	/** What keeps Kafka from being ready, or null when nothing does. */
	String check() {
		if (this.embedded != null) {
			Throwable failed = this.embedded.startupFailure();
			if (failed != null) {
				return "The embedded Kafka broker failed to start: " + describe(failed);
			}
			if (!this.embedded.isReady()) {
				// Not even a connection attempt: the client would log a warning for each
				// refused one.
				return "The embedded Kafka broker is still starting (recovering its log)";
			}
		}
		try {
			Admin client = this.admin.client();
			int brokers = client.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()))
				.nodes()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
				.size();
			if (brokers == 0) {
				return "No broker has registered with the cluster at " + this.servers + " yet";
			}
			if (this.embedded == null) {
				// A real cluster may have a partition without a leader for reasons that
				// are none of this
				// service's business; the topics it uses are checked by their users
				// (ensureTopics).
				return null;
			}
			Set<String> topics = client.listTopics(new ListTopicsOptions().listInternal(true))
				.names()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (topics.isEmpty()) {
				return null;
			}
			return leaderless(client.describeTopics(topics)
				.allTopicNames()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
				.values());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "Interrupted while checking Kafka";
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return "No Kafka broker answered at " + this.servers + " within " + this.timeout.toMillis() + " ms: "
					+ describe(ex);
		}
	}

	/** Which partitions have no leader yet (a few named), or null when all have one. */
	private static String leaderless(Collection<TopicDescription> topics) {
		List<String> without = new ArrayList<>();
		int count = 0;
		for (TopicDescription topic : topics) {
			for (TopicPartitionInfo partition : topic.partitions()) {
				if (partition.leader() == null || partition.leader().isEmpty()) {
					count++;
					if (without.size() < 3) {
						without.add(topic.name() + "-" + partition.partition());
					}
				}
			}
		}
		return (count == 0) ? null : count + " partition(s) have no leader yet (" + String.join(", ", without)
				+ (count > 3 ? ", ..." : "") + "): the broker is still recovering";
	}

	private static long remaining(long deadline) {
		return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

	private static List<String> names(Collection<NewTopic> topics) {
		return topics.stream().map(NewTopic::name).toList();
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
