package io.creditdesk.apikey;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An API key of a machine client. The secret itself is never stored: only its SHA-256
 * ({@code hash}, unique) and its first characters ({@code prefix}), to recognise it by.
 *
 * @param roles the roles the key acts with, exactly these, fixed at creation
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when an administrator revoked it, or null
 * @param lastUsedAt when it last signed a request in, written at most once a minute per
 * instance
 */
@Document("api_keys")
public record ApiKey(@Id String id, String name, List<String> roles, String prefix, String hash, Instant createdAt,
		String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

	/** Whether the key signs requests in at {@code now}: not revoked, not expired. */
	public boolean usableAt(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

}
