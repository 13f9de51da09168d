package io.creditdesk.infrastructure;

import io.creditdesk.embedded.EmbeddedMongoServer;
import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reports the MongoDB store with a {@code ping}, which both a real MongoDB and the
 * embedded server answer (Spring Boot's own indicator sends {@code hello}, unknown to the
 * embedded one). DOWN carries the reason, e.g. that no server answered within the connect
 * timeout.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	private final EmbeddedMongoServer embedded;

	MongoHealthIndicator(MongoTemplate mongo, ObjectProvider<EmbeddedMongoServer> embedded) {
		super("MongoDB health check failed");
		this.mongo = mongo;
		this.embedded = embedded.getIfAvailable();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("database", this.mongo.getDb().getName()).withDetail("embedded", this.embedded != null);
		if (this.embedded != null) {
			builder.withDetail("address", this.embedded.connectionString());
		}
		try {
			Document answer = this.mongo.executeCommand(new Document("ping", 1));
			builder.up().withDetail("ping", answer.get("ok"));
		}
		catch (RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			builder.down()
				.withDetail("reason", "MongoDB did not answer: " + cause.getClass().getSimpleName() + ": "
						+ firstLine(cause.getMessage()));
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int cut = message.indexOf(". Client view of cluster state");
		return (cut > 0) ? message.substring(0, cut) : message;
	}

}
