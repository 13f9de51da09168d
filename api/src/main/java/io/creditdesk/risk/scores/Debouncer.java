package io.creditdesk.risk.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coalesces refresh requests per customer: a customer is due once {@code quiet} has
 * passed since its latest request, so a burst of payments is scored once, after the
 * burst. Thread-safe; a request that arrives while the customer is being taken is kept
 * for the next round.
 */
final class Debouncer {

	private final Duration quiet;

	private final Map<String, Instant> lastRequest = new ConcurrentHashMap<>();

	Debouncer(Duration quiet) {
		this.quiet = quiet;
	}

	void request(String customerId, Instant at) {
		this.lastRequest.put(customerId, at);
	}

	/** Takes up to {@code max} customers whose latest request is {@code quiet} old. */
	List<String> takeDue(Instant now, int max) {
		List<String> due = new ArrayList<>();
		for (Map.Entry<String, Instant> e : this.lastRequest.entrySet()) {
			if (due.size() == max) {
				break;
			}
			if (!e.getValue().plus(this.quiet).isAfter(now) && this.lastRequest.remove(e.getKey(), e.getValue())) {
				due.add(e.getKey());
			}
		}
		return due;
	}

	int waiting() {
		return this.lastRequest.size();
	}

}
