package io.creditdesk.embedded;

/**
 * A top-level field that only some documents carry at a time (an outbox's timestamp, a
 * worklist's key), declared as a bean by the capability that writes it. The embedded
 * store keeps in memory which documents carry each declared field, so the queries that
 * look for them (the oldest waiting outbox entries, a worklist page) cost what the
 * documents carrying the field cost, not a scan of the collection; a real MongoDB gets
 * the same from the sparse index the owner creates.
 *
 * @param name the field's name in the stored documents: top level, not an operator
 */
public record SparseField(String name) {

	public SparseField {
		check(name);
	}

	static void check(String name) {
		if (name == null || name.isEmpty() || name.contains(".") || name.startsWith("$")) {
			throw new IllegalArgumentException("Only top-level fields can be tracked: " + name);
		}
	}

}
