package io.creditdesk.graphql;

import java.util.Map;

/**
 * Told the cost of every operation that is about to run (after it passed the limits,
 * before any data is read), on the thread that runs it: the rate limits charge it to the
 * caller.
 */
public interface QueryCostMeter {

	/**
	 * Charges {@code cost} points and returns what the caller should see of it in
	 * {@code extensions.cost} (for example its remaining budget), or an empty map.
	 */
	Map<String, Object> charge(long cost);

}
