package io.creditdesk.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.EmptyIndex;
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
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with a faster plan for queries that pin {@code _id} to a
 * string or ObjectId, which is every account read and every credit reservation
 * ({@code {_id, status, flags, $expr}}):
 * <ul>
 * <li>The library uses an index only when the query's fields are exactly the index's
 * fields, so a conditional {@code findOneAndUpdate} by {@code _id} <em>with</em> further
 * conditions scanned and matched the whole collection (about 30 % of the service's CPU
 * under load).</li>
 * <li>Even a plain {@code {_id}} query went through the unique index's map, whose keys H2
 * compares by Java-serializing them at every step of the binary search.</li>
 * </ul>
 * This backend stores documents under their {@code _id} (the library's H2 layout), so it
 * takes the one candidate document straight from the data map and matches it against the
 * complete query: same results, same locking (the collection's methods stay
 * synchronized), only the candidate set is computed differently, as a real MongoDB's
 * {@code _id} index would. Storage, file format and durability are exactly those of
 * {@link H2Backend}.
 * <p>
 * The library ignores non-unique indexes, so a query on any other field scans the
 * collection. For the few {@link #sparseFields() sparse fields} that only some documents
 * carry at a time (declared by the capabilities that write them, as
 * {@link SparseField}s), each collection keeps in memory the ids of the documents that
 * have the field (and of those where it is not null), in the data map's key order. A
 * query with a condition on such a field that a document without it cannot meet
 * ({@code $exists: true}, {@code $ne: null}, {@code $gt}/{@code $gte}/equality with a
 * value, at the top level or inside a top-level {@code $and}) takes those documents as
 * its candidates and matches them against the whole query: same results as the scan (any
 * sort but {@code $natural}, skip, limit, projection), at a cost proportional to the
 * documents that carry the field. An ascending sort on the field with a limit (the
 * relay's "oldest n", the worklist's pages) reads the candidates in value order and stops
 * after n matches, so its cost does not grow with a backlog. The sets are built by one
 * scan when the collection opens and are maintained in the three storage primitives of
 * {@link H2Collection} that every write goes through ({@code addDocumentInternal},
 * {@code handleUpdate}, {@code removeDocument(position)}); nothing is stored, so the file
 * format is unchanged.
 * <p>
 * Non-unique indexes, which the library ignores, are answered on their leading field when
 * it is a top-level one: the collection keeps that field's values in memory
 * ({@link FieldIndex}), built by one scan the first time a query needs them and kept by
 * the same three storage primitives from then on; nothing is stored, so the file format
 * is unchanged, and the index declarations the library already records in the store bring
 * them back after a restart. A query with equality, {@code $in} or a range on such a
 * field (at the top level or inside a top-level {@code $and}) takes the documents the
 * index gives as its candidates and matches them against the whole query: the scan's
 * results, in the scan's order, at a cost proportional to the documents in question (a
 * customer's invoices, not every invoice). Queries the {@code _id} plan, a sparse field
 * or a unique index answers are left to those.
 * <p>
 * Unique indexes keep the library's maps and operations but order their keys by value
 * ({@link IndexKeyType}) instead of by their Java serialization; maps written in the old
 * order are re-keyed once when a store opens ({@link #indexMap}).
 */
final class IdLookupH2Backend extends H2Backend {

	/**
	 * The map recording which unique-index maps are keyed with {@link IndexKeyType}. Its
	 * name holds a {@code $}, which no database name may, so dropping a database never
	 * drops it.
	 */
	static final String KEY_ORDER = "creditdesk$indexKeyOrder";

	static final String KEY_ORDER_VALUE = "value-order-1";

	/**
	 * The prefix of the data maps' names, {@code databases.<database>.<collection>}, as
	 * {@link H2Database} names them.
	 */
	private static final String DATA_PREFIX = "databases.";

	private static final Logger log = LoggerFactory.getLogger(IdLookupH2Backend.class);

	/**
	 * The top-level fields whose queries are answered from in-memory id sets. Null while
	 * the super constructor runs: it opens the databases and collections already in the
	 * store before any field of this class is set, so those collections start without
	 * tracked fields and are given them by this class's constructor, before the backend
	 * serves anything.
	 */
	private final Set<String> sparseFields;

	IdLookupH2Backend(String fileName, Set<String> sparseFields) {
		this(MVStore.open(fileName), sparseFields);
	}

	IdLookupH2Backend(MVStore store, Set<String> sparseFields) {
		super(checked(store, sparseFields));
		this.sparseFields = Set.copyOf(sparseFields);
		// Given to the collections the super constructor opened; those opened later get
		// them when they open.
		for (String mapName : store.getMapNames()) {
			if (mapName.startsWith(DATA_PREFIX)) {
				String namespace = mapName.substring(DATA_PREFIX.length());
				int dot = namespace.indexOf('.');
				MongoCollection<?> opened = resolveDatabase(namespace.substring(0, dot))
					.resolveCollection(namespace.substring(dot + 1), false);
				if (opened instanceof Collection collection) {
					collection.trackFields(this.sparseFields);
				}
			}
		}
	}

	/**
	 * The store, once every field is known to be one that can be tracked (before the
	 * store is read).
	 */
	private static MVStore checked(MVStore store, Set<String> sparseFields) {
		for (String field : sparseFields) {
			SparseField.check(field);
		}
		return store;
	}

	static IdLookupH2Backend inMemoryStore(Set<String> sparseFields) {
		return new IdLookupH2Backend(MVStore.open(null), sparseFields);
	}

	/** The fields this backend answers queries on from memory. */
	Set<String> sparseFields() {
		return this.sparseFields;
	}

	/** The open cursors of every database ({@link BatchedRepliesBackend}). */
	CursorRegistry cursors() {
		return getCursorRegistry();
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new Database(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Opens collections on the same maps as {@link H2Database} does
	 * ({@code databases.<ns>} and {@code meta.<ns>}), so existing store files open
	 * unchanged. An inner class: it reads the store through the backend (the enclosing
	 * instance is set before the super constructor runs, which may already open
	 * collections).
	 */
	private final class Database extends H2Database {

		Database(String databaseName, MVStore store, CursorRegistry cursors) {
			super(databaseName, store, cursors);
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(collectionName);
			MVStore store = getMvStore();
			MVMap<Object, Document> data = store.openMap(DATA_PREFIX + namespace,
					new MVMap.Builder<Object, Document>().keyType(KeyDataType.INSTANCE)
						.valueType(DocumentDataType.INSTANCE));
			MVMap<String, Object> meta = store.openMap("meta." + namespace);
			Collection collection = new Collection(this, collectionName, options, data, meta, this.cursorRegistry);
			Set<String> fields = IdLookupH2Backend.this.sparseFields;
			if (fields != null) {
				collection.trackFields(fields);
			}
			return collection;
		}

		/**
		 * An aggregation whose pipeline begins with a {@code $match} that an {@code _id},
		 * a tracked sparse field or a declared index's leading field narrows
		 * ({@link Collection#candidatesOf}): its documents are those candidates that
		 * match, where the library would read every document of the collection and filter
		 * them in the stage, as a real MongoDB uses an index for a leading
		 * {@code $match}; the rest of the pipeline runs on the matches. Any other
		 * pipeline runs as the library runs it. Everything else (validation, errors, the
		 * cursor) is the library's.
		 */
		@Override
		public Document handleCommand(Channel channel, String command, Document query,
				DatabaseResolver databaseResolver, Oplog oplog) {
			if ("aggregate".equalsIgnoreCase(command)) {
				Document match = leadingMatch(query.get("pipeline"));
				if (match != null && resolveCollection(String.valueOf(query.get(command)),
						false) instanceof Collection collection) {
					java.util.Collection<Object> candidates = collection.candidatesOf(match);
					if (candidates != null) {
						// The stage is answered from the candidates: the rest of the
						// pipeline runs on its matches.
						List<?> stages = (List<?>) query.get("pipeline");
						Document rest = new Document(query);
						rest.put("pipeline", new ArrayList<>(stages.subList(1, stages.size())));
						return collection.withLeadingMatch(match, candidates,
								() -> super.handleCommand(channel, command, rest, databaseResolver, oplog));
					}
				}
			}
			return super.handleCommand(channel, command, query, databaseResolver, oplog);
		}

		/**
		 * The library's unique index on a map of the same name, keyed with
		 * {@link IndexKeyType}.
		 */
		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
			return new ValueOrderedUniqueIndex(indexMap(getMvStore(), mapName), indexName, keys, sparse);
		}

		/**
		 * A non-unique index: the library keeps none; here its leading field (a top-level
		 * one or a dotted path without array positions) is indexed in memory by the
		 * collection ({@link FieldIndex}), as a real MongoDB answers a query on an
		 * index's leading field from the index. Called when the service creates the index
		 * and, for indexes created before, each time the store opens.
		 */
		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			String leading = keys.get(0).getKey();
			MongoCollection<?> opened = resolveCollection(collectionName, false);
			if (opened instanceof Collection collection && FieldIndex.indexable(leading)) {
				collection.declareIndex(indexName, leading);
				return new DeclaredIndex(indexName, keys, collection);
			}
			return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
		}

	}

	/**
	 * The library's record of a non-unique index whose leading field the collection
	 * indexes: it holds nothing itself (the collection's {@link FieldIndex} does), so the
	 * library has nothing to fill when it is added (which it would otherwise do by
	 * reading every document of the collection), and dropping it drops the field's index.
	 */
	private static final class DeclaredIndex extends EmptyIndex<Object> {

		private final Collection collection;

		DeclaredIndex(String name, List<IndexKey> keys, Collection collection) {
			super(name, keys);
			this.collection = collection;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public void drop() {
			this.collection.forgetIndex(getName());
		}

	}

	/**
	 * Opens the unique-index map {@code name} keyed with {@link IndexKeyType}. A map of
	 * that name without a record in {@link #KEY_ORDER} was written by the library's
	 * serialized-bytes order and is re-keyed once: its entries (read by walking its
	 * pages, which needs no comparison) are copied into a new map that is committed
	 * together with its record before it replaces the old one, so a crash at any point
	 * leaves either the complete old map or the complete new one (the next open finishes
	 * an interrupted swap).
	 */
	static MVMap<KeyValue, Object> indexMap(MVStore store, String name) {
		MVMap.Builder<KeyValue, Object> keyed = new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE)
			.valueType(KeyDataType.INSTANCE);
		String rekeyed = name + "#rekeyed";
		MVMap<String, String> order = store.openMap(KEY_ORDER);
		if (!order.containsKey(name) && order.containsKey(rekeyed)) {
			// An interrupted swap: the re-keyed copy is complete; finish replacing the
			// old map with it.
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

	/**
	 * The condition of a pipeline's first stage when it is a {@code $match} the query
	 * path answers the same way as the stage (not a text search), else null.
	 */
	static Document leadingMatch(Object pipeline) {
		if (!(pipeline instanceof List<?> stages) || stages.isEmpty() || !(stages.get(0) instanceof Document first)
				|| first.size() != 1 || !(first.get("$match") instanceof Document match)
				|| match.containsKey("$text")) {
			return null;
		}
		return match;
	}

	static final class Collection extends H2Collection {

		private static final String ID = "_id";

		private static final String EXISTS = "$exists";

		private static final String NATURAL = "$natural";

		/**
		 * Per sparse field, the data map keys of the documents that have it, ordered as
		 * the data map orders its keys (so candidates come in the scan's natural order,
		 * and sorts with ties keep the scan's order). Written only under the collection's
		 * lock; concurrent sets so a read never sees a half-done change.
		 */
		private Map<String, NavigableSet<Object>> sparse = Map.of();

		/**
		 * Per sparse field, the documents whose value is neither null, an array nor a
		 * subdocument, ordered by the value (the library's ascending value order), then
		 * by key: what a sort on the field scans in a real MongoDB's index, so that "the
		 * oldest n" reads n documents however many carry the field. While any document
		 * holds an array or a subdocument there (or, for a query that null values can
		 * match, a null), the sorted path is not taken.
		 */
		private Map<String, NavigableSet<Ranked>> ranked = Map.of();

		private Map<String, Map<Object, Object>> rankedValues = Map.of();

		/**
		 * Per sparse field, the keys of documents whose value is an array or a
		 * subdocument.
		 */
		private Map<String, Set<Object>> unranked = Map.of();

		/** Per sparse field, the keys of documents whose value is null. */
		private Map<String, Set<Object>> nulls = Map.of();

		private final MVMap<Object, Document> data;

		private long acknowledgedDirectly;

		/**
		 * The leading field of each non-unique index declared on the collection, by index
		 * name.
		 */
		private final Map<String, String> declaredIndexes = new ConcurrentHashMap<>();

		/**
		 * The in-memory index of each such field, built by one scan the first time a
		 * query needs it (so opening a store reads no documents for it) and kept by every
		 * write from then on.
		 */
		private final Map<String, FieldIndex> fieldIndexes = new ConcurrentHashMap<>();

		private long answeredFromFieldIndex;

		/** Candidates those queries read (tests). */
		private long readFromFieldIndex;

		/**
		 * The leading {@code $match} of the aggregation this thread is running on the
		 * collection, with its candidates, until its documents are read
		 * ({@link #queryAllAsStream}).
		 */
		private final ThreadLocal<Map.Entry<Document, java.util.Collection<Object>>> leadingMatch = new ThreadLocal<>();

		/** Aggregations whose documents came from the query path (tests). */
		private long aggregationsNarrowed;

		/** Documents read walking a tracked field in value order (tests). */
		private long readInValueOrder;

		/**
		 * Each thread's conditions of the query it last matched (a query is matched
		 * against each of its candidates in turn on one thread).
		 */
		private static final ThreadLocal<StringSetConditions> LAST_CONDITIONS = new ThreadLocal<>();

		private long matchedBySets;

		private record Ranked(Object value, Object key) {
		}

		/**
		 * What a query's condition on a tracked field says about the documents it can
		 * match: only those that have the field, or only those whose value is not null.
		 */
		private enum Presence {

			HAS_FIELD, NOT_NULL

		}

		/** The tracked field a query narrows the candidates to, and how. */
		private record Narrowing(String field, Presence presence) {
		}

		Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
			this.data = data;
		}

		/**
		 * Starts tracking {@code sparseFields}: builds their sets by one scan of the
		 * collection. Called once, while the backend is being built or a collection is
		 * opened, before any query or write reaches the collection.
		 */
		synchronized void trackFields(Set<String> sparseFields) {
			Map<String, NavigableSet<Object>> sets = new HashMap<>();
			Map<String, NavigableSet<Ranked>> rankedSets = new HashMap<>();
			Map<String, Map<Object, Object>> values = new HashMap<>();
			Map<String, Set<Object>> unrankedSets = new HashMap<>();
			Map<String, Set<Object>> nullSets = new HashMap<>();
			Comparator<Ranked> byValue = Comparator.<Ranked, Object>comparing(Ranked::value, PlainValueOrder.ASCENDING)
				.thenComparing(Ranked::key, this.data.getKeyType()::compare);
			for (String field : sparseFields) {
				sets.put(field, new ConcurrentSkipListSet<>(this.data.getKeyType()::compare));
				rankedSets.put(field, new ConcurrentSkipListSet<>(byValue));
				values.put(field, new ConcurrentHashMap<>());
				unrankedSets.put(field, ConcurrentHashMap.newKeySet());
				nullSets.put(field, ConcurrentHashMap.newKeySet());
			}
			this.sparse = Map.copyOf(sets);
			this.ranked = Map.copyOf(rankedSets);
			this.rankedValues = Map.copyOf(values);
			this.unranked = Map.copyOf(unrankedSets);
			this.nulls = Map.copyOf(nullSets);
			if (!this.sparse.isEmpty()) {
				for (Map.Entry<Object, Document> entry : this.data.entrySet()) {
					track(entry.getKey(), entry.getValue());
				}
			}
		}

		/**
		 * A query pinning {@code _id} to a string or ObjectId: the candidate is the
		 * document stored under that id (this backend's position <em>is</em> the id),
		 * matched against the whole query. A query with a condition on a tracked field
		 * that only documents having the field can meet (see {@link #narrowing}): the
		 * candidates are those documents, matched against the whole query, unless the
		 * query also pins the leading field of a declared index to fewer documents
		 * ({@link FieldIndex}: a customer's waiting orders are that customer's orders,
		 * not the whole worklist). A query on such a field alone: its candidates from the
		 * index. Other queries take the library's path.
		 */
		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			java.util.Collection<Object> candidates = candidatesOf(query, orderBy, numberToSkip, numberToReturn);
			return (candidates != null)
					? matchDocuments(query, candidates, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector)
					: super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

		/**
		 * The documents {@link #queryDocuments} reads for {@code query} (sorted by
		 * {@code orderBy}, the first {@code skip + limit} wanted), or null when it reads
		 * the whole collection, as the library does.
		 */
		private java.util.Collection<Object> candidatesOf(Document query, Document orderBy, int skip, int limit) {
			Object id = query.get(ID);
			if (ID.equals(getIdField()) && (id instanceof String || id instanceof ObjectId)) {
				return (getDocument(id) != null) ? List.of(id) : List.of();
			}
			if (orderBy != null && orderBy.containsKey(NATURAL)) {
				return null;
			}
			Narrowing narrowing = this.sparse.isEmpty() ? null : narrowing(query);
			List<Object> indexed = (this.declaredIndexes.isEmpty() || answeredByUniqueIndex(query)) ? null
					: indexedCandidates(query);
			if (narrowing != null) {
				java.util.Collection<Object> tracked = (narrowing.presence() == Presence.NOT_NULL)
						? nonNull(narrowing.field()) : this.sparse.get(narrowing.field());
				// Both apply ("this customer's waiting orders"): the smaller set of
				// candidates. Reading the tracked documents in value order stops after
				// the first matches, but reads every one of them when few match.
				if (indexed == null || !hasMoreThan(tracked, indexed.size())) {
					List<Object> firstInOrder = firstInValueOrder(narrowing, query, orderBy, skip, limit);
					return (firstInOrder != null) ? firstInOrder : new ArrayList<>(tracked);
				}
			}
			if (indexed != null) {
				this.answeredFromFieldIndex++;
				this.readFromFieldIndex += indexed.size();
			}
			return indexed;
		}

		/**
		 * Every query's results pass here to be matched, sorted, skipped, limited and
		 * projected, as the library does, but sorted with {@link SortKeys}: the same
		 * order without splitting each sort key at every comparison.
		 */
		@Override
		protected QueryResult matchDocumentsFromStream(Stream<Document> documentStream, Document query,
				Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
			return matchDocumentsFromStream(query, documentStream, numberToSkip, limit, batchSize, SortKeys.of(orderBy),
					fieldSelector);
		}

		/**
		 * Matches as the library does, with the query's string-list conditions checked
		 * against a hash set ({@link StringSetConditions}), taken from the query once per
		 * query on each thread.
		 */
		@Override
		protected boolean documentMatchesQuery(Document document, Document query) {
			StringSetConditions conditions = LAST_CONDITIONS.get();
			if (conditions == null || conditions.query() != query) {
				conditions = StringSetConditions.of(query);
				LAST_CONDITIONS.set(conditions);
			}
			Boolean own = conditions.applies() ? conditions.matches(document) : null;
			if (own == null) {
				return super.documentMatchesQuery(document, query);
			}
			if (!own) {
				return false;
			}
			this.matchedBySets++;
			return conditions.rest() == null || super.documentMatchesQuery(document, conditions.rest());
		}

		/** Documents whose string-list conditions a hash set checked (tests). */
		long matchedBySets() {
			return this.matchedBySets;
		}

		/**
		 * Whether {@code set} holds more than {@code size} elements, counting no further
		 * (the size of a concurrent skip list set is a walk over all of it).
		 */
		/**
		 * The keys of the documents whose {@code field} (a sparse one) is not null, in
		 * key order: those that have it, less those holding null (rare: the service
		 * unsets its sparse fields), so that a write keeps no third set of nearly every
		 * key.
		 */
		private java.util.Collection<Object> nonNull(String field) {
			NavigableSet<Object> having = this.sparse.get(field);
			Set<Object> holdingNull = this.nulls.get(field);
			if (holdingNull.isEmpty()) {
				return having;
			}
			List<Object> keys = new ArrayList<>();
			for (Object key : having) {
				if (!holdingNull.contains(key)) {
					keys.add(key);
				}
			}
			return keys;
		}

		private static boolean hasMoreThan(java.util.Collection<Object> set, int size) {
			int seen = 0;
			for (Iterator<Object> it = set.iterator(); it.hasNext(); it.next()) {
				if (++seen > size) {
					return true;
				}
			}
			return false;
		}

		/** Whether one of the library's unique indexes takes this query. */
		private boolean answeredByUniqueIndex(Document query) {
			for (Index<Object> index : getIndexes()) {
				if (!(index instanceof EmptyIndex) && index.canHandle(query)) {
					return true;
				}
			}
			return false;
		}

		/**
		 * The most candidates a field index gives before the collection is read in its
		 * own order instead (a KPI period covering every order): three quarters of it.
		 */
		private int mostCandidates() {
			return this.data.size() / 4 * 3;
		}

		/**
		 * The candidates of the first condition on an indexed field (at the top level or
		 * inside a top-level {@code $and}) that its {@link FieldIndex} answers, or of a
		 * top-level {@code $or} each of whose branches is so answered ({@link #union}),
		 * or null. The conditions an {@code $and} puts on one field are asked together (a
		 * range and a list of values on the customer id: the values, not the whole
		 * range), and of several fields one with values before one with only a range.
		 */
		private List<Object> indexedCandidates(Document query) {
			for (Map.Entry<String, Object> entry : query.entrySet()) {
				List<Object> candidates = null;
				if ("$or".equals(entry.getKey()) && entry.getValue() instanceof List<?> branches) {
					candidates = union(branches);
				}
				else if ("$and".equals(entry.getKey()) && entry.getValue() instanceof List<?> parts) {
					candidates = conjunctionCandidates(parts);
					if (candidates != null) {
						return candidates;
					}
					for (Object part : parts) {
						candidates = (part instanceof Document condition) ? indexedCandidates(condition) : null;
						if (candidates != null) {
							return candidates;
						}
					}
				}
				else if (this.declaredIndexes.containsValue(entry.getKey())) {
					candidates = fieldIndex(entry.getKey()).candidates(entry.getValue(), mostCandidates());
				}
				if (candidates != null) {
					return candidates;
				}
			}
			return null;
		}

		/**
		 * The candidates of an {@code $or}: those of each branch together, in key order,
		 * when every branch has some from an index (the sweep of expired pending changes,
		 * on a customer's or a group's marks); null when a branch has none (it could
		 * match any document) or together they are most of the collection.
		 */
		private List<Object> union(List<?> branches) {
			if (branches.isEmpty()) {
				return null;
			}
			List<List<Object>> each = new ArrayList<>();
			long count = 0;
			for (Object branch : branches) {
				List<Object> candidates = (branch instanceof Document condition) ? indexedCandidates(condition) : null;
				if (candidates == null) {
					return null;
				}
				each.add(candidates);
				count += candidates.size();
			}
			if (each.size() == 1) {
				return each.get(0);
			}
			if (count > mostCandidates()) {
				return null;
			}
			TreeSet<Object> keys = new TreeSet<>(this.data.getKeyType()::compare);
			each.forEach(keys::addAll);
			return new ArrayList<>(keys);
		}

		/**
		 * The candidates of the parts of an {@code $and} that are conditions on indexed
		 * fields, each field's conditions merged into one (all must hold, so any of them
		 * alone gives a superset of the matches): the field with the fewest candidates
		 * among those with values ({@code $eq}, {@code $in}, a plain value), else among
		 * those with ranges; null when no part is such a condition.
		 */
		private List<Object> conjunctionCandidates(List<?> parts) {
			Map<String, Document> byField = new LinkedHashMap<>();
			for (Object part : parts) {
				if (!(part instanceof Document condition)) {
					continue;
				}
				for (Map.Entry<String, Object> c : condition.entrySet()) {
					Document operators = this.declaredIndexes.containsValue(c.getKey()) ? operators(c.getValue())
							: null;
					if (operators != null) {
						byField.computeIfAbsent(c.getKey(), field -> new Document()).putAll(operators);
					}
				}
			}
			List<Object> smallest = null;
			for (boolean values : new boolean[] { true, false }) {
				for (Map.Entry<String, Document> field : byField.entrySet()) {
					boolean hasValues = field.getValue().containsKey("$eq") || field.getValue().containsKey("$in");
					if (hasValues != values) {
						continue;
					}
					List<Object> candidates = fieldIndex(field.getKey()).candidates(field.getValue(), mostCandidates());
					if (candidates != null && (smallest == null || candidates.size() < smallest.size())) {
						smallest = candidates;
					}
				}
				if (smallest != null) {
					return smallest;
				}
			}
			return null;
		}

		/**
		 * A field's condition as operators: itself when it is one, {@code $eq} of a plain
		 * value, null otherwise (a subdocument to match whole, a pattern).
		 */
		private static Document operators(Object condition) {
			if (condition instanceof Document document) {
				for (String key : document.keySet()) {
					if (!key.startsWith("$")) {
						return null;
					}
				}
				return document;
			}
			return isPlainValue(condition) ? new Document("$eq", condition) : null;
		}

		/** Records a non-unique index whose leading field is {@code field}. */
		synchronized void declareIndex(String indexName, String field) {
			this.declaredIndexes.put(indexName, field);
		}

		/**
		 * Forgets a dropped index; its field's values go once no other index leads with
		 * it.
		 */
		synchronized void forgetIndex(String indexName) {
			String field = this.declaredIndexes.remove(indexName);
			if (field != null && !this.declaredIndexes.containsValue(field)) {
				this.fieldIndexes.remove(field);
			}
		}

		/**
		 * The index of {@code field}, built by one scan the first time it is asked for.
		 */
		synchronized FieldIndex fieldIndex(String field) {
			FieldIndex index = this.fieldIndexes.get(field);
			if (index == null) {
				long started = System.nanoTime();
				index = new FieldIndex(field, this.data.getKeyType()::compare);
				for (Map.Entry<Object, Document> entry : this.data.entrySet()) {
					index.update(entry.getKey(), entry.getValue());
				}
				this.fieldIndexes.put(field, index);
				log.info("Indexed {} of {} in memory: {} documents in {} ms", field, getFullName(), index.size(),
						(System.nanoTime() - started) / 1_000_000);
			}
			return index;
		}

		/**
		 * Runs {@code aggregation} with its leading {@code $match} answered from
		 * {@code candidates} ({@link #candidatesOf}): the first read of all documents on
		 * this thread, the pipeline's source, reads the candidates that match instead.
		 * Later reads (a {@code $lookup} of this collection) read everything, as before.
		 */
		<T> T withLeadingMatch(Document match, java.util.Collection<Object> candidates, Supplier<T> aggregation) {
			this.leadingMatch.set(Map.entry(match, candidates));
			try {
				return aggregation.get();
			}
			finally {
				this.leadingMatch.remove();
			}
		}

		@Override
		public Stream<Document> queryAllAsStream() {
			Map.Entry<Document, java.util.Collection<Object>> match = this.leadingMatch.get();
			if (match == null) {
				return super.queryAllAsStream();
			}
			this.leadingMatch.remove();
			this.aggregationsNarrowed++;
			List<Document> matches = new ArrayList<>();
			matchDocuments(match.getKey(), match.getValue(), null, 0, 0, 0, null).forEach(matches::add);
			return matches.stream();
		}

		/**
		 * The documents the query path reads for {@code query} without a sort or a limit,
		 * or null when it would read the whole collection.
		 */
		java.util.Collection<Object> candidatesOf(Document query) {
			return candidatesOf(query, null, 0, 0);
		}

		/** Documents read walking a tracked field in value order (tests). */
		long readInValueOrder() {
			return this.readInValueOrder;
		}

		/** Aggregations whose documents came from the query path (tests). */
		long aggregationsNarrowed() {
			return this.aggregationsNarrowed;
		}

		/** How many queries were answered from a field index (tests). */
		long answeredFromFieldIndex() {
			return this.answeredFromFieldIndex;
		}

		/** Candidates read for queries answered from a field index (tests). */
		long readFromFieldIndex() {
			return this.readFromFieldIndex;
		}

		/**
		 * The tracked field whose documents hold every match of {@code query} (a
		 * superset: the library still matches each candidate against the whole query), or
		 * {@code null}. A top-level condition (or one inside a top-level {@code $and})
		 * narrows when one of its operators cannot match a document without the field:
		 * {@code $exists: true}; or, leaving out null values too, {@code $ne: null},
		 * {@code $gt}/{@code $gte} with a string, number or date, or equality with one.
		 */
		private Narrowing narrowing(Document query) {
			Narrowing found = null;
			for (Map.Entry<String, Object> entry : query.entrySet()) {
				String key = entry.getKey();
				Narrowing candidate = null;
				if ("$and".equals(key) && entry.getValue() instanceof List<?> parts) {
					for (Object part : parts) {
						Narrowing inner = (part instanceof Document condition) ? narrowing(condition) : null;
						if (inner != null && (candidate == null || inner.presence() == Presence.NOT_NULL)) {
							candidate = inner;
						}
					}
				}
				else if (this.sparse.containsKey(key)) {
					Presence presence = presence(entry.getValue());
					candidate = (presence != null) ? new Narrowing(key, presence) : null;
				}
				if (candidate != null && (found == null || candidate.presence() == Presence.NOT_NULL)) {
					found = candidate;
				}
			}
			return found;
		}

		private static Presence presence(Object condition) {
			if (condition instanceof Document operators) {
				Presence presence = null;
				for (Map.Entry<String, Object> operator : operators.entrySet()) {
					switch (operator.getKey()) {
						case EXISTS -> {
							if (Boolean.TRUE.equals(operator.getValue()) && presence == null) {
								presence = Presence.HAS_FIELD;
							}
						}
						case "$ne" -> {
							if (operator.getValue() == null) {
								presence = Presence.NOT_NULL;
							}
						}
						case "$gt", "$gte", "$eq" -> {
							if (isPlainValue(operator.getValue())) {
								presence = Presence.NOT_NULL;
							}
						}
						default -> {
							if (!operator.getKey().startsWith("$")) {
								// A subdocument to match as a whole, not operators.
								return null;
							}
						}
					}
				}
				return presence;
			}
			return isPlainValue(condition) ? Presence.NOT_NULL : null;
		}

		private static boolean isPlainValue(Object value) {
			return value instanceof String || value instanceof Number || value instanceof Date
					|| value instanceof ObjectId;
		}

		/**
		 * For an ascending sort on the narrowing field itself with a limit, the first
		 * {@code skip + limit} matching documents in value order (ties in key order, as
		 * the library's stable sort of its scan leaves them), reading no further;
		 * otherwise {@code null}.
		 */
		private List<Object> firstInValueOrder(Narrowing narrowing, Document query, Document orderBy, int skip,
				int limit) {
			String field = narrowing.field();
			if (limit <= 0 || orderBy == null || orderBy.size() != 1
					|| !(orderBy.get(field) instanceof Number direction) || direction.intValue() != 1
					|| !this.unranked.get(field).isEmpty()
					|| (narrowing.presence() == Presence.HAS_FIELD && !this.nulls.get(field).isEmpty())) {
				return null;
			}
			// Read on from a key ("the next page of the worklist"): the values below it
			// are passed over without reading their documents.
			Object from = null;
			boolean inclusive = false;
			if (query.get(field) instanceof Document operators) {
				from = operators.containsKey("$gt") ? operators.get("$gt") : operators.get("$gte");
				inclusive = !operators.containsKey("$gt");
			}
			List<Object> keys = new ArrayList<>();
			for (Ranked entry : this.ranked.get(field)) {
				if (keys.size() >= skip + limit) {
					break;
				}
				if (from != null && entry.value().getClass() == from.getClass()) {
					int order = PlainValueOrder.compare(entry.value(), from);
					if (order < 0 || (order == 0 && !inclusive)) {
						continue;
					}
				}
				this.readInValueOrder++;
				Document document = getDocument(entry.key());
				if (document != null && documentMatchesQuery(document, query)) {
					keys.add(entry.key());
				}
			}
			return keys;
		}

		/**
		 * The library re-encodes the whole document twice on every update (and once on
		 * every insert and delete) only to keep a running data size for
		 * {@code collStats}, and writes it to the store's meta map each time. That size
		 * is computed when asked for instead.
		 */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		/**
		 * The BSON size of every document, computed now (for {@code collStats} and
		 * {@code dataSize}).
		 */
		@Override
		protected int getDataSize() {
			if (this.data == null) {
				// Called by the library's constructor, for a debug line.
				return 0;
			}
			ByteBuf bson = Unpooled.buffer(4096);
			long size = 0;
			for (Document document : this.data.values()) {
				bson.clear();
				BsonEncoder.encodeDocument(document, bson);
				size += bson.writerIndex();
			}
			return (int) Math.min(size, Integer.MAX_VALUE);
		}

		/** Every insert and upsert stores its document here. */
		@Override
		protected Object addDocumentInternal(Document document) {
			Object position;
			try {
				position = super.addDocumentInternal(document);
			}
			catch (RuntimeException ex) {
				// The library's duplicate-key assertion fires after the put: follow what
				// is stored.
				if (getIdField() != null) {
					Object key = document.get(getIdField());
					track(key, getDocument(Missing.ofNullable(key)));
				}
				throw ex;
			}
			track(position, document);
			return position;
		}

		/**
		 * An update of one document by {@code _id} that only unsets fields and raises
		 * numbers with {@code $max} (the credit events relay's acknowledgement, one per
		 * published document) is applied here directly: the library deep-copies the
		 * document, recomputes it through its general update path, looks its position up
		 * in every unique index and compares the old and new document field by field,
		 * normalizing both, for every such update. Anything else, or a field that a
		 * unique index covers, goes to the library as before.
		 */
		@Override
		public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
				boolean isMulti, boolean isUpsert, Oplog oplog) {
			Document acknowledged = isUpsert || !arrayFilters.isEmpty() ? null
					: unsetOrRaise(selector, updateQuery, oplog);
			return (acknowledged != null) ? acknowledged
					: super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
		}

		/** The fast path of {@link #updateDocuments}, or null when it does not apply. */
		private Document unsetOrRaise(Document selector, Document updateQuery, Oplog oplog) {
			Object id = selector.get(ID);
			if (!(id instanceof String || id instanceof ObjectId) || !ID.equals(getIdField())) {
				return null;
			}
			Document unset = null;
			Document max = null;
			for (Map.Entry<String, Object> operator : updateQuery.entrySet()) {
				if ("$unset".equals(operator.getKey()) && operator.getValue() instanceof Document fields) {
					unset = fields;
				}
				else if ("$max".equals(operator.getKey()) && operator.getValue() instanceof Document fields) {
					max = fields;
				}
				else {
					return null;
				}
			}
			Set<String> fields = new HashSet<>();
			for (Document part : Arrays.asList(unset, max)) {
				if (part != null) {
					fields.addAll(part.keySet());
				}
			}
			if (fields.isEmpty() || !simpleAndUnindexed(fields)) {
				return null;
			}
			if (max != null) {
				for (Object value : max.values()) {
					if (!(value instanceof Number)) {
						return null;
					}
				}
			}
			Document stored = getDocument(id);
			if (stored == null || !documentMatchesQuery(stored, selector)) {
				return null;
			}
			Document updated = stored.clone();
			boolean changed = false;
			if (unset != null) {
				for (String field : unset.keySet()) {
					changed |= updated.containsKey(field);
					updated.remove(field);
				}
			}
			if (max != null) {
				for (Map.Entry<String, Object> raise : max.entrySet()) {
					Object current = updated.get(raise.getKey());
					if (!updated.containsKey(raise.getKey())
							|| ValueComparator.asc().compare(raise.getValue(), current) > 0) {
						updated.put(raise.getKey(), raise.getValue());
						changed = true;
					}
				}
			}
			if (changed) {
				handleUpdate(id, stored, updated);
				oplog.handleUpdate(getFullName(), selector, updateQuery, List.of(id));
			}
			this.acknowledgedDirectly++;
			return new Document("n", 1).append("nModified", changed ? 1 : 0);
		}

		/**
		 * Top-level fields other than {@code _id} that no unique index covers (the others
		 * index nothing).
		 */
		private boolean simpleAndUnindexed(Set<String> fields) {
			for (String field : fields) {
				if (field.isEmpty() || field.contains(".") || field.startsWith("$") || ID.equals(field)) {
					return false;
				}
			}
			for (Index<Object> index : getIndexes()) {
				if (!(index instanceof EmptyIndex)) {
					for (IndexKey key : index.getKeys()) {
						String root = key.getKey().split("\\.", 2)[0];
						if (fields.contains(root)) {
							return false;
						}
					}
				}
			}
			return true;
		}

		/** How many updates {@link #unsetOrRaise} applied (tests). */
		long acknowledgedDirectly() {
			return this.acknowledgedDirectly;
		}

		/**
		 * Every update, replacement and findAndModify update stores the new document
		 * here.
		 */
		@Override
		protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
			// Before it is stored again: the library changed it in place.
			DocumentDataType.INSTANCE.changed(newDocument);
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
			Object key = Missing.ofNullable(position);
			for (FieldIndex index : this.fieldIndexes.values()) {
				index.update(key, document);
			}
			if (this.sparse.isEmpty()) {
				return;
			}
			for (Map.Entry<String, NavigableSet<Object>> entry : this.sparse.entrySet()) {
				String field = entry.getKey();
				Map<Object, Object> values = this.rankedValues.get(field);
				if (unchanged(field, key, document)) {
					// Most writes leave a tracked field as it was (an order without a
					// worklist key, a
					// customer whose outbox was already waiting): the ordered sets stay
					// untouched.
					continue;
				}
				Object previous = values.remove(key);
				if (previous != null) {
					this.ranked.get(field).remove(new Ranked(previous, key));
				}
				this.unranked.get(field).remove(key);
				this.nulls.get(field).remove(key);
				if (document != null && document.containsKey(field)) {
					entry.getValue().add(key);
					Object value = document.get(field);
					if (value == null) {
						this.nulls.get(field).add(key);
						continue;
					}
					if (value instanceof java.util.Collection || value instanceof Document) {
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

		/**
		 * Whether {@code document} (null: removed) leaves {@code field} as the tracked
		 * state has it for {@code key}: absent before and after, or the same plain value
		 * before and after.
		 */
		private boolean unchanged(String field, Object key, Document document) {
			boolean has = document != null && document.containsKey(field);
			Object previous = this.rankedValues.get(field).get(key);
			if (!has) {
				return previous == null && !this.unranked.get(field).contains(key)
						&& !this.nulls.get(field).contains(key);
			}
			Object value = document.get(field);
			return previous != null && value != null && !(value instanceof java.util.Collection)
					&& !(value instanceof Document) && previous.getClass() == value.getClass()
					&& previous.equals(value);
		}

		/**
		 * The data map keys of the documents in the value order of {@code field} (tests).
		 */
		synchronized List<Object> rankedIds(String field) {
			NavigableSet<Ranked> inOrder = this.ranked.get(field);
			return (inOrder != null) ? inOrder.stream().map(Ranked::key).toList() : Collections.emptyList();
		}

		/**
		 * The data map keys of the documents that have {@code field}, in key order
		 * (tests).
		 */
		synchronized List<Object> sparseIds(String field) {
			NavigableSet<Object> having = this.sparse.get(field);
			return (having != null) ? List.copyOf(having) : Collections.emptyList();
		}

	}

}
