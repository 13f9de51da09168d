package io.creditdesk.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts one listener container on a thread of its own once Kafka is
 * {@link KafkaReadiness ready}, the container's topics exist with a leader for every
 * partition and its group's coordinator answers, so that it starts quietly after a
 * restart instead of logging a warning for every refused connection. Until then it
 * retries, telling its owner why it waits ({@link Waiting}); it gives up only when
 * stopped. Stopping interrupts and joins the waiting thread before it stops the
 * container: once {@link #stop()} returns, no container starts any more. A starter starts
 * once (a second start, or one after the stop, is refused); the owner makes a new one to
 * start again.
 *
 * @param <C> the kind of container it starts
 */
public final class KafkaConsumerStarter<C extends MessageListenerContainer> {

	/** How long one attempt to prepare the topics and the group may take. */
	private static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(30);

	/** How often the thread looks whether it was stopped while Kafka is not ready. */
	private static final Duration READY_CHECK = Duration.ofSeconds(1);

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

	private final String threadName;

	private final KafkaReadiness kafka;

	private final List<NewTopic> topics;

	private final String groupId;

	private final Backoff backoff;

	private final Waiting waiting;

	private final Supplier<C> startContainer;

	private boolean started;

	private volatile boolean open = true;

	private volatile Thread starter;

	private volatile C container;

	/**
	 * @param threadName the name of the thread that waits and starts the container
	 * @param topics created when missing; every partition must have a leader before the
	 * start
	 * @param groupId the consumer group whose coordinator must answer before the start
	 * @param backoff the pause after a failed attempt to prepare the topics or the group
	 * @param startContainer creates and starts the container, on the starter's thread
	 */
	public KafkaConsumerStarter(String threadName, KafkaReadiness kafka, List<NewTopic> topics, String groupId,
			Backoff backoff, Waiting waiting, Supplier<C> startContainer) {
		this.threadName = threadName;
		this.kafka = kafka;
		this.topics = List.copyOf(topics);
		this.groupId = groupId;
		this.backoff = backoff;
		this.waiting = waiting;
		this.startContainer = startContainer;
	}

	/**
	 * Starts waiting for Kafka on a daemon thread.
	 * @throws IllegalStateException when started before, or stopped: a starter starts
	 * once
	 */
	public synchronized void start() {
		if (this.started || !this.open) {
			throw new IllegalStateException(
					this.threadName + " has " + (this.open ? "started" : "stopped") + " already: it starts once");
		}
		this.started = true;
		Thread thread = new Thread(this::startWhenKafkaIsReady, this.threadName);
		thread.setDaemon(true);
		this.starter = thread;
		thread.start();
	}

	private void startWhenKafkaIsReady() {
		Duration pause = this.backoff.first();
		while (this.open) {
			if (!this.kafka.awaitReady(READY_CHECK)) {
				this.waiting.kafkaNotReady(this.kafka.notReadyReason());
				continue;
			}
			try {
				this.kafka.ensureTopics(this.topics, PREPARE_TIMEOUT);
				this.kafka.awaitGroupCoordinator(this.groupId, PREPARE_TIMEOUT);
				startContainer();
				return;
			}
			catch (RuntimeException ex) {
				if (!this.open || Thread.currentThread().isInterrupted()) {
					return;
				}
				this.waiting.cannotStartYet(ex);
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException stopping) {
					return;
				}
				pause = this.backoff.next(pause);
			}
		}
	}

	private synchronized void startContainer() {
		if (!this.open) {
			return;
		}
		this.container = this.startContainer.get();
	}

	/**
	 * Stops waiting (interrupts the starter thread and waits up to five seconds for it to
	 * end), then stops the container if it was started.
	 */
	public void stop() {
		Thread waiter;
		synchronized (this) {
			this.open = false;
			waiter = this.starter;
			this.starter = null;
		}
		if (waiter != null) {
			waiter.interrupt();
			try {
				waiter.join(JOIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			C current = this.container;
			if (current != null) {
				current.stop();
				this.container = null;
			}
		}
	}

	/** The started container, or null before the start and after the stop. */
	public C container() {
		return this.container;
	}

	/** Whether the container was started and runs now. */
	public boolean consuming() {
		C current = this.container;
		return current != null && current.isRunning();
	}

	/**
	 * The pause after a failed attempt: {@code first}, doubled after each further failure
	 * up to {@code max}.
	 */
	public record Backoff(Duration first, Duration max) {

		/** The same pause after every failure. */
		public static Backoff fixed(Duration pause) {
			return new Backoff(pause, pause);
		}

		/** The pause after the next failure, when the last one was {@code pause}. */
		public Duration next(Duration pause) {
			Duration doubled = pause.multipliedBy(2);
			return (doubled.compareTo(this.max) < 0) ? doubled : this.max;
		}

	}

	/**
	 * What the owner makes of the waiting (a state to report, a log line); called on the
	 * starter thread.
	 */
	public interface Waiting {

		/**
		 * Kafka is still not ready after a second's wait.
		 * @param reason why ({@link KafkaReadiness#notReadyReason()}), or null
		 */
		default void kafkaNotReady(String reason) {
		}

		/**
		 * Kafka is ready but the topics or the group are not yet; the attempt is repeated
		 * after the backoff.
		 */
		void cannotStartYet(RuntimeException ex);

	}

}
