package io.creditdesk.embedded;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that answers a write only once it is durable: each command runs on the
 * wrapped backend as before, and a command that {@link DurabilityPolicy} says must wait
 * then waits for the next {@link GroupCommit group commit} of the store before its answer
 * goes back. Commands arrive here on the server's network threads, which block while they
 * wait (see {@link EmbeddedMongoServer} for how many there are).
 * <p>
 * A write the store could not make durable is answered with error {@code 64}
 * ({@code WriteConcernFailed}): applied in memory, not known to be on disk, so not
 * acknowledged.
 */
final class DurableWritesBackend extends ForwardingMongoBackend {

	private static final Logger log = LoggerFactory.getLogger(DurableWritesBackend.class);

	private static final int WRITE_CONCERN_FAILED = 64;

	private final GroupCommit commits;

	private final AtomicBoolean closed = new AtomicBoolean();

	DurableWritesBackend(MongoBackend backend, GroupCommit commits) {
		super(backend);
		this.commits = commits;
	}

	/** Wire protocol messages (OP_MSG): every command of a current driver. */
	@Override
	public Document handleMessage(MongoMessage message) {
		Document answer = this.backend.handleMessage(message);
		Document body = message.getDocument();
		awaitDurableIfAsked(body.keySet().iterator().next(), body);
		return answer;
	}

	/** Commands sent as legacy queries on {@code $cmd}. */
	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		Document answer = this.backend.handleCommand(channel, database, command, query);
		awaitDurableIfAsked(command, query);
		return answer;
	}

	private void awaitDurableIfAsked(String command, Document body) {
		if (!DurabilityPolicy.waitsForDisk(command, body)) {
			return;
		}
		try {
			this.commits.awaitDurable();
		}
		catch (IllegalStateException ex) {
			throw new MongoServerError(WRITE_CONCERN_FAILED, "WriteConcernFailed",
					"The write was applied but could not be made durable: " + ex.getMessage(), ex);
		}
	}

	/** Commits what writers still wait for, then closes the store. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.commits.close();
		log.info("Embedded MongoDB store: {}", this.commits.statistics());
		this.backend.close();
	}

}
