package io.creditdesk.limitrequest;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An approval matrix as stored: global ({@code GLOBAL}) or for one segment
 * ({@code SEGMENT:<code>}), with its version. Without a stored global matrix the shipped
 * default applies ({@code SHIPPED}, version 0).
 *
 * @param id {@code GLOBAL}, {@code SEGMENT:<code>} or {@code SHIPPED}
 * @param segment the segment code; null for the global matrix
 * @param definition the matrix
 * @param version 1 for the first stored version, one more for each change
 * @param updatedBy who stored this version; null for the shipped default
 * @param updatedAt when; null for the shipped default
 */
@Document("approval_matrices")
public record StoredApprovalMatrix(@Id String id, String segment, ApprovalMatrix.Definition definition, long version,
		String updatedBy, Instant updatedAt) {

	static final String GLOBAL = "GLOBAL";

	static final String SHIPPED = "SHIPPED";

	static String idOf(String segment) {
		return (segment == null) ? GLOBAL : "SEGMENT:" + segment;
	}

	ApprovalMatrix matrix() {
		return ApprovalMatrix.from(this.definition);
	}

}
