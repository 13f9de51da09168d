package io.creditdesk.infrastructure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with a faster plan for queries that pin {@code _id} to a string
 * or ObjectId, which is every account read and every credit reservation
 * ({@code {_id, status, flags, $expr}}):
 * <ul>
 * <li>The library uses an index only when the query's fields are exactly the index's fields, so
 * a conditional {@code findOneAndUpdate} by {@code _id} <em>with</em> further conditions scanned
 * and matched the whole collection (about 30 % of the service's CPU under load).</li>
 * <li>Even a plain {@code {_id}} query went through the unique index's map, whose keys H2
 * compares by Java-serializing them at every step of the binary search.</li>
 * </ul>
 * This backend stores documents under their {@code _id} (the library's H2 layout), so it takes
 * the one candidate document straight from the data map and matches it against the complete
 * query: same results, same locking (the collection's methods stay synchronized), only the
 * candidate set is computed differently, as a real MongoDB's {@code _id} index would. Storage,
 * file format and durability are exactly those of {@link H2Backend}.
 * <p>
 * The library ignores non-unique indexes, so a query on any other field scans the collection.
 * For the few {@link #SPARSE_FIELDS sparse fields} that only a handful of documents carry at a
 * time (the outbox's {@code outboxAt}), each collection keeps in memory the ids of the documents
 * that have the field, in the data map's key order, and answers exactly
 * {@code {<field>: {$exists: true}}} (any sort but {@code $natural}, skip, limit, projection) from
 * them: same results as the scan, at a cost proportional to the documents that carry the field.
 * An ascending sort on the field with a limit (the relay's "oldest n") reads only the first n of
 * them in value order, so its cost does not grow with a backlog. The sets are built by one scan
 * when the collection opens and are maintained in the three storage primitives of {@link H2Collection} that every write goes through
 * ({@code addDocumentInternal}, {@code handleUpdate}, {@code removeDocument(position)}); nothing
 * is stored, so the file format is unchanged.
 * <p>
 * Unique indexes keep the library's maps and operations but order their keys by value
 * ({@link IndexKeyType}) instead of by their Java serialization; maps written in the old order are
 * re-keyed once when a store opens ({@link #indexMap}).
 */
final class IdLookupH2Backend extends H2Backend {

	/**
	 * Top-level fields whose {@code $exists: true} queries are answered from in-memory id sets:
	 * the outbox's {@code Outbox.SINCE} (a constant here: collections open while the backend's
	 * super constructor runs, before any instance field is set, and infrastructure does not
	 * depend on the events package; a test checks they agree).
	 */
	static final Set<String> SPARSE_FIELDS = Set.of("outboxAt");

	/**
	 * The map recording which unique-index maps are keyed with {@link IndexKeyType}. Its name
	 * holds a {@code $}, which no database name may, so dropping a database never drops it.
	 */
	static final String KEY_ORDER = "creditdesk$indexKeyOrder";

	static final String KEY_ORDER_VALUE = "value-order-1";

	private static final Logger log = LoggerFactory.getLogger(IdLookupH2Backend.class);

	IdLookupH2Backend(String fileName) {
		super(fileName);
	}

	IdLookupH2Backend(MVStore store) {
		super(store);
	}

	static IdLookupH2Backend inMemoryStore() {
		return new IdLookupH2Backend(MVStore.open(null));
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Opens collections on the same maps as {@link H2Database} does ({@code databases.<ns>} and
	 * {@code meta.<ns>}), so existing store files open unchanged. An inner class: it reads the
	 * store through the backend (the enclosing instance is set before the super constructor runs,
	 * which may already open collections).
	 */
	private final class Database extends H2Database {

		Database(String databaseName, MVStore store, CursorRegistry cursors) {
			super(databaseName, store, cursors);
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(collectionName);
			MVStore store = getMvStore();
			MVMap<Object, Document> data = store.openMap("databases." + namespace);
			MVMap<String, Object> meta = store.openMap("meta." + namespace);
			return new Collection(this, collectionName, options, data, meta, this.cursorRegistry, SPARSE_FIELDS);
		}

		/** The library's unique index on a map of the same name, keyed with {@link IndexKeyType}. */
		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
			return new ValueOrderedUniqueIndex(indexMap(getMvStore(), mapName), indexName, keys, sparse);
		}

	}

	/**
	 * Opens the unique-index map {@code name} keyed with {@link IndexKeyType}. A map of that name
	 * without a record in {@link #KEY_ORDER} was written by the library's serialized-bytes order
	 * and is re-keyed once: its entries (read by walking its pages, which needs no comparison) are
	 * copied into a new map that is committed together with its record before it replaces the old
	 * one, so a crash at any point leaves either the complete old map or the complete new one (the
	 * next open finishes an interrupted swap).
	 */
	static MVMap<KeyValue, Object> indexMap(MVStore store, String name) {
		MVMap.Builder<KeyValue, Object> keyed = new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
		String rekeyed = name + "#rekeyed";
		MVMap<String, String> order = store.openMap(KEY_ORDER);
		if (!order.containsKey(name) && order.containsKey(rekeyed)) {
			// An interrupted swap: the re-keyed copy is complete; finish replacing the old map with it.
			if (store.hasMap(rekeyed)) {
				if (store.hasMap(name)) {
					store.removeMap(name);
				}
				store.renameMap(store.openMap(rekeyed, keyed), name);
			}
			order.put(name, KEY_ORDER_VALUE);
			order.remove(rekeyed);
			store.commit();
		}
		else if (!order.containsKey(name) && store.hasMap(name)) {
			if (store.hasMap(rekeyed)) {
				store.removeMap(rekeyed);
			}
			MVMap<Object, Object> legacy = store.openMap(name);
			MVMap<KeyValue, Object> copy = store.openMap(rekeyed, keyed);
			for (Map.Entry<Object, Object> entry : legacy.entrySet()) {
				copy.put((KeyValue) entry.getKey(), entry.getValue());
			}
			long entries = copy.sizeAsLong();
			order.put(rekeyed, KEY_ORDER_VALUE);
			store.commit();
			store.removeMap(legacy);
			store.renameMap(copy, name);
			order.put(name, KEY_ORDER_VALUE);
			order.remove(rekeyed);
			store.commit();
			log.info("Re-keyed unique index {} ({} entries) to the value order", name, entries);
		}
		MVMap<KeyValue, Object> map = store.openMap(name, keyed);
		order.putIfAbsent(name, KEY_ORDER_VALUE);
		return map;
	}

	static final class Collection extends H2Collection {

		private static final String ID = "_id";

		private static final String EXISTS = "$exists";

		private static final String NATURAL = "$natural";

		/**
		 * Per sparse field, the data map keys of the documents that have it, ordered as the data
		 * map orders its keys (so candidates come in the scan's natural order, and sorts with ties
		 * keep the scan's order). Written only under the collection's lock; concurrent sets so a
		 * read never sees a half-done change.
		 */
		private final Map<String, NavigableSet<Object>> sparse;

		/**
		 * Per sparse field, the same documents ordered by the field's value (the library's
		 * ascending value order), then by key: what a sort on the field scans in a real MongoDB's
		 * index, so that "the oldest n" takes n documents however many carry the field. Documents
		 * whose value is null, an array or a subdocument are in {@link #unranked} instead, and while
		 * there are any the sorted path is not taken.
		 */
		private final Map<String, NavigableSet<Ranked>> ranked;

		private final Map<String, Map<Object, Object>> rankedValues;

		private final Map<String, Set<Object>> unranked;

		private record Ranked(Object value, Object key) {
		}

		Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors, Set<String> sparseFields) {
			super(database, name, options, data, meta, cursors);
			Map<String, NavigableSet<Object>> sets = new HashMap<>();
			Map<String, NavigableSet<Ranked>> rankedSets = new HashMap<>();
			Map<String, Map<Object, Object>> values = new HashMap<>();
			Map<String, Set<Object>> unrankedSets = new HashMap<>();
			Comparator<Ranked> byValue = Comparator.<Ranked, Object>comparing(Ranked::value, ValueComparator.asc())
				.thenComparing(Ranked::key, data.getKeyType()::compare);
			for (String field : sparseFields) {
				if (field.contains(".") || field.startsWith("$")) {
					throw new IllegalArgumentException("Only top-level fields can be tracked: " + field);
				}
				sets.put(field, new ConcurrentSkipListSet<>(data.getKeyType()::compare));
				rankedSets.put(field, new ConcurrentSkipListSet<>(byValue));
				values.put(field, new ConcurrentHashMap<>());
				unrankedSets.put(field, ConcurrentHashMap.newKeySet());
			}
			this.sparse = Map.copyOf(sets);
			this.ranked = Map.copyOf(rankedSets);
			this.rankedValues = Map.copyOf(values);
			this.unranked = Map.copyOf(unrankedSets);
			if (!this.sparse.isEmpty()) {
				for (Map.Entry<Object, Document> entry : data.entrySet()) {
					track(entry.getKey(), entry.getValue());
				}
			}
		}

		/**
		 * A query pinning {@code _id} to a string or ObjectId: the candidate is the document stored
		 * under that id (this backend's position <em>is</em> the id), matched against the whole
		 * query. A query that is exactly {@code {<sparse field>: {$exists: true}}}: the candidates
		 * are the documents that have the field. Other queries take the library's path.
		 */
		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			Object id = query.get(ID);
			if (ID.equals(getIdField()) && (id instanceof String || id instanceof ObjectId)) {
				List<Object> candidates = (getDocument(id) != null) ? List.of(id) : List.of();
				return matchDocuments(query, candidates, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
			}
			NavigableSet<Object> having = sparseCandidates(query, orderBy);
			if (having != null) {
				List<Object> oldest = oldestFirst(query.keySet().iterator().next(), orderBy, numberToSkip, numberToReturn);
				return matchDocuments(query, (oldest != null) ? oldest : new ArrayList<>(having), orderBy, numberToSkip,
						numberToReturn, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

		/**
		 * The tracked ids when the query is exactly {@code {<sparse field>: {$exists: true}}}
		 * (a superset of what it matches; the library still matches every candidate) and the
		 * order is not {@code $natural} (the library's descending natural order is not the map's
		 * reversed order), otherwise {@code null}.
		 */
		private NavigableSet<Object> sparseCandidates(Document query, Document orderBy) {
			if (this.sparse.isEmpty() || query.size() != 1 || (orderBy != null && orderBy.containsKey(NATURAL))) {
				return null;
			}
			String field = query.keySet().iterator().next();
			NavigableSet<Object> having = this.sparse.get(field);
			if (having != null && query.get(field) instanceof Document condition && condition.size() == 1
					&& Boolean.TRUE.equals(condition.get(EXISTS))) {
				return having;
			}
			return null;
		}

		/**
		 * For an ascending sort on the field itself with a limit, the first {@code skip + limit}
		 * documents in value order (ties in key order, as the library's stable sort of its scan
		 * leaves them); otherwise {@code null}.
		 */
		private List<Object> oldestFirst(String field, Document orderBy, int skip, int limit) {
			if (limit <= 0 || orderBy == null || orderBy.size() != 1 || !(orderBy.get(field) instanceof Number direction)
					|| direction.intValue() != 1 || !this.unranked.get(field).isEmpty()) {
				return null;
			}
			List<Object> keys = new ArrayList<>();
			for (Ranked entry : this.ranked.get(field)) {
				if (keys.size() >= skip + limit) {
					break;
				}
				keys.add(entry.key());
			}
			return keys;
		}

		/** Every insert and upsert stores its document here. */
		@Override
		protected Object addDocumentInternal(Document document) {
			Object position;
			try {
				position = super.addDocumentInternal(document);
			}
			catch (RuntimeException ex) {
				// The library's duplicate-key assertion fires after the put: follow what is stored.
				if (getIdField() != null) {
					Object key = document.get(getIdField());
					track(key, getDocument(Missing.ofNullable(key)));
				}
				throw ex;
			}
			track(position, document);
			return position;
		}

		/** Every update, replacement and findAndModify update stores the new document here. */
		@Override
		protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
			super.handleUpdate(position, oldDocument, newDocument);
			track(position, newDocument);
		}

		/** Every delete and findAndModify remove ends here. */
		@Override
		protected void removeDocument(Object position) {
			super.removeDocument(position);
			track(position, null);
		}

		private void track(Object position, Document document) {
			if (this.sparse.isEmpty()) {
				return;
			}
			Object key = Missing.ofNullable(position);
			for (Map.Entry<String, NavigableSet<Object>> entry : this.sparse.entrySet()) {
				String field = entry.getKey();
				Map<Object, Object> values = this.rankedValues.get(field);
				Object previous = values.remove(key);
				if (previous != null) {
					this.ranked.get(field).remove(new Ranked(previous, key));
				}
				this.unranked.get(field).remove(key);
				if (document != null && document.containsKey(field)) {
					entry.getValue().add(key);
					Object value = document.get(field);
					if (value == null || value instanceof java.util.Collection || value instanceof Document) {
						this.unranked.get(field).add(key);
					}
					else {
						values.put(key, value);
						this.ranked.get(field).add(new Ranked(value, key));
					}
				}
				else {
					entry.getValue().remove(key);
				}
			}
		}

		/** The data map keys of the documents that have {@code field}, in key order (tests). */
		synchronized List<Object> sparseIds(String field) {
			NavigableSet<Object> having = this.sparse.get(field);
			return (having != null) ? List.copyOf(having) : Collections.emptyList();
		}

	}

}
