package io.creditdesk.infrastructure;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Waits until every write the store applied before the call is durable, on the embedded
 * server as on a real MongoDB: one small write (an upsert of this barrier's own document)
 * asking to be acknowledged only once durable, {@code w: "majority", j: true}, whatever
 * the client's default. Stores make writes durable in the order they applied them: the
 * embedded server's group commit covers every change applied before the commit started,
 * and a replica set's majority commit point moves along the oplog. Once that write is
 * acknowledged, whatever the caller read before it is durable too, including changes
 * whose own writers are still waiting for their answer.
 * <p>
 * For what the credit events relay reads, then publishes: a change a crash undoes is
 * never published.
 */
public final class DurabilityBarrier {

	private static final String COLLECTION = "durability_barriers";

	private static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

	private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

	private final MongoCollection<Document> barriers;

	private final Document self;

	/**
	 * @param mongo the store
	 * @param name the barrier's document (one per caller, so callers do not contend for
	 * it)
	 */
	public DurabilityBarrier(MongoTemplate mongo, String name) {
		this.barriers = mongo.getCollection(COLLECTION).withWriteConcern(DURABLE);
		this.self = new Document("_id", name);
	}

	/**
	 * Returns once every write applied before this call is durable; throws if the store
	 * fails.
	 */
	public void await() {
		this.barriers.updateOne(this.self, new Document("$inc", new Document("passed", 1L)), UPSERT);
	}

}
