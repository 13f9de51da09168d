package io.creditdesk.limitrequest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pre-analysis policy as stored: global ({@code GLOBAL}) or for one segment
 * ({@code SEGMENT:<code>}), with its version. Without a stored global policy the shipped
 * default applies ({@code SHIPPED}, version 0).
 *
 * @param id {@code GLOBAL}, {@code SEGMENT:<code>} or {@code SHIPPED}
 * @param segment the segment code; null for the global policy
 * @param thresholds the policy
 * @param version 1 for the first stored version, one more for each change
 * @param updatedBy who stored this version; null for the shipped default
 * @param updatedAt when; null for the shipped default
 */
@Document("pre_analysis_policies")
public record StoredPreAnalysisPolicy(@Id String id, String segment, PreAnalysisPolicy thresholds, long version,
		String updatedBy, Instant updatedAt) {

	static final String GLOBAL = "GLOBAL";

	static final String SHIPPED = "SHIPPED";

	static String idOf(String segment) {
		return (segment == null) ? GLOBAL : "SEGMENT:" + segment;
	}

}
