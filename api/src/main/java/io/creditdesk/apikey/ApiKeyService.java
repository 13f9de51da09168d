package io.creditdesk.apikey;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.security.Roles;
import org.bson.types.ObjectId;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Creates, lists and revokes API keys (administrators only), and finds the key a request
 * signs in with. A key read from the store is used for
 * {@link ApiKeyProperties#cacheTtl()} before it is read again, so a revocation on another
 * instance applies here within that time; on this instance a revocation applies at once,
 * and expiry is judged at every request.
 */
@Service
public class ApiKeyService {

	/**
	 * What the caller gets once: the key, and its secret, which is not stored and never
	 * shown again.
	 */
	public record CreatedApiKey(ApiKey apiKey, String secret) {
	}

	private final ApiKeyStore store;

	private final AuditLog audit;

	private final Clock clock;

	private final Cache<String, ApiKey> byHash;

	private final Cache<String, Instant> lastUsedWritten;

	ApiKeyService(ApiKeyStore store, AuditLog audit, Clock clock, ApiKeyProperties properties) {
		this.store = store;
		this.audit = audit;
		this.clock = clock;
		this.byHash = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(10_000).build();
		this.lastUsedWritten = Caffeine.newBuilder()
			.expireAfterWrite(properties.lastUsedInterval())
			.maximumSize(10_000)
			.build();
	}

	@PreAuthorize(ApiKeyRoles.MANAGE)
	public List<ApiKey> all() {
		return this.store.all();
	}

	@PreAuthorize(ApiKeyRoles.MANAGE)
	public CreatedApiKey create(ApiKeyInputs.CreateApiKeyInput input) {
		if (!Actor.current().person()) {
			throw CreditDeskException.refuse(ApiKeyErrorCode.KEY_CREATED_BY_A_PERSON, null);
		}
		Validation v = new Validation();
		String name = v.required("name", input.name(), 100);
		Set<String> roles = new LinkedHashSet<>();
		if (input.roles() == null || input.roles().isEmpty()) {
			v.reject(CommonErrorCode.REQUIRED.variant("roles"), "roles");
		}
		else {
			for (String role : input.roles()) {
				if (!List.of(Roles.ALL).contains(role)) {
					v.reject(ApiKeyErrorCode.UNKNOWN_ROLE, "roles", UserError.quoted(role));
				}
				else if (ApiKeyRoles.PEOPLE_ONLY.contains(role)) {
					v.reject(ApiKeyErrorCode.ROLE_NOT_FOR_API_KEYS, "roles", role);
				}
				roles.add(role);
			}
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant expiresAt = (input.expiresAt() != null) ? input.expiresAt().truncatedTo(ChronoUnit.MILLIS) : null;
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			v.reject(ApiKeyErrorCode.EXPIRY_IN_PAST, "expiresAt", expiresAt);
		}
		v.throwIfInvalid();
		String secret = ApiKeySecrets.generate();
		ApiKey key = new ApiKey(new ObjectId().toHexString(), name, List.copyOf(roles), ApiKeySecrets.shown(secret),
				ApiKeySecrets.hash(secret), now, Actor.current().name(), expiresAt, null, null, null);
		AuditRecord entry = this.audit.entry("API_KEY_CREATED", "API_KEY", key.id(), null, "API key " + name,
				new Changes().set("name", name)
					.set("roles", key.roles())
					.set("prefix", key.prefix())
					.set("expiresAt", expiresAt));
		this.store.insert(key, entry);
		return new CreatedApiKey(key, secret);
	}

	@PreAuthorize(ApiKeyRoles.MANAGE)
	public ApiKey revoke(ApiKeyInputs.RevokeApiKeyInput input) {
		Validation v = new Validation();
		String id = v.id("id", input.id(), 64);
		String reason = (input.reason() != null) ? v.freeText("reason", input.reason(), 500) : null;
		v.throwIfInvalid();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		AuditRecord entry = this.audit.entry("API_KEY_REVOKED", "API_KEY", id, null,
				(reason != null) ? reason : "Revoked", new Changes().set("revokedAt", now));
		ApiKey key = this.store.revoke(id, now, Actor.current().name(), entry);
		if (key == null) {
			throw CreditDeskException.refuse(ApiKeyErrorCode.API_KEY_NOT_FOUND, "id", UserError.quoted(id));
		}
		this.byHash.invalidate(key.hash());
		return key;
	}

	/**
	 * The key a request presents, when it is one and is usable now (not revoked, not
	 * expired); the time it was used is written at most once per
	 * {@link ApiKeyProperties#lastUsedInterval()}.
	 */
	Optional<ApiKey> authenticate(String secret) {
		if (!ApiKeySecrets.looksLikeKey(secret)) {
			return Optional.empty();
		}
		ApiKey key = this.byHash.get(ApiKeySecrets.hash(secret), this.store::byHash);
		Instant now = this.clock.instant();
		if (key == null || !key.usableAt(now)) {
			return Optional.empty();
		}
		if (this.lastUsedWritten.asMap().putIfAbsent(key.id(), now) == null) {
			this.store.used(key.id(), now.truncatedTo(ChronoUnit.MILLIS));
		}
		return Optional.of(key);
	}

}
