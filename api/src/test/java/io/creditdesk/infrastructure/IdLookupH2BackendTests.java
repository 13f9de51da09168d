package io.creditdesk.infrastructure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store answers "{@code _id} plus more conditions" through the {@code _id} index
 * with the same results as a full scan, and its files open again after a restart.
 */
class IdLookupH2BackendTests {

	@TempDir
	Path dataDir;

	private EmbeddedProperties properties() {
		return new EmbeddedProperties(this.dataDir, false, 0, 0, "creditdesk");
	}

	@Test
	void conditionalUpdatesByIdMatchTheWholeFilter() {
		ObjectId oid = new ObjectId();
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties());
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> accounts = client.getDatabase("creditdesk").getCollection("accounts");
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				docs.add(new Document("_id", "c" + i).append("status", "ACTIVE").append("used", 0).append("limit", 100));
			}
			docs.add(new Document("_id", oid).append("status", "BLOCKED").append("used", 0).append("limit", 100));
			accounts.insertMany(docs);
			FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

			// Fits: reserved on exactly that document.
			Document reserved = accounts.findOneAndUpdate(fits("c7", 60), new Document("$inc", new Document("used", 60)), after);
			assertThat(reserved).isNotNull();
			assertThat(reserved.getString("_id")).isEqualTo("c7");
			assertThat(reserved.getInteger("used")).isEqualTo(60);
			// Does not fit any more: the other conditions still apply to the document found by id.
			assertThat(accounts.findOneAndUpdate(fits("c7", 60), new Document("$inc", new Document("used", 60)))).isNull();
			assertThat(accounts.find(new Document("_id", "c7")).first().getInteger("used")).isEqualTo(60);
			// Status condition on an ObjectId id; unknown id; other documents untouched.
			Document blocked = new Document("_id", oid).append("status", "ACTIVE");
			assertThat(accounts.findOneAndUpdate(blocked, new Document("$inc", new Document("used", 1)))).isNull();
			assertThat(accounts.findOneAndUpdate(fits("nope", 1), new Document("$inc", new Document("used", 1)))).isNull();
			assertThat(accounts.countDocuments(new Document("used", new Document("$gt", 0)))).isEqualTo(1);
			// Plain finds with _id and more conditions.
			assertThat(accounts.find(new Document("_id", "c3").append("status", "ACTIVE")).first()).isNotNull();
			assertThat(accounts.find(new Document("_id", "c3").append("status", "BLOCKED")).first()).isNull();
			assertThat(accounts.find(new Document("_id", oid).append("status", "BLOCKED")).first()).isNotNull();
		}
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties());
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> accounts = client.getDatabase("creditdesk").getCollection("accounts");
			assertThat(accounts.countDocuments()).isEqualTo(51);
			assertThat(accounts.find(new Document("_id", "c7").append("status", "ACTIVE")).first().getInteger("used"))
				.isEqualTo(60);
		}
	}

	private static Document fits(String id, int amount) {
		return new Document("_id", id).append("status", "ACTIVE")
			.append("$expr", new Document("$lte", List.of(new Document("$add", List.of("$used", amount)), "$limit")));
	}

}
