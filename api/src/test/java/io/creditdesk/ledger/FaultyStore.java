package io.creditdesk.ledger;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.creditdesk.embedded.ForwardingMongoBackend;
import io.netty.channel.Channel;

/**
 * A MongoDB-wire server (an in-memory store) that fails chosen writes, for
 * fault-injection tests: once armed, the writes (insert, update, findAndModify, delete
 * commands) to the collections the ledger's paths write are counted, and those numbered
 * within the armed range are refused with a server error, as a store that fails, or a
 * crash that stops a request at that write. Background writes elsewhere (job leases, the
 * exposure history, index creation) are not counted.
 */
final class FaultyStore implements AutoCloseable {

	private static final Set<String> WRITES = Set.of("insert", "update", "findandmodify", "delete");

	private static final Set<String> COUNTED = Set.of("customers", "orders", "invoices", "audit_records");

	/** A code the driver does not retry on its own. */
	private static final int INTERNAL_ERROR = 1;

	private final MongoServer server;

	private final String connectionString;

	private final AtomicInteger writes = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private volatile int failFrom = Integer.MAX_VALUE;

	private volatile int failTo = Integer.MAX_VALUE;

	FaultyStore() {
		this.server = new MongoServer(new Faulty(H2Backend.inMemory()));
		this.connectionString = "mongodb://127.0.0.1:" + this.server.bind().getPort() + "/creditdesk";
	}

	String connectionString() {
		return this.connectionString;
	}

	/**
	 * From now on, refuses the {@code n}-th counted write (1 is the next one) and no
	 * other.
	 */
	void failWrite(int n) {
		arm(n, n);
	}

	/**
	 * From now on, refuses the {@code n}-th counted write and every one after it: a crash
	 * at that write.
	 */
	void failFrom(int n) {
		arm(n, Integer.MAX_VALUE);
	}

	private synchronized void arm(int from, int to) {
		this.writes.set(0);
		this.failed.set(0);
		this.failFrom = from;
		this.failTo = to;
	}

	/** Stops refusing writes. */
	synchronized void heal() {
		this.failFrom = Integer.MAX_VALUE;
		this.failTo = Integer.MAX_VALUE;
	}

	/** How many writes were refused since armed. */
	int failures() {
		return this.failed.get();
	}

	/** How many counted writes were attempted since armed. */
	int writes() {
		return this.writes.get();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	private void check(String command, Document document) {
		if (!WRITES.contains(command.toLowerCase()) || !COUNTED.contains(String.valueOf(document.get(command)))) {
			return;
		}
		int n = this.writes.incrementAndGet();
		if (n >= this.failFrom && n <= this.failTo) {
			this.failed.incrementAndGet();
			throw new MongoServerError(INTERNAL_ERROR,
					"Injected failure of write " + n + " (" + command + " " + document.get(command) + ")");
		}
	}

	/** The store's backend, refusing the armed writes before they reach it. */
	private final class Faulty extends ForwardingMongoBackend {

		Faulty(MongoBackend backend) {
			super(backend);
		}

		@Override
		public Document handleMessage(MongoMessage message) {
			Document document = message.getDocument();
			check(document.keySet().iterator().next(), document);
			return this.backend.handleMessage(message);
		}

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			check(command, query);
			return this.backend.handleCommand(channel, database, command, query);
		}

	}

}
