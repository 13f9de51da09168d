package io.creditdesk.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server answers a write only after a commit that holds it, reads and opted-out
 * writes at once, and a write it could not make durable as an error.
 */
class DurableWritesBackendTests {

	@Test
	void aWriteIsAnsweredAfterACommitThatHoldsIt() {
		MemoryBackend store = new MemoryBackend();
		List<Integer> documentsAtCommit = new CopyOnWriteArrayList<>();
		GroupCommit commits = new GroupCommit("test-commit", () -> documentsAtCommit.add(count(store, "things")));
		try (BackendServer server = new BackendServer(new DurableWritesBackend(store, commits))) {
			MongoCollection<Document> things = server.collection("things");

			things.insertOne(new Document("_id", "a"));
			assertThat(documentsAtCommit).as("the commit ran after the insert was applied").containsExactly(1);

			things.updateOne(Filters.eq("_id", "a"), Updates.inc("n", 1));
			things.findOneAndUpdate(Filters.eq("_id", "a"), Updates.inc("n", 1));
			things.withWriteConcern(WriteConcern.MAJORITY.withJournal(true)).deleteOne(Filters.eq("_id", "a"));
			assertThat(documentsAtCommit).as("one commit per write here: each waited for its own").hasSize(4);
		}
	}

	@Test
	void readsAndWritesThatOptOutAreAnsweredAtOnce() {
		MemoryBackend store = new MemoryBackend();
		GroupCommit commits = new GroupCommit("test-commit", () -> {
		});
		try (BackendServer server = new BackendServer(new DurableWritesBackend(store, commits))) {
			MongoCollection<Document> things = server.collection("things");
			things.withWriteConcern(WriteConcern.W1.withJournal(false)).insertOne(new Document("_id", "a"));
			assertThat(things.find(Filters.eq("_id", "a")).first()).isNotNull();
			assertThat(things.countDocuments()).isEqualTo(1);
			assertThat(commits.requested()).isZero();
		}
	}

	@Test
	void aWriteTheStoreCannotMakeDurableFails() {
		MemoryBackend store = new MemoryBackend();
		GroupCommit commits = new GroupCommit("test-commit", () -> {
			throw new IllegalStateException("Could not sync file creditdesk.mv");
		});
		try (BackendServer server = new BackendServer(new DurableWritesBackend(store, commits))) {
			MongoCollection<Document> things = server.collection("things");
			assertThatThrownBy(() -> things.insertOne(new Document("_id", "a"))).isInstanceOf(MongoException.class)
				.satisfies(ex -> assertThat(((MongoException) ex).getCode()).isEqualTo(64))
				.hasMessageContaining("could not be made durable")
				.hasMessageContaining("Could not sync file creditdesk.mv");
		}
	}

	private static int count(MemoryBackend store, String collection) {
		var found = store.resolveDatabase("creditdesk").resolveCollection(collection, false);
		return (found != null) ? found.count() : 0;
	}

}
