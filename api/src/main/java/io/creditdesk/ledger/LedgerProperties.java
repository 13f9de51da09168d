package io.creditdesk.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger ({@code creditdesk.ledger.*}) read at start; the job intervals
 * are read by the jobs' schedules.
 *
 * @param pendingLease how long a pending change may wait for the write it belongs to (see
 * {@link PendingChange}): a change older than it whose write cannot be proven is undone
 * (by the next request for the same order, or by the sweep); a request that comes to its
 * write more than half of it after marking renews the mark first. A crash's reservations
 * are undone this long after it at the earliest.
 */
@ConfigurationProperties("creditdesk.ledger")
record LedgerProperties(@DefaultValue("30s") Duration pendingLease) {

	LedgerProperties {
		if (pendingLease.isNegative() || pendingLease.isZero()) {
			throw new IllegalArgumentException("creditdesk.ledger.pending-lease must be positive");
		}
	}

}
