package io.creditdesk.embedded;

import java.time.Instant;
import java.util.Comparator;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The library's ascending value order ({@link ValueComparator}), with two values of the
 * same plain class (string, date, ObjectId, boolean) compared directly: the library first
 * ranks both values' types by walking its list of type classes, twice per comparison,
 * which the in-memory indexes pay at every step of every look-up and insertion. Two
 * values of one such class compare in the library exactly as here; anything else is left
 * to the library.
 */
final class PlainValueOrder {

	static final Comparator<Object> ASCENDING = PlainValueOrder::compare;

	private PlainValueOrder() {
	}

	static int compare(Object a, Object b) {
		if (a != null && b != null && a.getClass() == b.getClass()) {
			if (a instanceof String x) {
				return x.compareTo((String) b);
			}
			if (a instanceof Instant x) {
				return x.compareTo((Instant) b);
			}
			if (a instanceof ObjectId x) {
				return x.compareTo((ObjectId) b);
			}
			if (a instanceof Boolean x) {
				return Boolean.compare(x, (Boolean) b);
			}
		}
		return ValueComparator.asc().compare(a, b);
	}

}
