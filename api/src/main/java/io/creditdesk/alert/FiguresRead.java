package io.creditdesk.alert;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * When this instance last began reading each customer's figures for an evaluation of its
 * alerts, and the rule that lets the alerts reader skip an exposure snapshot such an
 * evaluation already saw. The relay stamps an {@code ExposureChanged} snapshot after it
 * read the customer's committed document, so an evaluation that began after the stamp
 * read figures at least as new, but for what an instance keeps in its own snapshots for a
 * few seconds (a customer's securities and the policies, read at most five seconds ago, a
 * change made on another instance counting after that); {@link #MARGIN} covers those and
 * the clocks of other instances (the relay may run elsewhere). A reader that has fallen
 * behind (a burst of orders, a restart) then evaluates each customer once for all the
 * snapshots it missed, instead of once per snapshot. An optimisation only: a customer not
 * remembered (another instance evaluated it, the partition moved, the bound was reached)
 * is evaluated.
 */
final class FiguresRead {

	/**
	 * The ledger's snapshots of securities and policies (five seconds) and a second for
	 * another instance's clock being ahead of this one's.
	 */
	static final Duration MARGIN = Duration.ofSeconds(6);

	/** Customers remembered at most (the least recently evaluated are forgotten). */
	static final int REMEMBERED = 100_000;

	private final Cache<String, Instant> began = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

	/**
	 * An evaluation of {@code customerId}'s figures that began at {@code at} decided
	 * (call after it succeeded).
	 */
	void evaluated(String customerId, Instant at) {
		this.began.asMap().merge(customerId, at, (before, now) -> now.isAfter(before) ? now : before);
	}

	/**
	 * Whether an exposure snapshot of {@code customerId} stamped at {@code occurredAt}
	 * (null: unknown) was seen by an evaluation that began after it.
	 */
	boolean covers(String customerId, Instant occurredAt) {
		if (customerId == null || occurredAt == null) {
			return false;
		}
		Instant at = this.began.getIfPresent(customerId);
		return at != null && occurredAt.plus(MARGIN).isBefore(at);
	}

}
