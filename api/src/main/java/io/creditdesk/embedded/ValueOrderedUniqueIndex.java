package io.creditdesk.embedded;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the embedded store on an H2 map keyed with {@link IndexKeyType}: the
 * library's {@code H2UniqueIndex}, whose constructor is not public, with the same
 * operations.
 */
final class ValueOrderedUniqueIndex extends AbstractUniqueIndex<Object> {

	private static final String ID = "_id";

	private final MVMap<KeyValue, Object> map;

	private final List<String> fields;

	/** Whether this is the index of {@code _id} alone. */
	private final boolean idIndex;

	ValueOrderedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.map = map;
		// Top-level fields only; null when any key is a path.
		this.fields = keys.stream().map(IndexKey::getKey).anyMatch(key -> key.contains(".")) ? null
				: keys.stream().map(IndexKey::getKey).toList();
		this.idIndex = List.of(ID).equals(this.fields);
	}

	/**
	 * Where a stored document is stored. The library asks this of every unique index
	 * before every update it makes (every index must give the same position): a look-up
	 * in each index's map, three for an account (its id, external reference and tax id),
	 * through the store's page cache. In this store a document is stored under its
	 * {@code _id} ({@code H2Collection}), so for a string or ObjectId id the index of
	 * {@code _id} answers from the document, and another whose keys are all top-level
	 * strings or ObjectIds in the document gives no position: its look-up could only find
	 * that same document (the library takes the positions that are not null; the update's
	 * removal and insertion of its keys still check them when they change). Any other id
	 * or key value is looked up as before.
	 */
	@Override
	public Object getPosition(Document document) {
		Object id = document.get(ID);
		if (!(id instanceof String || id instanceof ObjectId) || this.fields == null) {
			return super.getPosition(document);
		}
		if (this.idIndex) {
			return id;
		}
		for (String key : this.fields) {
			Object value = document.get(key);
			if (!(value instanceof String || value instanceof ObjectId)) {
				return super.getPosition(document);
			}
		}
		return null;
	}

	/**
	 * Whether an update leaves this index's key as it was. The library answers by
	 * building and normalizing both documents' key sets on every update, twice; when
	 * every key field is a top-level string or ObjectId (or absent) in both documents,
	 * comparing those values gives the same answer. Anything else (paths, arrays,
	 * numbers, subdocuments) is left to the library.
	 */
	@Override
	protected boolean nullAwareEqualsKeys(Document oldDocument, Document newDocument) {
		if (this.fields == null) {
			return super.nullAwareEqualsKeys(oldDocument, newDocument);
		}
		for (String key : this.fields) {
			Object before = oldDocument.get(key);
			Object after = newDocument.get(key);
			if (before == null && after == null) {
				if (oldDocument.containsKey(key) != newDocument.containsKey(key)) {
					return super.nullAwareEqualsKeys(oldDocument, newDocument);
				}
				continue;
			}
			if (!((before instanceof String && after instanceof String)
					|| (before instanceof ObjectId && after instanceof ObjectId))) {
				return super.nullAwareEqualsKeys(oldDocument, newDocument);
			}
			if (!before.equals(after)) {
				return false;
			}
		}
		return true;
	}

	@Override
	protected Object removeDocument(KeyValue key) {
		return this.map.remove(key);
	}

	@Override
	protected boolean putKeyPosition(KeyValue key, Object position) {
		return this.map.putIfAbsent(key, Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
		return this.map.entrySet();
	}

	@Override
	protected Object getPosition(KeyValue key) {
		return this.map.get(key);
	}

	@Override
	public long getCount() {
		return this.map.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.map.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

}
