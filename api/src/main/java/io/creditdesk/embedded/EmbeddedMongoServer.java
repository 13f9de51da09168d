package io.creditdesk.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process server speaking the MongoDB wire protocol, with an H2 MVStore file under
 * the data directory, so data survives a restart and real MongoDB tools can connect on
 * loopback. It supports single-document atomic updates, which is all the service relies
 * on; it has no multi-document transactions.
 * <p>
 * A file-backed store acknowledges a write only once it is on disk
 * ({@link DurableWritesBackend}: commit and sync of the store file, shared by concurrent
 * writers). An in-memory store (tests) has nothing to sync and answers at once.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	/**
	 * Network threads of a file-backed server. Each connection is served by one thread (a
	 * Netty event loop), and a write blocks its thread until the commit that covers it,
	 * holding up every other connection on that thread meanwhile. With as many threads as
	 * the MongoDB driver's connection pool opens at most (100 by default, which the
	 * service keeps), each of the service's connections gets a thread of its own, as
	 * mongod gives each connection its own thread: a connection waits only for its own
	 * write's commit, and writers from all connections reach the same commit together
	 * rather than queueing behind one another. The library's default (twice the cores: 4
	 * here) let at most 4 writes share a commit. Idle threads cost a selector each and no
	 * CPU.
	 */
	static final int DURABLE_NETWORK_THREADS = 100;

	private final MongoServer server;

	private final int port;

	private final String database;

	private final Path file;

	private final Set<String> sparseFields;

	/**
	 * @param properties where and how the store lives
	 * @param sparseFields the fields the capabilities declared ({@link SparseField}),
	 * answered from in-memory id sets
	 */
	EmbeddedMongoServer(EmbeddedProperties properties, Set<String> sparseFields) {
		long started = System.nanoTime();
		IdLookupH2Backend store;
		MongoBackend backend;
		if (properties.inMemory()) {
			this.file = null;
			store = IdLookupH2Backend.inMemoryStore(sparseFields);
			backend = new BatchedRepliesBackend(store, store.cursors());
		}
		else {
			this.file = properties.dataDir().resolve("mongo").resolve(properties.database() + ".mv").toAbsolutePath();
			try {
				Files.createDirectories(this.file.getParent());
				MVStore mvStore = new MVStore.Builder().fileName(this.file.toString())
					.cacheSize(properties.cacheSizeMb())
					.open();
				store = new IdLookupH2Backend(mvStore, sparseFields);
				backend = new DurableWritesBackend(new BatchedRepliesBackend(store, store.cursors()),
						GroupCommit.of(mvStore));
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Cannot open the embedded MongoDB store " + this.file
						+ ". Is another instance using the same data directory? Give each instance its own"
						+ " CREDITDESK_DATA_DIR, or point them all at a real MongoDB with MONGODB_URI.", ex);
			}
		}
		this.sparseFields = store.sparseFields();
		this.server = new MongoServer(backend);
		this.port = Ports.firstFree(properties.mongoPort());
		if (this.file != null) {
			this.server.bind(new InetSocketAddress("127.0.0.1", this.port), 1, DURABLE_NETWORK_THREADS);
		}
		else {
			this.server.bind("127.0.0.1", this.port);
		}
		this.database = properties.database();
		log.info("Embedded MongoDB-wire server listening on mongodb://127.0.0.1:{}/{} ({}, sparse fields {}) in {} ms",
				this.port, this.database, (this.file != null) ? "store " + this.file : "in memory",
				new TreeSet<>(this.sparseFields), (System.nanoTime() - started) / 1_000_000);
	}

	public String connectionString() {
		return "mongodb://127.0.0.1:" + this.port + "/" + this.database;
	}

	/**
	 * The fields the store answers queries on from memory: those the capabilities
	 * declared.
	 */
	public Set<String> sparseFields() {
		return this.sparseFields;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		// Closes the backend too: commits what waiting writers asked for, then closes the
		// store.
		this.server.shutdown();
		log.info("Embedded MongoDB-wire server stopped");
	}

}
