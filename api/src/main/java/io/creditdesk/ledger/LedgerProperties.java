package io.creditdesk.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger ({@code creditdesk.ledger.*}) read at start; the job intervals are read
 * by the jobs' schedules.
 *
 * @param pendingLease how long a pending change may wait for the write it belongs to (see
 * {@link PendingChange}): an order is not stored later than half of it after its reservation, and
 * a change older than it whose write did not land is undone (by the next request for the same
 * order, or by the sweep). Longer than any order request takes; a crash's reservations wait at
 * most this long.
 */
@ConfigurationProperties("creditdesk.ledger")
record LedgerProperties(@DefaultValue("10s") Duration pendingLease) {

	LedgerProperties {
		if (pendingLease.isNegative() || pendingLease.isZero()) {
			throw new IllegalArgumentException("creditdesk.ledger.pending-lease must be positive");
		}
	}

}
