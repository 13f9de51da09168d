package io.creditdesk.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The documents of one collection by the value of one field, in memory: what the embedded
 * store answers for a non-unique index the service declares (the library keeps none and
 * scans the collection). It gives a query's <em>candidates</em>, a superset of its
 * matches that the collection still matches one by one against the whole query, so an
 * answer from here is the scan's answer:
 * <ul>
 * <li>The field is a top-level one or a dotted path through subdocuments and arrays of
 * them ({@code pendingChanges.at}), as a real MongoDB's multikey index reads it. A
 * document whose path leads to exactly one value is kept under that value; one whose path
 * leads to several (two pending changes at once) is treated like the case of other values
 * below, so a range's two bounds, which different elements may meet, never leave it
 * out.</li>
 * <li>Strings, ObjectIds, dates and booleans are kept by value, in the library's value
 * order ({@link ValueComparator}), which is the order its {@code $gt}/{@code $lte}
 * comparisons use, and equal values there are equal for its equality. Numbers are not:
 * that order mixes integral and fractional values in ways that are not a total order, so
 * a number is treated like the next case.</li>
 * <li>A document whose value is anything else (an array, whose elements match one by one;
 * a subdocument; a number) is a candidate of every query.</li>
 * <li>A document without the field, or with null, can meet none of the conditions
 * answered here (equality, {@code $in}, ranges, all with one of the values above) and is
 * no candidate.</li>
 * </ul>
 * Candidates come in the data map's key order, the order of the library's scan, so that
 * results (and sorts with ties, which the library sorts stably) are the scan's in the
 * same order. Written only under the collection's lock.
 */
final class FieldIndex {

	private static final Set<Class<?>> PLAIN = Set.of(String.class, ObjectId.class, Instant.class, Boolean.class);

	/**
	 * How many documents a value must hold, and more than half of those the index holds,
	 * before it is no longer kept ({@link #saturate}).
	 */
	static final int SATURATED_AT = 4_096;

	/** What a path that leads to anything but one plain value leads to, for the index. */
	private static final Object OTHER = new Object();

	private final String field;

	/** The field's path, split at its dots. */
	private final String[] path;

	private final Comparator<Object> keyOrder;

	/**
	 * Each plain value with the keys of the documents holding it (in key order).
	 */
	private final NavigableMap<Object, Keys> byValue = new ConcurrentSkipListMap<>(PlainValueOrder.ASCENDING);

	/** Each document's plain value, by key (not for values in {@link #saturated}). */
	private final Map<Object, Object> values = new ConcurrentHashMap<>();

	/**
	 * The values held by most documents, whose keys are kept nowhere: a condition that
	 * one of them can meet is not answered here ({@link #saturate}).
	 */
	private final NavigableSet<Object> saturated = new ConcurrentSkipListSet<>(PlainValueOrder.ASCENDING);

	/** The keys of documents whose value is not plain: candidates of every query. */
	private final NavigableSet<Object> others;

	FieldIndex(String field, Comparator<Object> keyOrder) {
		if (!indexable(field)) {
			throw new IllegalArgumentException("Not a field this index can follow: " + field);
		}
		this.field = field;
		this.path = field.split("\\.");
		this.keyOrder = keyOrder;
		this.others = new ConcurrentSkipListSet<>(keyOrder);
	}

	String field() {
		return this.field;
	}

	/** Records the document now stored under {@code key} (null: none any more). */
	void update(Object key, Document document) {
		Object value = (document != null) ? valueOf(document) : null;
		Object previous = this.values.get(key);
		if (value != null && isPlain(value) && this.saturated.contains(value)) {
			// A value most documents hold: in no set (queries on it scan).
			this.values.remove(key);
			this.others.remove(key);
		}
		else if (value != null && isPlain(value)) {
			if (previous != null && PlainValueOrder.compare(previous, value) == 0) {
				this.values.put(key, value);
				return;
			}
			// Added under the new value before it leaves the old one: a reader never
			// misses the document.
			Keys keys = this.byValue.computeIfAbsent(value, v -> new Keys(this.keyOrder));
			keys.add(key);
			this.values.put(key, value);
			this.others.remove(key);
			if (keys.count() > SATURATED_AT && 2L * keys.count() > this.values.size()) {
				saturate(value, keys);
			}
		}
		else {
			if (value != null) {
				this.others.add(key);
			}
			else {
				this.others.remove(key);
			}
			this.values.remove(key);
		}
		if (previous != null) {
			NavigableSet<Object> keys = this.byValue.get(previous);
			if (keys != null) {
				keys.remove(key);
				if (keys.isEmpty()) {
					this.byValue.remove(previous, keys);
				}
			}
		}
	}

	/**
	 * Stops keeping the documents of {@code value}, held by more than
	 * {@value #SATURATED_AT} documents and most of those this index holds (the
	 * {@code false} of a flag indexed for its few {@code true}s): a query on it would
	 * read most of the collection from here, which costs more than the scan it then takes
	 * ({@link #candidates}), and keeping them costs every write of such a document an
	 * insertion into a set of most of the collection. Marked before its set goes, so a
	 * reader that finds no set finds the mark.
	 */
	private void saturate(Object value, Keys keys) {
		this.saturated.add(value);
		this.byValue.remove(value, keys);
		for (Object key : keys) {
			this.values.remove(key, value);
		}
	}

	/**
	 * The keys of every document that can meet {@code condition} on this field, in key
	 * order; null when the condition is not one answered here (the collection then
	 * scans). Answered: a plain value (equality), or operators of which at least one of
	 * {@code $eq}, {@code $in} (every element plain), {@code $gt}, {@code $gte},
	 * {@code $lt}, {@code $lte} has a plain value; the others only narrow the matches
	 * further. Also null when there are more than {@code most} (most of the collection:
	 * reading it in order costs less than looking each up), counted before they are put
	 * in order.
	 */
	List<Object> candidates(Object condition, int most) {
		List<Object> equalTo = null;
		Object lower = null;
		Object upper = null;
		if (condition instanceof Document operators) {
			for (Map.Entry<String, Object> operator : operators.entrySet()) {
				Object operand = operator.getValue();
				switch (operator.getKey()) {
					case "$eq" -> {
						if (isPlain(operand)) {
							equalTo = List.of(operand);
						}
					}
					case "$in" -> {
						if (operand instanceof Collection<?> list && list.stream().allMatch(FieldIndex::isPlain)) {
							equalTo = List.copyOf(list);
						}
					}
					case "$gt", "$gte" -> {
						if (isPlain(operand) && (lower == null || PlainValueOrder.compare(operand, lower) > 0)) {
							lower = operand;
						}
					}
					case "$lt", "$lte" -> {
						if (isPlain(operand) && (upper == null || PlainValueOrder.compare(operand, upper) < 0)) {
							upper = operand;
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
		}
		else if (isPlain(condition)) {
			equalTo = List.of(condition);
		}
		if (equalTo != null) {
			// The sets first, then the marks: a value saturated meanwhile is marked
			// before its set goes.
			List<Keys> groups = equalTo.stream().map(this.byValue::get).toList();
			return equalTo.stream().anyMatch(this.saturated::contains) ? null : inKeyOrder(groups, most);
		}
		if (lower == null && upper == null) {
			return null;
		}
		if (lower != null && upper != null && PlainValueOrder.compare(lower, upper) > 0) {
			return inKeyOrder(List.of(), most);
		}
		NavigableMap<Object, Keys> range = (lower == null) ? this.byValue.headMap(upper, true)
				: (upper == null) ? this.byValue.tailMap(lower, true) : this.byValue.subMap(lower, true, upper, true);
		List<Keys> groups = new ArrayList<>(range.values());
		NavigableSet<Object> saturatedWithin = (lower == null) ? this.saturated.headSet(upper, true) : (upper == null)
				? this.saturated.tailSet(lower, true) : this.saturated.subSet(lower, true, upper, true);
		return saturatedWithin.isEmpty() ? inKeyOrder(groups, most) : null;
	}

	private List<Object> inKeyOrder(Collection<? extends NavigableSet<Object>> groups, int most) {
		List<NavigableSet<Object>> found = new ArrayList<>();
		long count = 0;
		for (NavigableSet<Object> group : groups) {
			if (group != null && !group.isEmpty()) {
				found.add(group);
				count += group.size();
				if (count > most) {
					return null;
				}
			}
		}
		if (!this.others.isEmpty()) {
			found.add(this.others);
			if (count + this.others.size() > most) {
				return null;
			}
		}
		if (found.size() == 1) {
			return new ArrayList<>(found.get(0));
		}
		TreeSet<Object> keys = new TreeSet<>(this.keyOrder);
		for (NavigableSet<Object> group : found) {
			keys.addAll(group);
		}
		return new ArrayList<>(keys);
	}

	/**
	 * Whether an index can follow {@code field}: a top-level field or a dotted path, no
	 * part of it empty, an operator or a number (an array position, which this index does
	 * not read).
	 */
	static boolean indexable(String field) {
		if (field == null || field.isEmpty()) {
			return false;
		}
		for (String part : field.split("\\.", -1)) {
			if (part.isEmpty() || part.startsWith("$") || part.chars().allMatch(Character::isDigit)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What the field's path leads to in {@code document}: null when nothing (missing,
	 * null, an empty array), the value when exactly one value, else {@link #OTHER} (or
	 * the value itself when it is not plain: both make the document a candidate of every
	 * query).
	 */
	private Object valueOf(Document document) {
		if (this.path.length == 1) {
			return document.get(this.field);
		}
		List<Object> found = new ArrayList<>(1);
		collect(document, 0, found);
		if (found.isEmpty()) {
			return null;
		}
		return (found.size() == 1) ? found.get(0) : OTHER;
	}

	/**
	 * Adds to {@code found} what the path from part {@code at} on leads to in
	 * {@code node} (the value at the parts before it), as a query on the dotted path
	 * reads it: into subdocuments, and into each subdocument of an array. An array at the
	 * end of the path, or an array inside an array, adds {@link #OTHER}.
	 */
	private void collect(Object node, int at, List<Object> found) {
		if (at == this.path.length) {
			if (node instanceof Collection<?>) {
				found.add(OTHER);
			}
			else if (node != null) {
				found.add(node);
			}
			return;
		}
		if (node instanceof Document document) {
			collect(document.get(this.path[at]), at + 1, found);
		}
		else if (node instanceof Collection<?> elements) {
			for (Object element : elements) {
				if (element instanceof Document document) {
					collect(document.get(this.path[at]), at + 1, found);
				}
				else if (element instanceof Collection<?>) {
					found.add(OTHER);
				}
			}
		}
	}

	/** The keys holding {@code value} (tests). */
	List<Object> keysOf(Object value) {
		NavigableSet<Object> keys = this.byValue.get(value);
		return (keys != null) ? List.copyOf(keys) : List.of();
	}

	/** The keys of documents whose value is not plain (tests). */
	List<Object> otherKeys() {
		return List.copyOf(this.others);
	}

	/** How many documents hold a plain value. */
	int size() {
		return this.values.size();
	}

	/** The values no longer kept (tests). */
	List<Object> saturatedValues() {
		return List.copyOf(this.saturated);
	}

	private static boolean isPlain(Object value) {
		return value != null && PLAIN.contains(value.getClass());
	}

	/**
	 * The keys of one value, counted: a skip list counts its elements by walking them.
	 * Written only under the collection's lock, like the index.
	 */
	private static final class Keys extends ConcurrentSkipListSet<Object> {

		private int count;

		Keys(Comparator<Object> keyOrder) {
			super(keyOrder);
		}

		@Override
		public boolean add(Object key) {
			boolean added = super.add(key);
			if (added) {
				this.count++;
			}
			return added;
		}

		@Override
		public boolean remove(Object key) {
			boolean removed = super.remove(key);
			if (removed) {
				this.count--;
			}
			return removed;
		}

		int count() {
			return this.count;
		}

	}

}
