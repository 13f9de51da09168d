package io.creditdesk.dynamiclimit;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A finished simulation of a limit policy on history, kept under the id of the job that
 * ran it. The outcome is kept as the JSON of {@link ReplayOutcome} (one value, read and
 * written whole, never queried inside), so its exact decimals and months survive the
 * store unchanged.
 *
 * @param id the job's id
 * @param from the first month replayed (yyyy-MM)
 * @param to the last month replayed
 * @param segment the segment replayed, or null for the whole portfolio
 * @param currency the policy's currency: only customers with this credit currency are
 * replayed
 * @param policy the policy replayed, every field set (as {@code LimitPolicyDraft})
 * @param skippedCustomers customers of the segment with another credit currency
 * @param model the champion that scored the point-in-time histories (name and version)
 * @param outcome the replay's figures, as JSON
 * @param requestedBy who started it
 * @param finishedAt when it was stored
 */
@Document(LimitPolicySimulation.COLLECTION)
public record LimitPolicySimulation(@Id String id, String from, String to, String segment, String currency,
		Map<String, Object> policy, int skippedCustomers, String model, String outcome, String requestedBy,
		Instant finishedAt) {

	static final String COLLECTION = "limitPolicySimulations";

}
