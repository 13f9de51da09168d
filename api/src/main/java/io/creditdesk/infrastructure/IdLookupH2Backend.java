package io.creditdesk.infrastructure;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

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
 */
final class IdLookupH2Backend extends H2Backend {

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
			return new Collection(this, collectionName, options, data, meta, this.cursorRegistry);
		}

	}

	private static final class Collection extends H2Collection {

		private static final String ID = "_id";

		Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
				MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		/**
		 * A query pinning {@code _id} to a string or ObjectId: the candidate is the document stored
		 * under that id (this backend's position <em>is</em> the id), matched against the whole
		 * query. Other queries take the library's path.
		 */
		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
				int batchSize, Document fieldSelector) {
			Object id = query.get(ID);
			if (ID.equals(getIdField()) && (id instanceof String || id instanceof ObjectId)) {
				List<Object> candidates = (getDocument(id) != null) ? List.of(id) : List.of();
				return matchDocuments(query, candidates, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
			}
			return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
		}

	}

}
