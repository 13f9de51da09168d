package io.creditdesk.events;

import java.net.InetSocketAddress;
import java.time.Clock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The store the relay's tests work on: an in-memory MongoDB-wire server of their own,
 * with the outboxes of {@code orders} and {@code customers} registered.
 */
final class RelayStore implements AutoCloseable {

	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client;

	private final MongoTemplate mongo;

	private final Outbox outbox;

	RelayStore() {
		InetSocketAddress address = this.server.bind();
		this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		this.mongo = new MongoTemplate(this.client, "outbox-test");
		this.outbox = new Outbox(JsonMapper.builder().build(), Clock.systemUTC(), null);
		this.outbox.register(Document.class, "orders");
		this.outbox.register(Document.class, "customers");
	}

	MongoTemplate mongo() {
		return this.mongo;
	}

	Outbox outbox() {
		return this.outbox;
	}

	@Override
	public void close() {
		this.client.close();
		this.server.shutdownNow();
	}

}
