package io.creditdesk.embedded;

import java.util.Objects;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: {@link KeyDataType} (keys written
 * without Java serialization) with an ordering of {@link KeyValue} keys that does not
 * serialize them.
 * <p>
 * H2 orders keys it does not know by Java-serializing both at every comparison of a
 * binary search, and mongo-java-server's {@code KeyValue} is such a key: under load that
 * was about an eighth of the service's CPU (every {@code _id}, {@code externalRef} and
 * {@code taxId} lookup of every insert and update). Here two keys compare by size, then
 * element by element: equal elements are 0; elements of different classes by class name;
 * of one {@link Comparable} class by {@code compareTo}; anything else (and
 * {@code compareTo} ties between unequal values, such as {@code 1.0} and {@code 1.00}) by
 * their serialized bytes, as before. The order is a total order consistent with
 * {@code KeyValue.equals}, which is all a unique index needs (the library looks keys up
 * and scans them, it never relies on their order).
 * <p>
 * The order differs from the serialized-bytes order, so a map written with one cannot be
 * read with the other: {@link IdLookupH2Backend} re-keys indexes written before this type
 * existed.
 */
final class IndexKeyType extends KeyDataType {

	static final IndexKeyType INSTANCE = new IndexKeyType();

	@Override
	public int compare(Object a, Object b) {
		if (a instanceof KeyValue x && b instanceof KeyValue y) {
			return compareKeys(x, y);
		}
		return super.compare(a, b);
	}

	static int compareKeys(KeyValue x, KeyValue y) {
		if (x == y) {
			return 0;
		}
		int sizes = Integer.compare(x.size(), y.size());
		if (sizes != 0) {
			return sizes;
		}
		for (int i = 0; i < x.size(); i++) {
			int c = compareValues(x.get(i), y.get(i));
			if (c != 0) {
				return c;
			}
		}
		return 0;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static int compareValues(Object a, Object b) {
		if (Objects.equals(a, b)) {
			return 0;
		}
		if (a == null || b == null) {
			return (a == null) ? -1 : 1;
		}
		if (a.getClass() != b.getClass()) {
			int byName = a.getClass().getName().compareTo(b.getClass().getName());
			if (byName != 0) {
				return byName;
			}
		}
		else if (a instanceof Comparable comparable) {
			int c = comparable.compareTo(b);
			if (c != 0) {
				return c;
			}
		}
		return compareNotNull(serialize(a), serialize(b));
	}

}
