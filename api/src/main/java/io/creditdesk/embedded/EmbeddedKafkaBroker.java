package io.creditdesk.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running
 * in-process, with its log under the data directory so messages survive a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

	/** The log cleaner's key map ({@code log.cleaner.dedupe.buffer.size}). */
	static final long DEDUPE_BUFFER_BYTES = 4L << 20;

	private final KafkaRaftServer server;

	private final int port;

	private final CompletableFuture<Void> ready;

	/**
	 * Formats the log directory on first use and starts the broker on a background
	 * thread, so the rest of the service starts meanwhile. Nothing should connect before
	 * {@link #isReady()}: the service's readiness check holds its own clients back until
	 * then, and {@link #awaitReady} waits for it where that matters.
	 */
	public EmbeddedKafkaBroker(EmbeddedProperties properties) {
		this(properties, runnable -> {
			Thread thread = new Thread(runnable, "embedded-kafka-startup");
			thread.setDaemon(true);
			thread.start();
		});
	}

	/**
	 * @param startup runs the broker's start-up (which recovers the log of an earlier
	 * run): a thread of its own in the service; tests hold it back to see the service
	 * while the broker is not there yet
	 */
	public EmbeddedKafkaBroker(EmbeddedProperties properties, Executor startup) {
		long started = System.nanoTime();
		Path logDir = properties.dataDir().resolve("kafka").toAbsolutePath();
		this.port = Ports.firstFree(properties.kafkaPort());
		int controllerPort = Ports.anyFreeExcept(this.port);
		Properties config = config(logDir, this.port, controllerPort);
		try {
			Files.createDirectories(logDir);
			if (!Files.exists(logDir.resolve("meta.properties"))) {
				format(logDir, config);
			}
			this.server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
		}
		catch (IOException | RuntimeException ex) {
			throw failure(logDir, ex);
		}
		this.ready = CompletableFuture.runAsync(() -> {
			try {
				this.server.startup();
			}
			catch (RuntimeException ex) {
				log.error("Embedded Kafka broker failed to start", ex);
				throw failure(logDir, ex);
			}
			log.info("Embedded Kafka broker (KRaft) listening on 127.0.0.1:{}, log in {}, started in {} ms", this.port,
					logDir, (System.nanoTime() - started) / 1_000_000);
		}, startup);
	}

	private static IllegalStateException failure(Path logDir, Exception ex) {
		return new IllegalStateException(
				"Cannot start the embedded Kafka broker with its log in " + logDir
						+ ". Is another instance using the same data directory? Give each instance its own"
						+ " CREDITDESK_DATA_DIR, or point them all at a real cluster with KAFKA_BOOTSTRAP_SERVERS.",
				ex);
	}

	/** Waits until the broker listens; rethrows its start-up failure. */
	public void awaitReady(Duration timeout) {
		try {
			this.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The embedded Kafka broker is not ready", ex);
		}
	}

	/**
	 * Whether the broker has started: it listens, has recovered its log and is unfenced.
	 */
	public boolean isReady() {
		return this.ready.isDone() && !this.ready.isCompletedExceptionally();
	}

	/** Why the broker could not start, or null while it starts or once it has. */
	public Throwable startupFailure() {
		if (!this.ready.isCompletedExceptionally()) {
			return null;
		}
		try {
			this.ready.join();
			return null;
		}
		catch (CompletionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (CancellationException ex) {
			return ex;
		}
	}

	static Properties config(Path logDir, int port, int controllerPort) {
		Properties p = new Properties();
		p.put("process.roles", "broker,controller");
		p.put("node.id", "1");
		p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		p.put("controller.listener.names", "CONTROLLER");
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("log.dirs", logDir.toString());
		p.put("num.partitions", "6");
		p.put("auto.create.topics.enable", "true");
		p.put("offsets.topic.replication.factor", "1");
		p.put("offsets.topic.num.partitions", "6");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		p.put("log.flush.interval.messages", "10000");
		// The log cleaner (compacted topics: consumer offsets, the
		// service's own) keys its pass on a map allocated on the heap
		// when the broker starts, 128 MiB by default: a quarter of the
		// service's 512 MB heap, held for the JVM's life. 4 MiB holds
		// the keys of about 150,000 records a pass (24 bytes each, nine
		// tenths full), far more than the compacted topics of one
		// service hold; a larger log is cleaned in more passes.
		p.put("log.cleaner.dedupe.buffer.size", String.valueOf(DEDUPE_BUFFER_BYTES));
		return p;
	}

	private static void format(Path logDir, Properties config) throws IOException {
		Path file = Files.createTempFile("creditdesk-kafka", ".properties");
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, "CreditDesk embedded Kafka");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int code;
		try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			code = StorageTool
				.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c", file.toString() }, print);
		}
		finally {
			Files.deleteIfExists(file);
		}
		if (code != 0) {
			throw new IllegalStateException("Formatting the Kafka log directory " + logDir + " failed: "
					+ output.toString(StandardCharsets.UTF_8));
		}
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		try {
			this.ready.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// a broker that never started still has to release what it opened
		}
		this.server.shutdown();
		this.server.awaitShutdown();
		log.info("Embedded Kafka broker stopped");
	}

}
