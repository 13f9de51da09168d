package io.creditdesk.embedded;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store's unique indexes order their keys by value ({@link IndexKeyType}): a
 * total order consistent with equality, the same uniqueness as the library's own index,
 * and store files written by the library's serialized-bytes order re-keyed on open,
 * including after a crash in the middle of the swap.
 */
class IndexKeyOrderTests {

	@TempDir
	Path dataDir;

	@Test
	void orderIsTotalAndConsistentWithEquals() {
		ObjectId oid1 = new ObjectId();
		ObjectId oid2 = new ObjectId();
		List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue("a"), new KeyValue("b"), new KeyValue("ab"),
				new KeyValue(""), new KeyValue(1), new KeyValue(2L), new KeyValue(1.0), new KeyValue(-3.5),
				new KeyValue(new BigDecimal("1.0")), new KeyValue(new BigDecimal("1.00")), new KeyValue(oid1),
				new KeyValue(oid2), new KeyValue(Missing.getInstance()), new KeyValue((Object) null),
				new KeyValue(true), new KeyValue("DE", "123"), new KeyValue("DE", "124"), new KeyValue("FR", "123"),
				new KeyValue("DE", null), new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", 1)),
				new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", 2)), new KeyValue(List.of(1, 2))));
		for (KeyValue a : keys) {
			for (KeyValue b : keys) {
				int ab = IndexKeyType.INSTANCE.compare(a, b);
				int ba = IndexKeyType.INSTANCE.compare(b, a);
				assertThat(Integer.signum(ab)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(ba));
				assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
				for (KeyValue c : keys) {
					if (ab < 0 && IndexKeyType.INSTANCE.compare(b, c) < 0) {
						assertThat(IndexKeyType.INSTANCE.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
					}
				}
			}
		}
		// Equal values in distinct instances (as read back from a page) compare equal.
		assertThat(IndexKeyType.INSTANCE.compare(new KeyValue("DE", "123"), new KeyValue("DE", "123"))).isZero();
	}

	@Test
	void lookupsAndUniquenessHoldOnManyKeys() {
		String file = this.dataDir.resolve("many.mv").toString();
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> customers = store.collection("customers");
			customers.createIndex(Indexes.ascending("countryCode", "taxId"), new IndexOptions().unique(true));
			List<Document> docs = new ArrayList<>();
			for (int i = 0; i < 3000; i++) {
				docs.add(new Document("_id", "c" + i).append("countryCode", (i % 2 == 0) ? "DE" : "FR")
					.append("taxId", "T" + i));
			}
			Collections.shuffle(docs, new Random(7));
			customers.insertMany(docs);
			assertThatThrownBy(() -> customers.insertOne(new Document("_id", "c1")))
				.isInstanceOf(MongoWriteException.class)
				.hasMessageContaining("duplicate key");
			assertThatThrownBy(() -> customers
				.insertOne(new Document("_id", "x").append("countryCode", "FR").append("taxId", "T1")))
				.hasMessageContaining("duplicate key");
			customers.insertOne(new Document("_id", "y").append("countryCode", "DE").append("taxId", "T1"));
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<Document> customers = store.collection("customers");
			assertThat(customers.countDocuments()).isEqualTo(3001);
			assertThat(
					customers.find(new Document("countryCode", "FR").append("taxId", "T2999")).first().getString("_id"))
				.isEqualTo("c2999");
			assertThatThrownBy(() -> customers
				.insertOne(new Document("_id", "z").append("countryCode", "DE").append("taxId", "T1")))
				.hasMessageContaining("duplicate key");
		}
	}

	@Test
	void storesWrittenInTheLibrarysOrderAreRekeyedOnOpen() {
		String file = this.dataDir.resolve("legacy.mv").toString();
		try (BackendServer store = new BackendServer(new H2Backend(file))) {
			writeCustomers(store.collection("customers"), 2000);
		}
		try (MVStore mv = MVStore.open(file)) {
			assertThat(mv.hasMap(IdLookupH2Backend.KEY_ORDER)).isFalse();
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			assertRekeyedAndUnique(store.collection("customers"), 2000);
		}
		try (MVStore mv = MVStore.open(file)) {
			MVMap<String, String> order = mv.openMap(IdLookupH2Backend.KEY_ORDER);
			assertThat(order).containsEntry("creditdesk.customers._index__id_", IdLookupH2Backend.KEY_ORDER_VALUE)
				.containsEntry("creditdesk.customers._index_countryCode_1_taxId_1", IdLookupH2Backend.KEY_ORDER_VALUE)
				.doesNotContainKeys("creditdesk.customers._index__id_#rekeyed");
		}
		// And again: nothing left to re-key.
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			assertRekeyedAndUnique(store.collection("customers"), 2000);
		}
	}

	@Test
	void anInterruptedSwapIsFinishedOnOpen() {
		String file = this.dataDir.resolve("crash.mv").toString();
		try (BackendServer store = new BackendServer(new H2Backend(file))) {
			writeCustomers(store.collection("customers"), 500);
		}
		String name = "creditdesk.customers._index_countryCode_1_taxId_1";
		// The state after the re-keyed copy was committed and the old map removed, before
		// the rename.
		try (MVStore mv = MVStore.open(file)) {
			MVMap<Object, Object> legacy = mv.openMap(name);
			MVMap<KeyValue, Object> copy = mv.openMap(name + "#rekeyed",
					new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
			legacy.forEach((k, v) -> copy.put((KeyValue) k, v));
			mv.<String, String>openMap(IdLookupH2Backend.KEY_ORDER)
				.put(name + "#rekeyed", IdLookupH2Backend.KEY_ORDER_VALUE);
			mv.removeMap(legacy);
			mv.commit();
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			assertRekeyedAndUnique(store.collection("customers"), 500);
		}
		// The state after a partial copy, before it was committed as complete: the old
		// map is re-keyed again.
		String partial = this.dataDir.resolve("partial.mv").toString();
		try (BackendServer store = new BackendServer(new H2Backend(partial))) {
			writeCustomers(store.collection("customers"), 500);
		}
		try (MVStore mv = MVStore.open(partial)) {
			MVMap<KeyValue, Object> copy = mv.openMap(name + "#rekeyed",
					new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
			copy.put(new KeyValue("DE", "T0"), "c0");
			mv.commit();
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(partial, BackendServer.SPARSE_FIELDS))) {
			assertRekeyedAndUnique(store.collection("customers"), 500);
		}
	}

	/**
	 * Updates that keep, change, swap, null, unset and re-type unique keys (single and
	 * compound, sparse and not): every outcome (applied or refused as a duplicate), the
	 * final documents, the lookups by each key and the collection's data size are those
	 * of the library's own backend.
	 */
	@Test
	void updatesOfUniqueKeysBehaveAsTheLibrarys() {
		try (BackendServer ours = new BackendServer(
				new IdLookupH2Backend(this.dataDir.resolve("ours.mv").toString(), BackendServer.SPARSE_FIELDS));
				BackendServer library = new BackendServer(
						new H2Backend(this.dataDir.resolve("library.mv").toString()))) {
			List<String> ourOutcomes = updateUniqueKeys(ours.collection("customers"));
			List<String> libraryOutcomes = updateUniqueKeys(library.collection("customers"));
			assertThat(ourOutcomes).isEqualTo(libraryOutcomes).contains("duplicate").contains("applied");
			assertThat(ours.collection("customers").find().sort(new Document("_id", 1)).into(new ArrayList<>()))
				.isEqualTo(library.collection("customers").find().sort(new Document("_id", 1)).into(new ArrayList<>()));
			Document stats = new Document("collStats", "customers");
			assertThat(ours.database().runCommand(stats).get("size"))
				.isEqualTo(library.database().runCommand(stats).get("size"));
		}
	}

	private static List<String> updateUniqueKeys(MongoCollection<Document> customers) {
		customers.createIndex(Indexes.ascending("countryCode", "taxId"), new IndexOptions().unique(true));
		customers.createIndex(Indexes.ascending("externalRef"), new IndexOptions().unique(true).sparse(true));
		for (int i = 0; i < 6; i++) {
			customers.insertOne(new Document("_id", "c" + i).append("countryCode", "DE")
				.append("taxId", "T" + i)
				.append("externalRef", "R" + i)
				.append("n", 0));
		}
		List<Document> updates = List.of(new Document("$inc", new Document("n", 1)),
				new Document("$set", new Document("externalRef", "R1")),
				new Document("$set", new Document("externalRef", "X0")),
				new Document("$set", new Document("externalRef", "R0")),
				new Document("$unset", new Document("externalRef", "")),
				new Document("$set", new Document("externalRef", 7)),
				new Document("$set", new Document("externalRef", 7L)),
				new Document("$set", new Document("externalRef", 7.0)),
				new Document("$set", new Document("externalRef", null)),
				new Document("$set", new Document("externalRef", List.of("R2", "R9"))),
				new Document("$set",
						new Document("externalRef", new org.bson.types.ObjectId("64b7f0a1c2d3e4f5a6b7c8d9"))),
				new Document("$set", new Document("taxId", "T3")),
				new Document("$set", new Document("countryCode", "FR")),
				new Document("$set", new Document("countryCode", "DE").append("taxId", "T9")),
				new Document("$unset", new Document("taxId", "")), new Document("$set", new Document("taxId", null)));
		List<String> outcomes = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < updates.size(); i++) {
				String id = "c" + ((i + round) % 6);
				try {
					long modified = customers.updateOne(new Document("_id", id), updates.get(i)).getModifiedCount();
					outcomes.add((modified == 1) ? "applied" : "unchanged");
				}
				catch (MongoWriteException ex) {
					outcomes.add(ex.getError().getCode() == 11000 ? "duplicate" : "error " + ex.getError().getCode());
				}
				catch (MongoException ex) {
					// The library has its own failures (an array in a unique field): the
					// same ones, then.
					outcomes.add("error " + ex.getCode() + " " + ex.getMessage().replaceAll("server [0-9.:]+", ""));
				}
			}
		}
		for (Object ref : List.of("R0", "R1", "R2", "R9", "X0", 7, 7.0, "missing")) {
			outcomes.add(ref + " -> "
					+ customers.find(new Document("externalRef", ref))
						.map(d -> d.getString("_id"))
						.into(new ArrayList<>()));
		}
		for (String tax : List.of("T0", "T1", "T3", "T9")) {
			outcomes.add(tax + " -> "
					+ customers.find(new Document("countryCode", "DE").append("taxId", tax))
						.map(d -> d.getString("_id"))
						.into(new ArrayList<>()));
		}
		return outcomes;
	}

	private static void writeCustomers(MongoCollection<Document> customers, int count) {
		customers.createIndex(Indexes.ascending("countryCode", "taxId"), new IndexOptions().unique(true));
		List<Document> docs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			docs.add(new Document("_id", "c" + i).append("countryCode", (i % 2 == 0) ? "DE" : "FR")
				.append("taxId", "T" + i));
		}
		Collections.shuffle(docs, new Random(11));
		customers.insertMany(docs);
	}

	private static void assertRekeyedAndUnique(MongoCollection<Document> customers, int count) {
		assertThat(customers.countDocuments()).isEqualTo(count);
		for (int i = 0; i < count; i += 37) {
			String country = (i % 2 == 0) ? "DE" : "FR";
			int n = i;
			assertThat(customers.find(new Document("countryCode", country).append("taxId", "T" + i))
				.first()
				.getString("_id")).isEqualTo("c" + i);
			assertThatThrownBy(() -> customers.insertOne(new Document("_id", "c" + n)))
				.hasMessageContaining("duplicate key");
			assertThatThrownBy(() -> customers
				.insertOne(new Document("_id", "dup" + n).append("countryCode", country).append("taxId", "T" + n)))
				.hasMessageContaining("duplicate key");
		}
	}

}
