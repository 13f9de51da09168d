package io.creditdesk.embedded;

import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Which commands the embedded store answers only once their effect is on disk. A command
 * that writes (inserts, updates, deletes, {@code findAndModify}, collection and index
 * changes), and any other command that carries a write concern (an aggregation with
 * {@code $out} or {@code $merge}), waits for the next commit of the store unless its
 * write concern says it need not: {@code j: false}, or {@code w: 0} without
 * {@code j: true}. {@code j: true}, {@code w: "majority"}, {@code w: 1} and no write
 * concern at all wait: the embedded server's default write concern is journaled, as
 * {@code w: "majority"} is on a replica set by default
 * ({@code writeConcernMajorityJournalDefault}). Reads never wait.
 */
final class DurabilityPolicy {

	/**
	 * Commands that change data or metadata, in lower case (the library matches names
	 * so).
	 */
	private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify", "create",
			"createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection", "collmod");

	private DurabilityPolicy() {
	}

	/**
	 * Whether the answer to {@code command} (its name) with the body {@code body} must
	 * wait until the store has made it durable.
	 */
	static boolean waitsForDisk(String command, Document body) {
		Object concern = (body != null) ? body.get("writeConcern") : null;
		if (!WRITE_COMMANDS.contains(command.toLowerCase(Locale.ROOT)) && concern == null) {
			return false;
		}
		if (!(concern instanceof Document writeConcern)) {
			return true;
		}
		Object journal = writeConcern.get("j");
		if (journal == null && Boolean.TRUE.equals(writeConcern.get("fsync"))) {
			// The legacy spelling of j: true.
			journal = Boolean.TRUE;
		}
		if (journal != null) {
			return isTrue(journal);
		}
		Object w = writeConcern.get("w");
		return !(w instanceof Number number && number.intValue() == 0);
	}

	/** BSON booleans arrive as booleans; some clients send 1 and 0. */
	private static boolean isTrue(Object value) {
		return (value instanceof Boolean flag) ? flag : (value instanceof Number number) && number.doubleValue() != 0;
	}

}
