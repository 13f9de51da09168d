package io.creditdesk.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The conditions of a query that ask for one of a list of strings ({@code {customerId:
 * {$in: [ids]}}}, at the top level or in a part of a top-level {@code $and}), checked
 * with a hash set, and the rest of the query for the library's matcher. The library
 * checks {@code $in} by comparing the document's value with every listed value,
 * normalizing both each time: a page of 2,000 customers' invoices or a page of 100
 * customers' daily exposures cost thousands of comparisons per document read. A document
 * whose value is a string matches such a condition exactly when the list holds that
 * string (strings compare by equality in the library too); any other value (absent, null,
 * an array, a number) is left to the library with the whole query.
 */
final class StringSetConditions {

	private final Document query;

	private final List<Map.Entry<String, Set<String>>> sets;

	private final Document rest;

	private StringSetConditions(Document query, List<Map.Entry<String, Set<String>>> sets, Document rest) {
		this.query = query;
		this.sets = sets;
		this.rest = rest;
	}

	/** The conditions of {@code query}; {@link #applies()} false when it has none. */
	static StringSetConditions of(Document query) {
		List<Map.Entry<String, Set<String>>> sets = new ArrayList<>();
		Document rest = new Document();
		for (Map.Entry<String, Object> entry : query.entrySet()) {
			if ("$and".equals(entry.getKey()) && entry.getValue() instanceof List<?> parts
					&& parts.stream().allMatch(Document.class::isInstance)) {
				List<Document> restParts = new ArrayList<>();
				for (Object part : parts) {
					Document partRest = new Document();
					for (Map.Entry<String, Object> condition : ((Document) part).entrySet()) {
						if (!extract(condition, sets)) {
							partRest.put(condition.getKey(), condition.getValue());
						}
					}
					if (!partRest.isEmpty()) {
						restParts.add(partRest);
					}
				}
				if (!restParts.isEmpty()) {
					rest.put("$and", restParts);
				}
			}
			else if (!extract(entry, sets)) {
				rest.put(entry.getKey(), entry.getValue());
			}
		}
		return new StringSetConditions(query, List.copyOf(sets), rest.isEmpty() ? null : rest);
	}

	private static boolean extract(Map.Entry<String, Object> condition, List<Map.Entry<String, Set<String>>> sets) {
		String field = condition.getKey();
		if (field.startsWith("$") || field.contains(".") || !(condition.getValue() instanceof Document operators)
				|| operators.size() != 1 || !(operators.get("$in") instanceof Collection<?> values)
				|| !values.stream().allMatch(String.class::isInstance)) {
			return false;
		}
		Set<String> set = new HashSet<>();
		values.forEach(value -> set.add((String) value));
		sets.add(Map.entry(field, set));
		return true;
	}

	/** The query these conditions were taken from (compared by identity). */
	Document query() {
		return this.query;
	}

	/** Whether the query has such conditions. */
	boolean applies() {
		return !this.sets.isEmpty();
	}

	/**
	 * Whether {@code document} meets these conditions: true or false when each
	 * condition's field holds a string, null when one does not (the library then matches
	 * the whole query).
	 */
	Boolean matches(Document document) {
		for (Map.Entry<String, Set<String>> condition : this.sets) {
			if (!(document.get(condition.getKey()) instanceof String value)) {
				return null;
			}
			if (!condition.getValue().contains(value)) {
				return false;
			}
		}
		return true;
	}

	/** What the library must still match once these conditions hold, or null. */
	Document rest() {
		return this.rest;
	}

}
