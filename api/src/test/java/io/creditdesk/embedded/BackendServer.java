package io.creditdesk.embedded;

import java.net.InetSocketAddress;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

/**
 * A mongo-java-server backend served on a free port, with a driver client on it (tests).
 */
final class BackendServer implements AutoCloseable {

	/** The sparse fields the tests' stores track (those the service declares today). */
	static final Set<String> SPARSE_FIELDS = Set.of("outboxAt", "worklistKey", "auditOutboxAt", "pendingAt");

	private final MongoServer server;

	private final MongoClient client;

	BackendServer(MongoBackend backend) {
		this.server = new MongoServer(backend);
		InetSocketAddress address = this.server.bind();
		this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
	}

	/** A collection of the {@code creditdesk} database. */
	MongoCollection<Document> collection(String name) {
		return this.client.getDatabase("creditdesk").getCollection(name);
	}

	/** The {@code creditdesk} database. */
	MongoDatabase database() {
		return this.client.getDatabase("creditdesk");
	}

	/**
	 * Closes the client and shuts the server and its backend down (the backend commits
	 * and closes its store).
	 */
	@Override
	public void close() {
		this.client.close();
		this.server.shutdownNow();
	}

}
