package io.creditdesk.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: the file-backed embedded store runs in a JVM of its own
 * ({@link EmbeddedStoreProcess}), eight clients write to it with {@code j: true}
 * (inserts, and conditional {@code $inc} updates as the credit reservation makes them),
 * and the store JVM is killed with SIGKILL while they write. Reopened on the same file,
 * the store holds every insert that was acknowledged, and every counter is at least its
 * acknowledged increments and at most those plus the ones still unanswered at the kill.
 * Three kills in a row on the same file; each restart checks everything acknowledged so
 * far.
 */
class DurableWritesCrashTests {

	private static final int WRITERS = 8;

	private static final int COUNTERS = 4;

	private static final int KILLS = 3;

	/**
	 * Acknowledged writes before each kill (the kill comes after at least these and
	 * {@link #LEAST_LOAD}, or after {@link #MOST_LOAD} on a machine too busy to reach
	 * them).
	 */
	private static final int WRITES_PER_KILL = 400;

	private static final Duration LEAST_LOAD = Duration.ofMillis(800);

	private static final Duration MOST_LOAD = Duration.ofSeconds(6);

	/**
	 * A cap the counters never reach: the update stays conditional, as a reservation is.
	 */
	private static final long CAP = 1_000_000_000L;

	@TempDir
	Path dataDir;

	@Test
	void everyAcknowledgedWriteSurvivesAKill() throws Exception {
		Ledger ledger = new Ledger();
		List<String> lost = new ArrayList<>();
		for (int kill = 1; kill <= KILLS; kill++) {
			Process store = startStore(kill);
			try (MongoClient client = client(awaitPort(store, kill))) {
				MongoDatabase database = client.getDatabase("creditdesk");
				if (kill == 1) {
					for (int c = 0; c < COUNTERS; c++) {
						database.getCollection("counters")
							.insertOne(new Document("_id", "c" + c).append("n", 0L).append("cap", CAP));
					}
				}
				else {
					lost.addAll(ledger.check("after kill " + (kill - 1), database));
				}
				writeUntilKilled(database, store, ledger, kill);
			}
			finally {
				store.destroyForcibly().waitFor();
			}
		}
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(
				new EmbeddedProperties(this.dataDir, false, 0, 0, "creditdesk", 16), BackendServer.SPARSE_FIELDS);
				MongoClient client = client(server.port())) {
			lost.addAll(ledger.check("after kill " + KILLS, client.getDatabase("creditdesk")));
		}
		System.out.println("Crash test: " + ledger.summary() + "; lost: " + (lost.isEmpty() ? "none" : lost));
		assertThat(ledger.unexpectedFailures).as("writes that failed before the kill").isEmpty();
		assertThat(ledger.acknowledgedInserts).as("inserts acknowledged before the kills")
			.hasSizeGreaterThan(KILLS * WRITES_PER_KILL / 4);
		assertThat(lost).as("acknowledged writes missing after a kill").isEmpty();
	}

	/**
	 * Eight clients insert and increment until enough of their writes were acknowledged,
	 * then the store JVM is killed (SIGKILL) while their writes are in flight.
	 */
	private static void writeUntilKilled(MongoDatabase database, Process store, Ledger ledger, int kill)
			throws InterruptedException {
		MongoCollection<Document> inserts = database.getCollection("inserts");
		MongoCollection<Document> counters = database.getCollection("counters");
		FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
		AtomicBoolean killed = new AtomicBoolean();
		List<Thread> writers = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			int writer = w;
			Thread thread = new Thread(() -> {
				SplittableRandom random = new SplittableRandom(31L * kill + writer);
				for (int i = 0; !killed.get(); i++) {
					String id = "k" + kill + "-w" + writer + "-" + i;
					ledger.attemptedInserts.add(id);
					try {
						inserts.insertOne(new Document("_id", id).append("writer", writer));
						ledger.acknowledgedInserts.add(id);
					}
					catch (MongoException ex) {
						ledger.failed(killed.get(), ex);
					}
					String counter = "c" + random.nextInt(COUNTERS);
					ledger.counter(counter).attempted.incrementAndGet();
					try {
						Document incremented = counters.findOneAndUpdate(
								new Document("_id", counter).append("$expr",
										new Document("$lt", List.of("$n", "$cap"))),
								new Document("$inc", new Document("n", 1L)), after);
						if (incremented != null) {
							ledger.counter(counter).acknowledged.incrementAndGet();
						}
					}
					catch (MongoException ex) {
						ledger.failed(killed.get(), ex);
					}
				}
			}, "crash-test-writer-" + w);
			writers.add(thread);
			thread.start();
		}
		long started = System.nanoTime();
		int before = ledger.acknowledgedInserts.size();
		long elapsed;
		do {
			Thread.sleep(20);
			elapsed = System.nanoTime() - started;
		}
		while (elapsed < MOST_LOAD.toNanos() && (elapsed < LEAST_LOAD.toNanos()
				|| 2 * (ledger.acknowledgedInserts.size() - before) < WRITES_PER_KILL));
		killed.set(true);
		store.destroyForcibly();
		store.waitFor();
		for (Thread writer : writers) {
			writer.join();
		}
	}

	private Process startStore(int kill) throws IOException {
		Files.deleteIfExists(this.dataDir.resolve("port"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				EmbeddedStoreProcess.class.getName(), this.dataDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.dataDir.resolve("store-" + kill + ".log").toFile())
			.start();
	}

	private int awaitPort(Process store, int kill) throws IOException, InterruptedException {
		Path port = this.dataDir.resolve("port");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(port)) {
			if (!store.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("The store JVM did not start: "
						+ Files.readString(this.dataDir.resolve("store-" + kill + ".log")));
			}
			Thread.sleep(20);
		}
		return Integer.parseInt(Files.readString(port).trim());
	}

	private static MongoClient client(int port) {
		// j: true on every write; no retries (the driver retries only on replica sets,
		// but say so).
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
			.writeConcern(WriteConcern.JOURNALED)
			.retryWrites(false)
			.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
			.applyToSocketSettings(
					socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(20, TimeUnit.SECONDS))
			.build());
	}

	/**
	 * What the clients were told: acknowledged writes, and writes sent without an answer.
	 */
	private static final class Ledger {

		final Set<String> attemptedInserts = ConcurrentHashMap.newKeySet();

		final Set<String> acknowledgedInserts = ConcurrentHashMap.newKeySet();

		final Map<String, Counter> counters = new ConcurrentHashMap<>();

		final List<String> unexpectedFailures = new ArrayList<>();

		/**
		 * Acknowledged inserts found missing by an earlier check (each loss is reported
		 * once).
		 */
		private final Set<String> reportedMissing = new HashSet<>();

		private int acknowledgedAtLastCheck;

		private long incrementsAcknowledged;

		Counter counter(String id) {
			return this.counters.computeIfAbsent(id, key -> new Counter());
		}

		synchronized void failed(boolean afterKill, MongoException ex) {
			if (!afterKill) {
				this.unexpectedFailures.add(ex.toString());
			}
		}

		/**
		 * Reads the store back: every acknowledged insert must be there (and nothing
		 * never sent); every counter between its acknowledged and its attempted
		 * increments. Then the counters' bounds restart from what the store holds.
		 */
		List<String> check(String when, MongoDatabase database) {
			List<String> lost = new ArrayList<>();
			Set<String> present = new HashSet<>();
			for (Document document : database.getCollection("inserts").find()) {
				present.add(document.getString("_id"));
			}
			Set<String> missing = new HashSet<>(this.acknowledgedInserts);
			missing.removeAll(present);
			missing.removeAll(this.reportedMissing);
			this.reportedMissing.addAll(missing);
			Set<String> phantom = new HashSet<>(present);
			phantom.removeAll(this.attemptedInserts);
			int acknowledged = this.acknowledgedInserts.size();
			if (!missing.isEmpty()) {
				lost.add(
						String.format(Locale.ROOT, "%s: %d of the %d inserts acknowledged since the last start missing",
								when, missing.size(), acknowledged - this.acknowledgedAtLastCheck));
			}
			this.acknowledgedAtLastCheck = acknowledged;
			assertThat(phantom).as("documents never sent").isEmpty();
			Map<String, Long> stored = new TreeMap<>();
			for (Document document : database.getCollection("counters").find()) {
				stored.put(document.getString("_id"), document.getLong("n"));
			}
			for (Map.Entry<String, Counter> entry : new TreeMap<>(this.counters).entrySet()) {
				Counter counter = entry.getValue();
				long n = stored.getOrDefault(entry.getKey(), 0L);
				long increments = counter.base + counter.acknowledged.get();
				long attempted = counter.base + counter.attempted.get();
				if (n < increments) {
					lost.add(
							String.format(Locale.ROOT, "%s: counter %s at %d with %d increments acknowledged (%d lost)",
									when, entry.getKey(), n, increments, increments - n));
				}
				assertThat(n).as("counter %s at most its attempted increments", entry.getKey())
					.isLessThanOrEqualTo(attempted);
				this.incrementsAcknowledged += counter.acknowledged.get();
				counter.base = n;
				counter.acknowledged.set(0);
				counter.attempted.set(0);
			}
			return lost;
		}

		String summary() {
			return String.format(Locale.ROOT, "%d kills, %d inserts and %d conditional increments acknowledged", KILLS,
					this.acknowledgedInserts.size(), this.incrementsAcknowledged);
		}

	}

	/**
	 * A counter's value in the store at the last check, and the increments sent and
	 * acknowledged since.
	 */
	private static final class Counter {

		long base;

		final AtomicLong attempted = new AtomicLong();

		final AtomicLong acknowledged = new AtomicLong();

	}

}
