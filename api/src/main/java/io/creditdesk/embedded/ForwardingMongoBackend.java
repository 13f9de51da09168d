package io.creditdesk.embedded;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * A backend that hands every call to another one: a wrapper overrides only what it adds
 * (the store's durable acknowledgements here, injected faults in tests).
 */
public abstract class ForwardingMongoBackend implements MongoBackend {

	protected final MongoBackend backend;

	protected ForwardingMongoBackend(MongoBackend backend) {
		this.backend = backend;
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		return this.backend.handleMessage(message);
	}

	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		return this.backend.handleCommand(channel, database, command, query);
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return this.backend.handleQuery(query);
	}

	@Override
	public void handleClose(Channel channel) {
		this.backend.handleClose(channel);
	}

	@Override
	public void dropDatabase(String database) {
		this.backend.dropDatabase(database);
	}

	@Override
	public Collection<Document> getCurrentOperations(MongoQuery query) {
		return this.backend.getCurrentOperations(query);
	}

	@Override
	public Document getServerStatus() {
		return this.backend.getServerStatus();
	}

	@Override
	public void close() {
		this.backend.close();
	}

	@Override
	public void closeCursors(List<Long> cursorIds) {
		this.backend.closeCursors(cursorIds);
	}

	@Override
	public Clock getClock() {
		return this.backend.getClock();
	}

	@Override
	public void enableOplog() {
		this.backend.enableOplog();
	}

	@Override
	public void disableOplog() {
		this.backend.disableOplog();
	}

	@Override
	public MongoDatabase resolveDatabase(String database) {
		return this.backend.resolveDatabase(database);
	}

	@Override
	public MongoBackend version(MongoVersion version) {
		this.backend.version(version);
		return this;
	}

}
