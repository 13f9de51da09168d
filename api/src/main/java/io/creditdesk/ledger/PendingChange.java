package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * A change of a customer's exposure counters that belongs to the write of one document
 * (an order placed or changed, an invoice issued or settled), marked in the customer's
 * document ({@value Ledger#PENDING}) by the same atomic update that reserves it, and
 * removed once that write is known to have landed or not. The written document carries
 * the change's token ({@value #CARRIED}); a document has at most one pending change at a
 * time, so a token the document carries is proof that its write landed, and a token it
 * does not carry (once the write can no longer land) is proof that it did not.
 *
 * @param key the document, as {@code <collection>:<id>}
 * @param token this change, unique
 * @param deltas the change of the counters
 * @param applied whether the counters moved when the change was marked (a raise: reserved
 * before the write) or move when it settles (a decrease: released after the write)
 * @param at when it was marked; a change older than the lease whose write cannot be
 * proven is undone
 * @param version the version the write expects the document to have, null for an insert
 */
record PendingChange(String key, String token, Deltas deltas, boolean applied, Instant at, Long version) {

	/**
	 * The field of a written document that holds the token of the ledger change it
	 * carries.
	 */
	static final String CARRIED = "ledgerChange";

	static String key(String collection, Object documentId) {
		return collection + ":" + documentId;
	}

	String collection() {
		return this.key.substring(0, this.key.indexOf(':'));
	}

	String documentId() {
		return this.key.substring(this.key.indexOf(':') + 1);
	}

	boolean expired(Instant now, Duration lease) {
		return this.at.plus(lease).isBefore(now);
	}

	/**
	 * The credit group's part of a member's reservation, marked on the group parent's
	 * document ({@value Ledger#GROUP_PENDING}) in the same way, with the same key and
	 * token.
	 *
	 * @param amount the member's net exposure reserved, in the member's credit currency
	 * ({@code currency}); in the parent's currency for a mark made before the group
	 * exposure was held per member ({@code member} null)
	 * @param member the member whose entry of the group exposure it moved
	 * @param currency the member's credit currency
	 */
	record Group(String key, String token, BigDecimal amount, Instant at, Long version, String member,
			String currency) {

		PendingChange asChange() {
			return new PendingChange(this.key, this.token, Deltas.NONE, true, this.at, this.version);
		}

	}

}
