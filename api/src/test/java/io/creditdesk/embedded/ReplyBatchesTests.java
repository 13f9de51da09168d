package io.creditdesk.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query whose answer is larger than one wire message (the driver takes at most 48 MB)
 * is answered in batches of at most 16 MB, as MongoDB answers it: the whole answer
 * arrives through the cursor, whether the caller asked for a batch size or not.
 */
class ReplyBatchesTests {

	@TempDir
	Path dataDir;

	@Test
	void anAnswerLargerThanOneMessageArrivesInBatches() {
		EmbeddedProperties properties = new EmbeddedProperties(this.dataDir, true, 0, 0, "creditdesk", 16);
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties, BackendServer.SPARSE_FIELDS);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> orders = client.getDatabase("creditdesk").getCollection("orders");
			String megabyte = "x".repeat(1_000_000);
			for (int i = 0; i < 60; i += 10) {
				List<Document> documents = new ArrayList<>();
				for (int j = i; j < i + 10; j++) {
					documents.add(new Document("_id", "o" + j).append("status", "APPROVED").append("text", megabyte));
				}
				orders.insertMany(documents);
			}
			// 60 MB without a batch size: before, one reply of 60 MB the driver refused.
			assertThat(orders.find(new Document("status", "APPROVED")).into(new ArrayList<>())).hasSize(60);
			assertThat(orders.find().into(new ArrayList<>())).hasSize(60);
			assertThat(orders.find().batchSize(40).into(new ArrayList<>())).hasSize(60);
			// A batch size of 50 such documents: before, a first reply of 50 MB.
			assertThat(orders.find().batchSize(50).into(new ArrayList<>())).hasSize(60);
			assertThat(orders.find().batchSize(3).into(new ArrayList<>())).hasSize(60)
				.extracting(document -> document.getString("_id"))
				.doesNotHaveDuplicates();
			assertThat(orders.aggregate(List.of(new Document("$match", new Document("status", "APPROVED"))))
				.into(new ArrayList<>())).hasSize(60);
			// Only replies are cut: writes and counts still see every document.
			assertThat(orders
				.updateMany(new Document("status", "APPROVED"), new Document("$set", new Document("status", "SHIPPED")))
				.getModifiedCount()).isEqualTo(60);
			assertThat(orders.countDocuments(new Document("status", "SHIPPED"))).isEqualTo(60);
		}
	}

}
