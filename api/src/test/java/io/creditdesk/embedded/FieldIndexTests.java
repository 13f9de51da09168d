package io.creditdesk.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-unique index the service declares is answered by the embedded store from memory
 * ({@link FieldIndex}) on its leading field: equality, {@code $in} and ranges give
 * exactly what the library's full scan gives (same documents, same order, with sorts,
 * skips, limits and projections), after every kind of write, with mixed id and value
 * types, on a durable store and after it is opened again; and those queries are answered
 * from the index (counted), which the library alone never does.
 */
class FieldIndexTests {

	private static final String CUSTOMER = "customerId";

	@TempDir
	Path dataDir;

	@Test
	void queriesOnAnIndexedFieldMatchTheScanAfterEveryKindOfWriteAndARestart() {
		String file = this.dataDir.resolve("invoices.mv").toString();
		ObjectId objectCustomer = new ObjectId();
		ObjectId objectInvoice = new ObjectId();
		try (Store store = new Store(file)) {
			MongoCollection<Document> invoices = store.invoices();
			invoices.createIndex(new Document(CUSTOMER, 1).append("status", 1).append("dueDate", 1),
					new IndexOptions().name("customer_status_due"));
			invoices.createIndex(new Document(CUSTOMER, 1).append("invoiceDate", 1),
					new IndexOptions().name("customer_date"));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 120; i++) {
				// Ids out of customer order, string and ObjectId ids, ties on
				// invoiceDate.
				Object id = (i % 17 == 0) ? new ObjectId() : "inv-" + ((i * 37) % 120);
				Document doc = new Document("_id", id).append(CUSTOMER, "c" + String.format("%02d", (i * 7) % 20))
					.append("status", (i % 3 == 0) ? "OPEN" : "PAID")
					.append("invoiceDate", new Date(1_000L * (i % 10)))
					.append("n", i);
				docs.add(doc);
			}
			docs.add(new Document("_id", objectInvoice).append(CUSTOMER, objectCustomer).append("n", 200));
			docs.add(new Document("_id", "no-customer").append("n", 201));
			docs.add(new Document("_id", "null-customer").append(CUSTOMER, null).append("n", 202));
			docs.add(new Document("_id", "array-customer").append(CUSTOMER, List.of("c03", "c30")).append("n", 203));
			docs.add(new Document("_id", "number-customer").append(CUSTOMER, 7).append("n", 204));
			docs.add(new Document("_id", "doc-customer").append(CUSTOMER, new Document("ref", "c04")).append("n", 205));
			invoices.insertMany(docs);
			store.check(objectCustomer);

			// Updates that move a document between keys, out of the index and back.
			invoices.updateOne(new Document("_id", "inv-1"), new Document("$set", new Document(CUSTOMER, "c05")));
			invoices.updateMany(new Document(CUSTOMER, "c06"), new Document("$set", new Document(CUSTOMER, "c16")));
			invoices.updateOne(new Document("_id", "inv-2"), new Document("$unset", new Document(CUSTOMER, "")));
			invoices.updateOne(new Document("_id", "no-customer"), new Document("$set", new Document(CUSTOMER, "c00")));
			invoices.updateOne(new Document("_id", "inv-3"),
					new Document("$set", new Document(CUSTOMER, List.of("c01", "c02"))));
			invoices.updateOne(new Document("_id", "array-customer"),
					new Document("$set", new Document(CUSTOMER, "c03")));
			invoices.updateOne(new Document("_id", "inv-4"), new Document("$set", new Document(CUSTOMER, 4.5)));
			invoices.updateOne(new Document("_id", "inv-5"), new Document("$set", new Document(CUSTOMER, null)));
			// Writes that leave the field as it was.
			invoices.updateMany(new Document(CUSTOMER, "c10"), new Document("$inc", new Document("n", 1000)));
			store.check(objectCustomer);

			// findAndModify, replacements, upserts, bulk writes and deletes.
			FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
			assertThat(invoices
				.findOneAndUpdate(new Document(CUSTOMER, "c11").append("status", "OPEN"),
						new Document("$set", new Document(CUSTOMER, "c12")), after)
				.get(CUSTOMER)).isEqualTo("c12");
			invoices.findOneAndReplace(new Document("_id", "inv-6"), new Document(CUSTOMER, objectCustomer),
					new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
			invoices.replaceOne(new Document("_id", "inv-7"), new Document("n", 7));
			invoices.updateOne(new Document("_id", "up-1"), new Document("$set", new Document(CUSTOMER, "c09")),
					new UpdateOptions().upsert(true));
			invoices.updateOne(new Document(CUSTOMER, "c99"), new Document("$set", new Document("n", 99)),
					new UpdateOptions().upsert(true));
			invoices.bulkWrite(List.of(
					new UpdateOneModel<>(new Document("_id", "inv-8"),
							new Document("$set", new Document(CUSTOMER, "c19"))),
					new UpdateOneModel<>(new Document("_id", "inv-9"),
							new Document("$set", new Document(CUSTOMER, "c00")))));
			invoices.findOneAndDelete(new Document(CUSTOMER, "c13"));
			invoices.deleteMany(new Document(CUSTOMER, new Document("$in", List.of("c14", "c15"))));
			invoices.deleteOne(new Document("_id", "inv-10"));
			store.check(objectCustomer);
		}

		// Opened again: the indexes are known from the store (nobody declares them
		// again), their values are read from the file.
		try (Store store = new Store(file)) {
			store.check(objectCustomer);
			store.invoices().insertOne(new Document("_id", "after-restart").append(CUSTOMER, "c02"));
			store.invoices().deleteMany(new Document(CUSTOMER, "c17"));
			store.check(objectCustomer);

			// One of the two indexes dropped: the other still leads with the field.
			store.invoices().dropIndex("customer_status_due");
			store.check(objectCustomer);
			// Both dropped: the library's scan again, nothing answered from memory.
			store.invoices().dropIndex("customer_date");
			long before = store.collection().answeredFromFieldIndex();
			assertThat(store.invoices().find(new Document(CUSTOMER, "c02")).into(new ArrayList<>())).isNotEmpty();
			assertThat(store.collection().answeredFromFieldIndex()).isEqualTo(before);
		}
	}

	/**
	 * The conditions an {@code $and} puts on the indexed field are asked together: the
	 * history reader's "a range ahead of the list of customers" reads the listed
	 * customers' documents, not every document in the range (one customer's page read
	 * every invoice from its id to the end of the collection).
	 */
	@Test
	void aConjunctionOnTheIndexedFieldReadsOnlyTheListedValues() {
		try (Store store = new Store(this.dataDir.resolve("conjunction.mv").toString())) {
			MongoCollection<Document> invoices = store.invoices();
			invoices.createIndex(new Document(CUSTOMER, 1).append("invoiceDate", 1),
					new IndexOptions().name("customer_date"));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				docs.add(new Document("_id", "inv-" + i).append(CUSTOMER, String.format("c%03d", i % 100)));
			}
			invoices.insertMany(docs);
			Document page = new Document("$and",
					List.of(new Document(CUSTOMER, new Document("$gte", "c010")),
							new Document(CUSTOMER, new Document("$lte", "c010")),
							new Document(CUSTOMER, new Document("$in", List.of("c010")))));
			long before = store.collection().readFromFieldIndex();
			assertThat(invoices.find(page).into(new ArrayList<>())).hasSize(4)
				.isEqualTo(invoices.find(scanned(page)).into(new ArrayList<>()));
			assertThat(store.collection().readFromFieldIndex() - before).isEqualTo(4);
			Document from = new Document("$and", List.of(new Document(CUSTOMER, new Document("$gte", "c010")),
					new Document(CUSTOMER, new Document("$in", List.of("c010", "c020")))));
			before = store.collection().readFromFieldIndex();
			assertThat(invoices.find(from).into(new ArrayList<>())).hasSize(8);
			assertThat(store.collection().readFromFieldIndex() - before).isEqualTo(8);
		}
	}

	/**
	 * An aggregation that begins with {@code $match} reads the documents the query path
	 * gives (a page of customers' history, a period's orders), not the whole collection,
	 * and returns what the scan returns; a later read of the same collection in the
	 * pipeline ({@code $lookup}) still reads all of it, and a pipeline that does not
	 * begin with {@code $match} reads everything, as before.
	 */
	@Test
	void anAggregationsLeadingMatchReadsOnlyTheIndexedCandidates() {
		try (Store store = new Store(this.dataDir.resolve("aggregation.mv").toString())) {
			MongoCollection<Document> invoices = store.invoices();
			invoices.createIndex(new Document(CUSTOMER, 1).append("invoiceDate", 1),
					new IndexOptions().name("customer_date"));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				docs.add(new Document("_id", "inv-" + i).append(CUSTOMER, String.format("c%03d", i % 100))
					.append("invoiceDate", new Date(1_000L * (i % 10)))
					.append("n", i));
			}
			invoices.insertMany(docs);
			Document page = new Document(CUSTOMER, new Document("$in", List.of("c010", "c020", "c031")))
				.append("invoiceDate", new Document("$lt", new Date(5_000L)));
			long before = store.collection().readFromFieldIndex();
			long bySets = store.collection().matchedBySets();
			List<Document> carriedIn = invoices.aggregate(lastPerCustomer(page)).into(new ArrayList<>());
			assertThat(store.collection().readFromFieldIndex() - before).isEqualTo(12);
			// The list of customers checked with a set, not value by value.
			assertThat(store.collection().matchedBySets() - bySets).isEqualTo(12);
			assertThat(carriedIn).hasSize(3)
				.isEqualTo(invoices.aggregate(lastPerCustomer(scanned(page))).into(new ArrayList<>()));
			assertThat(carriedIn.get(0)).isEqualTo(new Document("_id", "c010").append("last", 310).append("count", 4));

			Document sameDay = new Document("$lookup",
					new Document("from", "invoices").append("let", new Document("d", "$invoiceDate"))
						.append("pipeline",
								List.of(new Document("$match",
										new Document("$expr", new Document("$eq", List.of("$invoiceDate", "$$d"))))))
						.append("as", "sameDay"));
			for (Document one : invoices
				.aggregate(List.of(new Document("$match", new Document(CUSTOMER, "c010")), sameDay))
				.into(new ArrayList<>())) {
				assertThat(one.getList("sameDay", Document.class)).as("invoices dated as %s", one.get("_id"))
					.hasSize(40);
			}

			before = store.collection().readFromFieldIndex();
			List<Document> sortedFirst = invoices
				.aggregate(List.of(new Document("$sort", new Document("n", -1)), new Document("$match", page)))
				.into(new ArrayList<>());
			assertThat(store.collection().readFromFieldIndex() - before).isZero();
			assertThat(sortedFirst).hasSize(12).first().extracting(d -> d.get("n")).isEqualTo(331);

			// Most of the collection (a period covering every document): read in the
			// map's order, which costs less than looking each candidate up.
			Document most = new Document(CUSTOMER, new Document("$gte", "c010"));
			long answered = store.collection().answeredFromFieldIndex();
			assertThat(invoices.aggregate(lastPerCustomer(most)).into(new ArrayList<>())).hasSize(90)
				.isEqualTo(invoices.aggregate(lastPerCustomer(scanned(most))).into(new ArrayList<>()));
			assertThat(invoices.find(most).into(new ArrayList<>())).hasSize(360);
			assertThat(store.collection().answeredFromFieldIndex()).isEqualTo(answered);
		}
	}

	/**
	 * The sweep of expired pending changes asks for customers with a mark older than the
	 * lease on their own or their group's marks ({@code $or} of two dotted paths into
	 * arrays, each with a sparse index): the store reads the customers with marks, not
	 * every customer, and answers what the scan answers, whatever the arrays hold (none,
	 * one mark, two whose dates lie on both sides of the cut-off, a mark without a date,
	 * a nested array), after pushes and pulls; an {@code $or} with a branch no index
	 * answers reads the collection.
	 */
	@Test
	void aDisjunctionOfDottedPathsReadsOnlyTheDocumentsCarryingThem() {
		try (Store store = new Store(this.dataDir.resolve("pending.mv").toString())) {
			MongoCollection<Document> customers = store.invoices();
			customers.createIndex(new Document("pendingChanges.at", 1),
					new IndexOptions().name("pending_changes").sparse(true));
			customers.createIndex(new Document("groupPendingChanges.at", 1),
					new IndexOptions().name("group_pending_changes").sparse(true));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				docs.add(new Document("_id", String.format("c%03d", i)).append("pendingChanges", List.of()));
			}
			docs.set(3, new Document("_id", "c003").append("pendingChanges", List.of(mark(1))));
			docs.set(4, new Document("_id", "c004").append("pendingChanges", List.of(mark(9))));
			// Two marks on both sides of a range: neither alone meets both bounds (a real
			// MongoDB matches the document, the library does not; a candidate either
			// way).
			docs.set(5, new Document("_id", "c005").append("pendingChanges", List.of(mark(1), mark(9))));
			docs.set(6, new Document("_id", "c006").append("pendingChanges", List.of(new Document("key", "k"))));
			docs.set(7, new Document("_id", "c007").append("pendingChanges", List.of(List.of(mark(1)))));
			docs.set(8, new Document("_id", "c008").append("pendingChanges", mark(2)));
			docs.set(9, new Document("_id", "c009").append("groupPendingChanges", List.of(mark(2))));
			docs.set(10, new Document("_id", "c010").append("pendingChanges", List.of(new Document("at", 5))));
			customers.insertMany(docs);
			customers.updateOne(new Document("_id", "c100"),
					new Document("$push", new Document("pendingChanges", mark(3))));
			customers.updateOne(new Document("_id", "c004"),
					new Document("$pull", new Document("pendingChanges", new Document("key", "m9"))));
			Document sweep = new Document("$or", List.of(new Document("pendingChanges.at", new Document("$lt", at(5))),
					new Document("groupPendingChanges.at", new Document("$lt", at(5)))));
			long answered = store.collection().answeredFromFieldIndex();
			long read = store.collection().readFromFieldIndex();
			List<Document> expired = customers.find(sweep).into(new ArrayList<>());
			// c007 too: the library's matcher reads into an array inside the array.
			assertThat(expired).extracting(d -> d.get("_id"))
				.containsExactly("c003", "c005", "c007", "c008", "c009", "c100");
			assertThat(expired).isEqualTo(customers.find(scanned(sweep)).into(new ArrayList<>()));
			assertThat(store.collection().answeredFromFieldIndex()).isEqualTo(answered + 1);
			// c003, c008, c009, c100 by their one date; c005, c007, c010 held whatever
			// the condition.
			assertThat(store.collection().readFromFieldIndex() - read).isEqualTo(7);
			for (Document query : List.of(
					new Document("pendingChanges.at", new Document("$gt", at(0)).append("$lt", at(2))),
					new Document("pendingChanges.at", new Document("$gt", at(5)).append("$lt", at(8))),
					new Document("pendingChanges.at", at(9)),
					new Document("pendingChanges.at", new Document("$in", List.of(at(1), at(3)))),
					new Document("pendingChanges.at", new Document("$gte", at(2))))) {
				assertThat(customers.find(query).into(new ArrayList<>())).as("%s", query)
					.isEqualTo(customers.find(scanned(query)).into(new ArrayList<>()));
			}
			answered = store.collection().answeredFromFieldIndex();
			Document open = new Document("$or", List.of(new Document("pendingChanges.at", new Document("$lt", at(5))),
					new Document("status", "ACTIVE")));
			assertThat(customers.find(open).into(new ArrayList<>()))
				.isEqualTo(customers.find(scanned(open)).into(new ArrayList<>()));
			assertThat(store.collection().answeredFromFieldIndex()).isEqualTo(answered);
		}
	}

	/**
	 * The horizon sweep's long-dated open orders: a condition on a boolean, answered from
	 * the documents holding {@code true} only, as the scan answers it.
	 */
	@Test
	void aBooleanConditionReadsOnlyTheDocumentsHoldingTheValue() {
		try (Store store = new Store(this.dataDir.resolve("long-dated.mv").toString())) {
			MongoCollection<Document> orders = store.invoices();
			orders.createIndex(new Document("longDated", 1).append("status", 1),
					new IndexOptions().name("long_dated").partialFilterExpression(new Document("longDated", true)));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				Document order = new Document("_id", String.format("o%03d", i)).append("status",
						(i % 3 == 0) ? "CLOSED" : "OPEN");
				if (i % 50 != 7) {
					order.append("longDated", i % 40 == 0);
				}
				docs.add(order);
			}
			orders.insertMany(docs);
			Document query = new Document("longDated", true).append("status", "OPEN");
			long read = store.collection().readFromFieldIndex();
			assertThat(orders.find(query).map(d -> d.get("_id")).into(new ArrayList<>())).containsExactly("o040",
					"o080", "o160");
			assertThat(store.collection().readFromFieldIndex() - read).isEqualTo(5);
			Store.same(orders, query);
			Store.same(orders, new Document("longDated", false));
		}
	}

	/**
	 * A flag indexed for its few {@code true}s: once most documents hold {@code false},
	 * the index stops keeping them (every order's write would otherwise insert into a set
	 * of nearly every order), and queries that {@code false} can meet are answered by the
	 * scan, with the same results; {@code true} is still answered from the index, across
	 * changes in both directions and a restart.
	 */
	@Test
	void aValueMostDocumentsHoldIsNoLongerKeptAndQueriesOnItScan() {
		String file = this.dataDir.resolve("saturated.mv").toString();
		int count = FieldIndex.SATURATED_AT + 904;
		try (Store store = new Store(file)) {
			MongoCollection<Document> orders = store.invoices();
			orders.createIndex(new Document("longDated", 1).append("status", 1),
					new IndexOptions().name("long_dated").partialFilterExpression(new Document("longDated", true)));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Document order = new Document("_id", String.format("o%05d", (i * 7919) % count))
					.append("status", (i % 3 == 0) ? "CLOSED" : "OPEN")
					.append("longDated", i % 500 == 0);
				docs.add(order);
			}
			// The index is built by the first query, then kept by every write.
			Store.same(orders, new Document("longDated", true));
			orders.insertMany(docs);
			FieldIndex index = store.collection().fieldIndex("longDated");
			assertThat(index.saturatedValues()).containsExactly(false);
			assertThat(index.keysOf(false)).isEmpty();
			assertThat(index.keysOf(true)).hasSize(10);

			orders.updateOne(new Document("_id", "o00007"), new Document("$set", new Document("longDated", true)));
			orders.updateOne(new Document("_id", "o00000"), new Document("$set", new Document("longDated", false)));
			orders.updateOne(new Document("_id", "o00014"), new Document("$unset", new Document("longDated", "")));
			orders.deleteOne(new Document("_id", "o00021"));
			assertThat(index.keysOf(true)).hasSize(10).contains("o00007").doesNotContain("o00000");
			assertThat(index.keysOf(false)).isEmpty();
			long read = store.collection().readFromFieldIndex();
			List<Object> open = orders.find(new Document("longDated", true).append("status", "OPEN"))
				.map(d -> d.get("_id"))
				.into(new ArrayList<>());
			assertThat(store.collection().readFromFieldIndex() - read).isEqualTo(10);
			assertThat(open).isNotEmpty();
			for (Document query : List.of(new Document("longDated", true), new Document("longDated", false),
					new Document("longDated", new Document("$in", List.of(true, false))),
					new Document("longDated", new Document("$gte", false)),
					new Document("longDated", new Document("$lte", true)),
					new Document("longDated", new Document("$gt", false)),
					new Document("longDated", false).append("status", "OPEN"))) {
				Store.same(orders, query);
			}
		}
		try (Store store = new Store(file)) {
			MongoCollection<Document> orders = store.invoices();
			Store.same(orders, new Document("longDated", true));
			Store.same(orders, new Document("longDated", false));
			assertThat(store.collection().fieldIndex("longDated").saturatedValues()).containsExactly(false);
		}
	}

	private static Document mark(int second) {
		return new Document("key", "m" + second).append("at", at(second));
	}

	private static Date at(int second) {
		return new Date(1_000L * second);
	}

	/**
	 * The shape of the exposure history's "last value before the window": each customer's
	 * newest matching document.
	 */
	private static List<Document> lastPerCustomer(Document match) {
		return List
			.of(new Document("$match", match),
					new Document("$sort", new Document(CUSTOMER, 1).append("invoiceDate", -1).append("n", -1)),
					new Document("$group",
							new Document("_id", "$" + CUSTOMER).append("last", new Document("$first", "$n"))
								.append("count", new Document("$sum", 1))),
					new Document("$sort", new Document("_id", 1)));
	}

	/** A file-backed store acknowledging writes once durable, as the service runs it. */
	private static final class Store implements AutoCloseable {

		private final IdLookupH2Backend backend;

		private final BackendServer server;

		Store(String file) {
			MVStore mvStore = new MVStore.Builder().fileName(file).open();
			this.backend = new IdLookupH2Backend(mvStore, BackendServer.SPARSE_FIELDS);
			this.server = new BackendServer(new DurableWritesBackend(this.backend, GroupCommit.of(mvStore)));
		}

		MongoCollection<Document> invoices() {
			return this.server.collection("invoices");
		}

		IdLookupH2Backend.Collection collection() {
			return (IdLookupH2Backend.Collection) this.backend.resolveDatabase("creditdesk")
				.resolveCollection("invoices", false);
		}

		/**
		 * Every query on the indexed field returns what the library's scan returns, and
		 * those the index answers are answered from it.
		 */
		void check(ObjectId objectCustomer) {
			MongoCollection<Document> invoices = invoices();
			List<Document> answered = List.of(new Document(CUSTOMER, "c03"), new Document(CUSTOMER, objectCustomer),
					new Document(CUSTOMER, "nobody"), new Document(CUSTOMER, new Document("$eq", "c05")),
					new Document(CUSTOMER, new Document("$in", List.of("c01", "c07", objectCustomer, "c16"))),
					new Document(CUSTOMER, new Document("$gte", "c04").append("$lte", "c09")),
					new Document(CUSTOMER, new Document("$gt", "c04").append("$lt", "c09")),
					new Document(CUSTOMER, new Document("$gte", "c15")),
					new Document(CUSTOMER, new Document("$lt", "c02")),
					new Document(CUSTOMER, new Document("$gte", "c09").append("$lte", "c04")),
					// The ledger's read of a page of customers: a range ahead of the
					// list.
					new Document(CUSTOMER,
							new Document("$gte", "c02").append("$lte", "c12")
								.append("$in", List.of("c02", "c07", "c12"))),
					new Document(CUSTOMER, "c02").append("status", "OPEN"),
					new Document("$and", List.of(new Document("status", "PAID"), new Document(CUSTOMER, "c08"))),
					// The history reader's page: a range ahead of the list, as parts of
					// an $and.
					new Document("$and",
							List.of(new Document(CUSTOMER, new Document("$gte", "c02")),
									new Document(CUSTOMER, new Document("$lte", "c12")),
									new Document(CUSTOMER, new Document("$in", List.of("c02", "c07", "c12"))))),
					new Document("$and",
							List.of(new Document(CUSTOMER, new Document("$gte", "c05")), new Document(CUSTOMER, "c05"),
									new Document("status", "OPEN"))),
					new Document(CUSTOMER, new Document("$gte", objectCustomer)));
			List<Document> scanned = List.of(new Document(CUSTOMER, null),
					new Document(CUSTOMER, new Document("$in", List.of("c01", new ObjectId(), 7))),
					new Document(CUSTOMER, new Document("$ne", "c03")), new Document(CUSTOMER, 7),
					new Document(CUSTOMER, Pattern.compile("^c0")), new Document(CUSTOMER, new Document("ref", "c04")),
					new Document(CUSTOMER, new Document("$exists", true)),
					// Most of the collection: read in the map's order rather than looked
					// up.
					new Document(CUSTOMER, new Document("$gte", "c02").append("$ne", "c03")));
			Document byCustomerAndDate = new Document(CUSTOMER, 1).append("invoiceDate", 1);
			exact(invoices);
			for (Document query : answered) {
				long before = collection().answeredFromFieldIndex();
				same(invoices, query);
				assertThat(collection().answeredFromFieldIndex()).as("answered from the index: %s", query)
					.isGreaterThan(before);
			}
			for (Document query : scanned) {
				same(invoices, query);
			}
			for (Document query : answered) {
				Document scan = scanned(query);
				assertThat(invoices.find(query).sort(byCustomerAndDate).into(new ArrayList<>())).as("sorted %s", query)
					.isEqualTo(invoices.find(scan).sort(byCustomerAndDate).into(new ArrayList<>()));
				assertThat(invoices.find(query)
					.sort(new Document("invoiceDate", -1))
					.skip(1)
					.limit(3)
					.projection(new Document("n", 1))
					.into(new ArrayList<>()))
					.as("paged %s", query)
					.isEqualTo(invoices.find(scan)
						.sort(new Document("invoiceDate", -1))
						.skip(1)
						.limit(3)
						.projection(new Document("n", 1))
						.into(new ArrayList<>()));
			}
		}

		/**
		 * The index holds exactly the stored documents: each plain value with the ids of
		 * the documents holding it, the others apart, no stale entry.
		 */
		private void exact(MongoCollection<Document> invoices) {
			Map<Object, List<Object>> byValue = new HashMap<>();
			List<Object> others = new ArrayList<>();
			for (Document doc : invoices.find(scanned(new Document()))) {
				Object value = doc.get(CUSTOMER);
				if (value instanceof String || value instanceof ObjectId) {
					byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(doc.get("_id"));
				}
				else if (value != null) {
					others.add(doc.get("_id"));
				}
			}
			FieldIndex index = collection().fieldIndex(CUSTOMER);
			assertThat(index.size()).isEqualTo(byValue.values().stream().mapToInt(List::size).sum());
			byValue.forEach((value,
					ids) -> assertThat(
							index.keysOf(storeValue(value)).stream().map(FieldIndexTests::driverValue).toList())
						.as("ids of %s", value)
						.containsExactlyInAnyOrderElementsOf(ids));
			assertThat(index.otherKeys().stream().map(FieldIndexTests::driverValue).toList())
				.containsExactlyInAnyOrderElementsOf(others);
		}

		private static void same(MongoCollection<Document> invoices, Document query) {
			assertThat(invoices.find(query).into(new ArrayList<>())).as("%s", query)
				.isEqualTo(invoices.find(scanned(query)).into(new ArrayList<>()));
			assertThat(invoices.countDocuments(query)).as("count %s", query)
				.isEqualTo(invoices.countDocuments(scanned(query)));
		}

		@Override
		public void close() {
			this.server.close();
		}

	}

	private static Object storeValue(Object value) {
		return (value instanceof ObjectId id) ? new de.bwaldvogel.mongo.bson.ObjectId(id.toByteArray()) : value;
	}

	private static Object driverValue(Object value) {
		return (value instanceof de.bwaldvogel.mongo.bson.ObjectId id) ? new ObjectId(id.toByteArray()) : value;
	}

	/**
	 * The same filter inside an {@code $or} beside a branch no index answers (no document
	 * has {@code _scanned}), which no plan of the store takes: the library's full scan.
	 */
	private static Document scanned(Document query) {
		return new Document("$or", List.of(query, new Document("_scanned", new Document("$exists", true))));
	}

}
