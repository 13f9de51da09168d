package io.creditdesk.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process server speaking the MongoDB wire protocol, with an H2 MVStore file under the
 * data directory, so data survives a restart and real MongoDB tools can connect on loopback.
 * It supports single-document atomic updates, which is all the service relies on; it has no
 * multi-document transactions.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	private final H2Backend backend;

	private final MongoServer server;

	private final int port;

	private final String database;

	private final Path file;

	EmbeddedMongoServer(EmbeddedProperties properties) {
		long started = System.nanoTime();
		if (properties.inMemory()) {
			this.file = null;
			this.backend = IdLookupH2Backend.inMemoryStore();
		}
		else {
			this.file = properties.dataDir().resolve("mongo").resolve(properties.database() + ".mv").toAbsolutePath();
			try {
				Files.createDirectories(this.file.getParent());
				this.backend = new IdLookupH2Backend(
						new MVStore.Builder().fileName(this.file.toString()).cacheSize(properties.cacheSizeMb()).open());
			}
			catch (IOException | RuntimeException ex) {
				throw new IllegalStateException("Cannot open the embedded MongoDB store " + this.file
						+ ". Is another instance using the same data directory? Give each instance its own"
						+ " CREDITDESK_DATA_DIR, or point them all at a real MongoDB with MONGODB_URI.", ex);
			}
		}
		this.server = new MongoServer(this.backend);
		this.port = Ports.firstFree(properties.mongoPort());
		this.server.bind("127.0.0.1", this.port);
		this.database = properties.database();
		log.info("Embedded MongoDB-wire server listening on mongodb://127.0.0.1:{}/{} ({}) in {} ms", this.port,
				this.database, (this.file != null) ? "store " + this.file : "in memory",
				(System.nanoTime() - started) / 1_000_000);
	}

	public String connectionString() {
		return "mongodb://127.0.0.1:" + this.port + "/" + this.database;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.backend.close();
		log.info("Embedded MongoDB-wire server stopped");
	}

}
