package io.creditdesk.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store keeps the BSON of unchanged documents and writes their pages from it
 * ({@link DocumentDataType.EncodedDocuments}); what it writes must still be every
 * document as last changed.
 */
class EncodedDocumentsTests {

	@TempDir
	Path dataDir;

	@Test
	void bytesEncodedWhileAnyDocumentChangedAreNotKept() {
		DocumentDataType.EncodedDocuments cache = new DocumentDataType.EncodedDocuments(1 << 20);
		de.bwaldvogel.mongo.bson.Document a = new de.bwaldvogel.mongo.bson.Document("_id", "a");
		de.bwaldvogel.mongo.bson.Document b = new de.bwaldvogel.mongo.bson.Document("_id", "b");
		long stamp = cache.stamp();
		cache.forget(b);
		cache.keep(a, new byte[] { 1 }, stamp);
		assertThat(cache.get(a)).isNull();
		cache.keep(a, new byte[] { 2 }, cache.stamp());
		assertThat(cache.get(a)).containsExactly(2);
		// The same content is another document: kept by identity, not by equality.
		assertThat(cache.get(new de.bwaldvogel.mongo.bson.Document("_id", "a"))).isNull();
		cache.forget(a);
		assertThat(cache.get(a)).isNull();
		assertThat(cache.size()).isZero();
	}

	@Test
	void keepsAtMostItsBudgetDroppingTheLeastRecentlyWritten() {
		DocumentDataType.EncodedDocuments cache = new DocumentDataType.EncodedDocuments(1600);
		List<de.bwaldvogel.mongo.bson.Document> documents = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", i);
			documents.add(document);
			cache.keep(document, new byte[100], cache.stamp());
			// The first stays in use, so it stays.
			assertThat(cache.get(documents.get(0))).isNotNull();
		}
		assertThat(cache.size()).isEqualTo(1600);
		assertThat(cache.get(documents.get(1))).isNull();
		assertThat(cache.get(documents.get(19))).isNotNull();
		// Too large for the budget's sixteenth: written, never kept.
		de.bwaldvogel.mongo.bson.Document large = new de.bwaldvogel.mongo.bson.Document("_id", "large");
		cache.keep(large, new byte[101], cache.stamp());
		assertThat(cache.get(large)).isNull();
	}

	/**
	 * The cache never holds a document itself: once no page holds a document any more (an
	 * old version, a page evicted from the page cache), it and its bytes go. Held
	 * strongly, 32 MiB of kept BSON held a few hundred MB of decoded documents and the
	 * README's demo run ran out of its 512 MB heap.
	 */
	@Test
	void doesNotKeepDocumentsNoPageHoldsAlive() throws InterruptedException {
		DocumentDataType.EncodedDocuments cache = new DocumentDataType.EncodedDocuments(1 << 20);
		de.bwaldvogel.mongo.bson.Document held = new de.bwaldvogel.mongo.bson.Document("_id", "held");
		cache.keep(held, new byte[100], cache.stamp());
		List<java.lang.ref.WeakReference<de.bwaldvogel.mongo.bson.Document>> dropped = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", i);
			cache.keep(document, new byte[100], cache.stamp());
			dropped.add(new java.lang.ref.WeakReference<>(document));
		}
		// A cleared reference reaches the cache's queue a moment after it is cleared (the
		// JVM's reference handler enqueues it): wait for both.
		for (int attempt = 0; attempt < 50
				&& (dropped.stream().anyMatch((ref) -> ref.get() != null) || cache.count() != 1); attempt++) {
			System.gc();
			Thread.sleep(20);
		}
		assertThat(dropped).allMatch((ref) -> ref.get() == null);
		assertThat(cache.count()).isOne();
		assertThat(cache.size()).isEqualTo(100);
		assertThat(cache.get(held)).hasSize(100);
	}

	/**
	 * Customers-like documents changed in place by the library (increments, pushes,
	 * pulls, sets) on a durable store that commits after every write, so their pages are
	 * written again and again, mostly from kept bytes; the store opened again holds every
	 * document as last answered. Without the store telling the cache of each change, the
	 * pages carry a document's bytes from before its change.
	 */
	@Test
	void aDurableStoreWrittenFromKeptBytesOpensWithEveryChange() {
		String file = this.dataDir.resolve("store.mv").toString();
		DocumentDataType.EncodedDocuments cache = DocumentDataType.INSTANCE.encoded();
		long hitsBefore = cache.hits();
		List<Document> expected = new ArrayList<>();
		try (Store store = new Store(file)) {
			MongoCollection<Document> customers = store.server.collection("customers");
			for (int i = 0; i < 200; i++) {
				customers.insertOne(new Document("_id", "C" + i).append("name", "Customer " + i)
					.append("exposure", new Document("openOrders", new Decimal128(0)).append("receivables", 0L))
					.append("pending", new ArrayList<>())
					.append("version", 0));
			}
			Random random = new Random(42);
			for (int i = 0; i < 3000; i++) {
				String id = "C" + random.nextInt(200);
				switch (random.nextInt(4)) {
					case 0 -> customers.updateOne(Filters.eq("_id", id), Updates.inc("exposure.receivables", 7L));
					case 1 -> customers.findOneAndUpdate(Filters.eq("_id", id),
							Updates.combine(Updates.push("pending", new Document("t", "T" + i)),
									Updates.inc("version", 1)),
							new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
					case 2 -> customers.updateOne(Filters.eq("_id", id),
							Updates.pull("pending", new Document("t", new Document("$exists", true))));
					default -> customers.updateOne(Filters.eq("_id", id),
							Updates.set("exposure.openOrders", new Decimal128(i)));
				}
			}
			customers.find().sort(new Document("_id", 1)).into(expected);
		}
		assertThat(cache.hits() - hitsBefore).as("pages written from kept bytes").isPositive();
		try (Store reopened = new Store(file)) {
			List<Document> stored = reopened.server.collection("customers")
				.find()
				.sort(new Document("_id", 1))
				.into(new ArrayList<>());
			assertThat(stored).hasSize(200).isEqualTo(expected);
		}
	}

	/** A file-backed store acknowledging writes once durable, as the service runs it. */
	private static final class Store implements AutoCloseable {

		private final BackendServer server;

		Store(String file) {
			MVStore mvStore = new MVStore.Builder().fileName(file).open();
			IdLookupH2Backend backend = new IdLookupH2Backend(mvStore, BackendServer.SPARSE_FIELDS);
			this.server = new BackendServer(new DurableWritesBackend(backend, GroupCommit.of(mvStore)));
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

}
