package io.creditdesk.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates by {@code _id} that only unset fields or raise numbers with {@code $max} (the
 * credit events relay's acknowledgements) are applied by the embedded store directly:
 * every outcome, the documents afterwards and the queries on the tracked outbox field are
 * those of the library's own backend, and updates outside that shape still go through the
 * library.
 */
class DirectUpdateTests {

	private static final Date T0 = new Date(1_000_000);

	private static final Date T1 = new Date(2_000_000);

	@TempDir
	Path dataDir;

	@Test
	void unsetAndMaxByIdBehaveAsTheLibrarys() {
		IdLookupH2Backend backend = new IdLookupH2Backend(this.dataDir.resolve("ours.mv").toString(),
				BackendServer.SPARSE_FIELDS);
		try (BackendServer ours = new BackendServer(backend);
				BackendServer library = new BackendServer(
						new H2Backend(this.dataDir.resolve("library.mv").toString()))) {
			List<String> ourOutcomes = acknowledge(ours.collection("orders"));
			List<String> libraryOutcomes = acknowledge(library.collection("orders"));
			assertThat(ourOutcomes).isEqualTo(libraryOutcomes);
			assertThat(ours.collection("orders").find().sort(new Document("_id", 1)).into(new ArrayList<>()))
				.isEqualTo(library.collection("orders").find().sort(new Document("_id", 1)).into(new ArrayList<>()));
			IdLookupH2Backend.Collection orders = (IdLookupH2Backend.Collection) backend.resolveDatabase("creditdesk")
				.resolveCollection("orders", false);
			// The relay-shaped updates took the direct path; the others (an indexed
			// field, other operators,
			// upserts, several documents) did not.
			assertThat(orders.acknowledgedDirectly()).isEqualTo(9);
			// The store's index of outboxAt follows the direct writes: exactly the
			// documents carrying it.
			List<Object> carrying = ours.collection("orders")
				.find(new Document("$or", List.of(new Document("outboxAt", new Document("$exists", true)))))
				.map(d -> d.get("_id") instanceof ObjectId o
						? (Object) new de.bwaldvogel.mongo.bson.ObjectId(o.toByteArray()) : d.get("_id"))
				.into(new ArrayList<>());
			assertThat(orders.sparseIds("outboxAt")).containsExactlyInAnyOrderElementsOf(carrying);
			assertThat(orders.rankedIds("outboxAt")).containsExactlyInAnyOrderElementsOf(carrying);
		}
	}

	private static List<String> acknowledge(MongoCollection<Document> orders) {
		orders.createIndex(Indexes.ascending("outboxAt"), new IndexOptions().sparse(true).name("outbox"));
		orders.createIndex(Indexes.ascending("ref"), new IndexOptions().unique(true).sparse(true));
		ObjectId oid = new ObjectId("64b7f0a1c2d3e4f5a6b7c8d9");
		for (int i = 0; i < 6; i++) {
			orders.insertOne(new Document("_id", "o" + i).append("outbox", List.of(new Document("e", i)))
				.append("outboxAt", (i % 2 == 0) ? T0 : T1)
				.append("exposureSeq", i)
				.append("ref", "R" + i));
		}
		orders.insertOne(new Document("_id", oid).append("outboxAt", T1).append("exposurePublishedSeq", 3L));
		List<String> outcomes = new ArrayList<>();
		Document ack = new Document("$unset", new Document("outbox", "").append("outboxAt", ""));
		// The relay's acknowledgement: unchanged since read (no event added, exposure not
		// moved again).
		outcomes
			.add(result(orders.updateOne(new Document("_id", "o0").append("outbox.1", new Document("$exists", false))
				.append("exposureSeq", new Document("$not", new Document("$gt", 0))), ack)));
		// Changed meanwhile: matches nothing.
		outcomes.add(result(
				orders.updateOne(new Document("_id", "o2").append("outbox.0", new Document("$exists", false)), ack)));
		outcomes.add(result(orders.updateOne(
				new Document("_id", "o2").append("exposureSeq", new Document("$not", new Document("$gt", 1))), ack)));
		// Acknowledged twice: the second changes nothing.
		outcomes.add(result(orders.updateOne(new Document("_id", "o1"), ack)));
		outcomes.add(result(orders.updateOne(new Document("_id", "o1"), ack)));
		// $max raising, not raising, on a missing field, with an ObjectId id, with other
		// number types.
		outcomes.add(result(orders.updateOne(new Document("_id", oid),
				new Document("$max", new Document("exposurePublishedSeq", 5)))));
		outcomes.add(result(orders.updateOne(new Document("_id", oid),
				new Document("$max", new Document("exposurePublishedSeq", 4L)))));
		outcomes.add(result(orders.updateOne(new Document("_id", "o3"),
				new Document("$max", new Document("exposurePublishedSeq", 2.5)))));
		outcomes.add(result(orders.updateOne(new Document("_id", "o3"),
				new Document(ack).append("$max", new Document("exposurePublishedSeq", 7L)))));
		// Unknown id, and an id of another type than stored.
		outcomes.add(result(orders.updateOne(new Document("_id", "missing"), ack)));
		outcomes.add(result(orders.updateOne(new Document("_id", 4), ack)));
		// Not that shape: a field a unique index covers, other operators, an upsert,
		// several documents, a bulk write.
		outcomes
			.add(result(orders.updateOne(new Document("_id", "o4"), new Document("$unset", new Document("ref", "")))));
		outcomes.add(result(
				orders.updateOne(new Document("_id", "o4"), new Document("$set", new Document("outboxAt", T1)))));
		outcomes.add(result(orders.updateOne(new Document("_id", "new"), ack, new UpdateOptions().upsert(true))));
		outcomes.add(result(orders.updateMany(new Document("outboxAt", T1), ack)));
		outcomes
			.add(result(orders.updateOne(new Document("_id", "o5"), new Document("$max", new Document("ref", "S")))));
		outcomes.add(String.valueOf(orders.bulkWrite(List.of(new UpdateOneModel<>(new Document("_id", "o4"), ack),
				new UpdateOneModel<>(new Document("_id", "o5"), ack)))
			.getModifiedCount()));
		try {
			orders.updateOne(new Document("_id", "o5"), new Document("$max", new Document("outbox.x", 1)));
			outcomes.add("applied");
		}
		catch (MongoException ex) {
			outcomes.add("error " + ex.getCode());
		}
		outcomes.add("pending " + orders.find(new Document("outboxAt", new Document("$exists", true)))
			.sort(new Document("outboxAt", 1))
			.limit(10)
			.map(d -> String.valueOf(d.get("_id")))
			.into(new ArrayList<>()));
		return outcomes;
	}

	private static String result(UpdateResult result) {
		return result.getMatchedCount() + "/" + result.getModifiedCount() + "/" + result.getUpsertedId();
	}

}
