package io.creditdesk.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store answers "{@code _id} plus more conditions" through the {@code _id}
 * index with the same results as a full scan, answers the outbox's {@code {outboxAt:
 * {$exists: true}}} from the ids it tracks with the same results as a full scan after
 * every kind of write, and its files open again after a restart.
 */
class IdLookupH2BackendTests {

	@TempDir
	Path dataDir;

	private EmbeddedProperties properties() {
		return new EmbeddedProperties(this.dataDir, false, 0, 0, "creditdesk", 16);
	}

	@Test
	void conditionalUpdatesByIdMatchTheWholeFilter() {
		ObjectId oid = new ObjectId();
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties(), BackendServer.SPARSE_FIELDS);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> accounts = client.getDatabase("creditdesk").getCollection("accounts");
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				docs.add(
						new Document("_id", "c" + i).append("status", "ACTIVE").append("used", 0).append("limit", 100));
			}
			docs.add(new Document("_id", oid).append("status", "BLOCKED").append("used", 0).append("limit", 100));
			accounts.insertMany(docs);
			FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

			// Fits: reserved on exactly that document.
			Document reserved = accounts.findOneAndUpdate(fits("c7", 60),
					new Document("$inc", new Document("used", 60)), after);
			assertThat(reserved).isNotNull();
			assertThat(reserved.getString("_id")).isEqualTo("c7");
			assertThat(reserved.getInteger("used")).isEqualTo(60);
			// Does not fit any more: the other conditions still apply to the document
			// found by id.
			assertThat(accounts.findOneAndUpdate(fits("c7", 60), new Document("$inc", new Document("used", 60))))
				.isNull();
			assertThat(accounts.find(new Document("_id", "c7")).first().getInteger("used")).isEqualTo(60);
			// Status condition on an ObjectId id; unknown id; other documents untouched.
			Document blocked = new Document("_id", oid).append("status", "ACTIVE");
			assertThat(accounts.findOneAndUpdate(blocked, new Document("$inc", new Document("used", 1)))).isNull();
			assertThat(accounts.findOneAndUpdate(fits("nope", 1), new Document("$inc", new Document("used", 1))))
				.isNull();
			assertThat(accounts.countDocuments(new Document("used", new Document("$gt", 0)))).isEqualTo(1);
			// Plain finds with _id and more conditions.
			assertThat(accounts.find(new Document("_id", "c3").append("status", "ACTIVE")).first()).isNotNull();
			assertThat(accounts.find(new Document("_id", "c3").append("status", "BLOCKED")).first()).isNull();
			assertThat(accounts.find(new Document("_id", oid).append("status", "BLOCKED")).first()).isNotNull();
		}
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties(), BackendServer.SPARSE_FIELDS);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> accounts = client.getDatabase("creditdesk").getCollection("accounts");
			assertThat(accounts.countDocuments()).isEqualTo(51);
			assertThat(accounts.find(new Document("_id", "c7").append("status", "ACTIVE")).first().getInteger("used"))
				.isEqualTo(60);
		}
	}

	private static final String SINCE = "outboxAt";

	private static final Document PENDING = new Document(SINCE, new Document("$exists", true));

	/**
	 * The same filter inside an {@code $or} beside a branch nothing answers (no document
	 * has {@code _scanned}), which no plan of this backend takes: the library's full
	 * scan.
	 */
	private static final Document PENDING_SCANNED = scanned(PENDING);

	private static Document scanned(Document query) {
		return new Document("$or", List.of(query, new Document("_scanned", new Document("$exists", true))));
	}

	/**
	 * A store opened again tracks the declared fields in the collections it found: those
	 * are opened while the library's constructor runs, before the backend knows its
	 * fields.
	 */
	@Test
	void collectionsFoundInAStoreTrackTheDeclaredFields() {
		String file = this.dataDir.resolve("reopened.mv").toString();
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, Set.of(SINCE)))) {
			store.collection("orders")
				.insertMany(List.of(new Document("_id", "o1").append(SINCE, new Date(2)), new Document("_id", "o2"),
						new Document("_id", "o3").append(SINCE, new Date(1)).append(KEY, "k1")));
		}
		IdLookupH2Backend reopened = new IdLookupH2Backend(file, Set.of(SINCE, KEY));
		try (BackendServer store = new BackendServer(reopened)) {
			IdLookupH2Backend.Collection orders = (IdLookupH2Backend.Collection) reopened.resolveDatabase("creditdesk")
				.resolveCollection("orders", false);
			assertThat(reopened.sparseFields()).containsExactlyInAnyOrder(SINCE, KEY);
			assertThat(orders.sparseIds(SINCE)).containsExactly("o1", "o3");
			assertThat(orders.rankedIds(SINCE)).containsExactly("o3", "o1");
			assertThat(orders.sparseIds(KEY)).containsExactly("o3");
			assertThat(orders.sparseIds("auditOutboxAt")).isEmpty();
			// A collection created afterwards tracks them too.
			MongoCollection<Document> later = store.collection("later");
			later.insertOne(new Document("_id", "l1").append(KEY, "k2"));
			IdLookupH2Backend.Collection created = (IdLookupH2Backend.Collection) reopened.resolveDatabase("creditdesk")
				.resolveCollection("later", false);
			assertThat(created.sparseIds(KEY)).containsExactly("l1");
		}
	}

	private static final String KEY = "worklistKey";

	/**
	 * The Finance worklist's queries (a key that is not null, with other conditions,
	 * inside an {@code $and}, after a key; sorted by the key with a limit) return what
	 * the scan returns, with null keys, missing keys, arrays and every kind of write in
	 * between.
	 */
	@Test
	void worklistQueriesMatchTheScan() {
		String file = this.dataDir.resolve("worklist.mv").toString();
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> orders = store.orders();
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				Document doc = new Document("_id", "o" + i).append("customerId", "c" + (i % 4)).append("n", i);
				if (i % 3 == 0) {
					// Keys out of insertion order, with ties.
					doc.append(KEY, "k" + String.format("%02d", (i * 7) % 20));
				}
				else if (i % 5 == 0) {
					doc.append(KEY, null);
				}
				docs.add(doc);
			}
			orders.insertMany(docs);
			checkWorklist(orders);
			// Released as the ledger does now ($unset) and as it did before (set to
			// null).
			orders.updateOne(new Document("_id", "o3"), new Document("$unset", new Document(KEY, "")));
			orders.updateOne(new Document("_id", "o6"), new Document("$set", new Document(KEY, null)));
			// Held again, a key on a document that had none, an amendment held under a
			// new key.
			orders.updateOne(new Document("_id", "o1"), new Document("$set", new Document(KEY, "k00")));
			orders.updateOne(new Document("_id", "o9"), new Document("$set", new Document(KEY, "k99")));
			orders.deleteOne(new Document("_id", "o12"));
			checkWorklist(orders);
			// An array value: no sorted reading, same results.
			orders.updateOne(new Document("_id", "o15"),
					new Document("$set", new Document(KEY, List.of("k05", "k50"))));
			checkWorklist(orders);
			orders.updateOne(new Document("_id", "o15"), new Document("$set", new Document(KEY, "k05")));
			orders.updateMany(new Document(KEY, null), new Document("$unset", new Document(KEY, "")));
			checkWorklist(orders);
		}
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			checkWorklist(store.orders());
		}
	}

	/**
	 * "This customer's waiting orders, oldest first" once the worklist is long: read from
	 * the customer index (a handful of candidates), not by walking the whole worklist in
	 * key order, which reads every waiting order when the customer has few or none (a
	 * limit change or a payment asks this of every customer it touches). A customer with
	 * more orders than the worklist holds still walks the worklist. Both answer what the
	 * scan answers.
	 */
	@Test
	void aCustomersWaitingOrdersAreReadFromTheSmallerSetOfCandidates() {
		String file = this.dataDir.resolve("waiting.mv").toString();
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> orders = store.orders();
			orders.createIndex(new Document("customerId", 1).append("placedAt", -1));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				// 40 customers with 10 waiting orders each, keys out of insertion order.
				docs.add(new Document("_id", "w" + i).append("customerId", "c" + (i % 40))
					.append(KEY, String.format("k%04d", (i * 37) % 400)));
			}
			for (int i = 0; i < 600; i++) {
				// One large customer: 600 orders, 3 of them waiting.
				Document doc = new Document("_id", "big" + i).append("customerId", "big");
				docs.add((i % 200 == 7) ? doc.append(KEY, String.format("k%04d", 1000 + i)) : doc);
			}
			docs.add(new Document("_id", "idle").append("customerId", "none-waiting"));
			orders.insertMany(docs);
			Document byKey = new Document(KEY, 1);
			for (String customer : List.of("c7", "none-waiting", "nobody", "big")) {
				Document waiting = new Document("customerId", customer).append(KEY, new Document("$ne", null));
				long before = store.collection().answeredFromFieldIndex();
				List<Document> read = orders.find(waiting).sort(byKey).limit(5).into(new ArrayList<>());
				assertThat(read).as(customer)
					.isEqualTo(orders.find(scanned(waiting)).sort(byKey).limit(5).into(new ArrayList<>()));
				assertThat(read).as(customer).hasSize(switch (customer) {
					case "c7" -> 5;
					case "big" -> 3;
					default -> 0;
				});
				// The large customer has more orders than the worklist holds.
				assertThat(store.collection().answeredFromFieldIndex() > before).as(customer)
					.isEqualTo(!customer.equals("big"));
			}
			// The worklist itself, no customer: walked in key order.
			long before = store.collection().answeredFromFieldIndex();
			Document notNull = new Document(KEY, new Document("$ne", null));
			assertThat(orders.find(notNull).sort(byKey).limit(20).into(new ArrayList<>()))
				.isEqualTo(orders.find(scanned(notNull)).sort(byKey).limit(20).into(new ArrayList<>()));
			assertThat(store.collection().answeredFromFieldIndex()).isEqualTo(before);
		}
	}

	/**
	 * The held-order sweep reads the worklist a page at a time, on from the last key
	 * read: a page after the first reads its own documents, not every key before it.
	 */
	@Test
	void aPageOfTheWorklistAfterAKeyReadsOnlyFromThatKey() {
		try (Store store = new Store(
				new IdLookupH2Backend(this.dataDir.resolve("pages.mv").toString(), BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> orders = store.orders();
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				docs.add(new Document("_id", "o" + i).append(KEY, String.format("k%03d", i)));
			}
			orders.insertMany(docs);
			Document page = new Document(KEY, new Document("$gt", "k089"));
			long before = store.collection().readInValueOrder();
			assertThat(orders.find(page)
				.sort(new Document(KEY, 1))
				.limit(5)
				.map(d -> d.get("_id"))
				.into(new ArrayList<>())).containsExactly("o90", "o91", "o92", "o93", "o94");
			assertThat(store.collection().readInValueOrder() - before).isEqualTo(5);
		}
	}

	private static void checkWorklist(MongoCollection<Document> orders) {
		Document notNull = new Document(KEY, new Document("$ne", null));
		List<Document> queries = List.of(notNull, new Document(KEY, new Document("$exists", true)),
				new Document(notNull).append("customerId", "c1"), new Document(KEY, "k07"),
				new Document(KEY, new Document("$gt", "k05")).append("customerId", new Document("$ne", "c2")),
				new Document("$and",
						List.of(notNull, new Document(KEY, new Document("$gte", "k07")).append("customerId", "c3"))),
				new Document(KEY, new Document("$exists", true).append("$ne", "k07")));
		Document byKey = new Document(KEY, 1);
		for (Document query : queries) {
			assertThat(orders.find(query).into(new ArrayList<>())).as("%s", query)
				.isEqualTo(orders.find(scanned(query)).into(new ArrayList<>()));
			assertThat(orders.countDocuments(query)).as("count %s", query)
				.isEqualTo(orders.countDocuments(scanned(query)));
			for (int limit : new int[] { 1, 2, 5, 100 }) {
				for (int skip : new int[] { 0, 3 }) {
					assertThat(orders.find(query).sort(byKey).skip(skip).limit(limit).into(new ArrayList<>()))
						.as("%s skip %d limit %d", query, skip, limit)
						.isEqualTo(orders.find(scanned(query))
							.sort(byKey)
							.skip(skip)
							.limit(limit)
							.into(new ArrayList<>()));
				}
			}
			assertThat(orders.find(query).sort(new Document(KEY, -1).append("n", 1)).limit(4).into(new ArrayList<>()))
				.isEqualTo(orders.find(scanned(query))
					.sort(new Document(KEY, -1).append("n", 1))
					.limit(4)
					.into(new ArrayList<>()));
		}
	}

	@Test
	void outboxQueriesMatchTheScanAfterEveryKindOfWrite() {
		String file = this.dataDir.resolve("outbox.mv").toString();
		Date t0 = new Date(1_000_000);
		Date t1 = new Date(2_000_000);
		Date t2 = new Date(3_000_000);
		ObjectId oid = new ObjectId();
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> orders = store.orders();
			store.check();
			// Inserts with and without the field, string and ObjectId ids, ties on
			// outboxAt.
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				Document doc = new Document("_id", "o" + i).append("n", i);
				if (i % 3 == 0) {
					doc.append(SINCE, (i % 2 == 0) ? t1 : t0).append("outbox", List.of(new Document("e", i)));
				}
				docs.add(doc);
			}
			docs.add(new Document("_id", oid).append(SINCE, t1));
			docs.add(new Document("n", 99));
			orders.insertMany(docs);
			orders.insertOne(new Document("_id", "single").append(SINCE, t2));
			orders.insertOne(new Document("_id", "plain"));
			store.check();
			assertThat(store.tracked()).contains("o0", "o3", oid, "single").doesNotContain("o1", "plain");

			// $min set together with a $push into the outbox, on a document without and
			// with the field.
			Document event = new Document("$push", new Document("outbox", new Document("e", "x")));
			orders.updateOne(new Document("_id", "o1"), new Document(event).append("$min", new Document(SINCE, t2)));
			orders.updateOne(new Document("_id", "o3"), new Document(event).append("$min", new Document(SINCE, t2)));
			store.check();
			assertThat(store.tracked()).contains("o1", "o3");
			// $push of other fields, $inc, $set: membership unchanged.
			orders.updateOne(new Document("_id", "o2"), new Document("$push", new Document("history", 1)));
			orders.updateOne(new Document("_id", "o6"), new Document("$inc", new Document("n", 1)));
			orders.updateMany(new Document("n", new Document("$gte", 30)),
					new Document("$set", new Document("big", true)));
			store.check();
			assertThat(store.tracked()).contains("o6").doesNotContain("o2");
			// $unset as the relay does, single and in a bulk write.
			orders.updateOne(new Document("_id", "o0"),
					new Document("$unset", new Document("outbox", "").append(SINCE, "")));
			orders.bulkWrite(List.of(
					new UpdateOneModel<>(new Document("_id", "o3").append(SINCE, t0),
							new Document("$unset", new Document(SINCE, ""))),
					// Moved on since it was read: stays pending.
					new UpdateOneModel<>(new Document("_id", "o9").append(SINCE, t2),
							new Document("$unset", new Document(SINCE, "")))));
			store.check();
			assertThat(store.tracked()).doesNotContain("o0", "o3").contains("o9");
			// $set of the field to null still counts as present, for the index as for the
			// scan.
			orders.updateOne(new Document("_id", "o4"), new Document("$set", new Document(SINCE, null)));
			store.check();
			assertThat(store.tracked()).contains("o4");

			// findAndModify: update in, update out, replace in and out, remove.
			FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
			assertThat(orders
				.findOneAndUpdate(new Document("_id", "o5"), new Document("$min", new Document(SINCE, t0)), after)
				.get(SINCE)).isEqualTo(t0);
			assertThat(orders.findOneAndUpdate(PENDING, new Document("$unset", new Document(SINCE, "")))).isNotNull();
			orders.findOneAndReplace(new Document("_id", "o7"), new Document("n", 7).append(SINCE, t1),
					new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
			orders.findOneAndReplace(new Document("_id", "o12"), new Document("n", 12));
			orders.replaceOne(new Document("_id", "o8"), new Document("n", 8).append(SINCE, t0));
			orders.replaceOne(new Document("_id", "o15"), new Document("n", 15));
			orders.findOneAndDelete(new Document("_id", "o18"));
			store.check();
			assertThat(store.tracked()).contains("o5", "o7", "o8").doesNotContain("o12", "o15", "o18");

			// Upserts: update, findAndModify and replace, with and without the field.
			UpdateOptions upsert = new UpdateOptions().upsert(true);
			orders.updateOne(new Document("_id", "u1"), new Document("$min", new Document(SINCE, t1)), upsert);
			orders.updateOne(new Document("_id", "u2"), new Document("$set", new Document("n", 2)), upsert);
			orders.findOneAndUpdate(new Document("_id", "u3"),
					new Document("$setOnInsert", new Document(SINCE, t0)).append("$inc", new Document("n", 1)),
					new FindOneAndUpdateOptions().upsert(true));
			orders.updateOne(new Document("ref", "r4"), new Document("$min", new Document(SINCE, t2)), upsert);
			store.check();
			assertThat(store.tracked()).contains("u1", "u3").doesNotContain("u2");

			// Deletes: one, many, and all of them.
			orders.deleteOne(new Document("_id", "single"));
			orders.deleteMany(new Document("n", new Document("$lt", 10)));
			store.check();
			assertThat(store.tracked()).doesNotContain("single", "o6", "o9");
		}
		// Reopened: the sets are rebuilt from the file.
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			store.check();
			assertThat(store.tracked()).contains("o21", "u1", oid);
			store.orders().updateOne(new Document("_id", "o21"), new Document("$unset", new Document(SINCE, "")));
			store.orders().deleteMany(new Document());
			store.check();
			assertThat(store.tracked()).isEmpty();
			store.orders().insertOne(new Document("_id", "again").append(SINCE, t0));
			store.check();
			assertThat(store.tracked()).containsExactly("again");
		}
		// A dropped and recreated collection starts empty.
		try (Store store = new Store(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			store.orders().drop();
			store.check();
			store.orders().insertOne(new Document("_id", "fresh").append(SINCE, t1));
			store.check();
			assertThat(store.tracked()).containsExactly("fresh");
		}
	}

	/** An H2 backend served on a free port, with a client on it. */
	private static final class Store implements AutoCloseable {

		private final IdLookupH2Backend backend;

		private final MongoServer server;

		private final MongoClient client;

		Store(IdLookupH2Backend backend) {
			this.backend = backend;
			this.server = new MongoServer(backend);
			InetSocketAddress address = this.server.bind();
			this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		}

		MongoCollection<Document> orders() {
			return this.client.getDatabase("creditdesk").getCollection("orders");
		}

		IdLookupH2Backend.Collection collection() {
			return (IdLookupH2Backend.Collection) this.backend.resolveDatabase("creditdesk")
				.resolveCollection("orders", false);
		}

		/** The ids of the documents that carry the outbox field. */
		List<Object> tracked() {
			return ids(IdLookupH2Backend.Collection::sparseIds);
		}

		/** The same, from the field's value order. */
		List<Object> ranked() {
			return ids(IdLookupH2Backend.Collection::rankedIds);
		}

		private List<Object> ids(BiFunction<IdLookupH2Backend.Collection, String, List<Object>> keys) {
			IdLookupH2Backend.Collection collection = (IdLookupH2Backend.Collection) this.backend
				.resolveDatabase("creditdesk")
				.resolveCollection("orders", false);
			if (collection == null) {
				return List.of();
			}
			return keys.apply(collection, SINCE).stream().map(IdLookupH2BackendTests::driverId).toList();
		}

		/**
		 * The tracked ids are exactly those of the documents that have the field, and the
		 * relay's and the health indicator's queries return what the library's scan
		 * returns.
		 */
		void check() {
			MongoCollection<Document> orders = orders();
			List<Object> scanned = new ArrayList<>();
			orders.find(PENDING_SCANNED).forEach((Consumer<Document>) (doc) -> scanned.add(doc.get("_id")));
			assertThat(tracked()).containsExactlyInAnyOrderElementsOf(scanned);
			// The value order holds exactly the documents whose value is a plain one (no
			// stale entry).
			List<Object> plain = new ArrayList<>();
			orders.find(PENDING_SCANNED).forEach((Consumer<Document>) (doc) -> {
				Object value = doc.get(SINCE);
				if (value != null && !(value instanceof List) && !(value instanceof Document)) {
					plain.add(doc.get("_id"));
				}
			});
			assertThat(ranked()).containsExactlyInAnyOrderElementsOf(plain);
			Document bySince = new Document(SINCE, 1);
			Document byNewest = new Document(SINCE, -1).append("n", 1);
			assertThat(orders.find(PENDING).into(new ArrayList<>()))
				.isEqualTo(orders.find(PENDING_SCANNED).into(new ArrayList<>()));
			for (int limit : new int[] { 0, 1, 3, 7 }) {
				assertThat(orders.find(PENDING).sort(bySince).limit(limit).into(new ArrayList<>()))
					.isEqualTo(orders.find(PENDING_SCANNED).sort(bySince).limit(limit).into(new ArrayList<>()));
				assertThat(orders.find(PENDING).sort(bySince).skip(2).limit(limit).into(new ArrayList<>()))
					.isEqualTo(orders.find(PENDING_SCANNED).sort(bySince).skip(2).limit(limit).into(new ArrayList<>()));
				assertThat(orders.find(PENDING).sort(byNewest).skip(1).limit(limit).into(new ArrayList<>())).isEqualTo(
						orders.find(PENDING_SCANNED).sort(byNewest).skip(1).limit(limit).into(new ArrayList<>()));
			}
			assertThat(orders.find(PENDING).sort(bySince).projection(bySince).first())
				.isEqualTo(orders.find(PENDING_SCANNED).sort(bySince).projection(bySince).first());
			assertThat(orders.countDocuments(PENDING)).isEqualTo(scanned.size());
		}

		@Override
		public void close() {
			this.client.close();
			this.server.shutdown();
			this.backend.close();
		}

	}

	private static Object driverId(Object id) {
		return (id instanceof de.bwaldvogel.mongo.bson.ObjectId oid) ? new ObjectId(oid.toByteArray()) : id;
	}

	private static Document fits(String id, int amount) {
		return new Document("_id", id).append("status", "ACTIVE")
			.append("$expr", new Document("$lte", List.of(new Document("$add", List.of("$used", amount)), "$limit")));
	}

}
