package io.creditdesk.apikey;

import java.time.Instant;
import java.util.List;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code api_keys} collection: each change writes its audit record into the key's
 * document in the same atomic write (see {@link AuditOutbox}); the secret's hash is
 * unique and is how a request's key is found.
 */
@Component
class ApiKeyStore {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	ApiKeyStore(MongoTemplate mongo, AuditLog audit, MongoIndexes indexes) {
		this.mongo = mongo;
		this.audit = audit;
		audit.register(ApiKey.class);
		indexes.declare(ApiKey.class, new Index().on("hash", Sort.Direction.ASC).unique().named("api_key_hash"));
	}

	ApiKey byHash(String hash) {
		return this.mongo.findOne(Query.query(Criteria.where("hash").is(hash)), ApiKey.class);
	}

	ApiKey byId(String id) {
		return this.mongo.findById(id, ApiKey.class);
	}

	List<ApiKey> all() {
		return this.mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "createdAt")), ApiKey.class);
	}

	/** Inserts the key with its audit record, then moves the record to the trail. */
	void insert(ApiKey key, AuditRecord entry) {
		Document document = new Document();
		this.mongo.getConverter().write(key, document);
		this.mongo.insert(AuditOutbox.attach(document, entry), this.mongo.getCollectionName(ApiKey.class));
		this.audit.settle(ApiKey.class, key.id(), entry);
	}

	/**
	 * Revokes the key unless it already is, with its audit record; the key as it is now,
	 * or null if unknown.
	 */
	ApiKey revoke(String id, Instant at, String by, AuditRecord entry) {
		Query notRevoked = Query.query(Criteria.where("_id").is(id).and("revokedAt").is(null));
		ApiKey revoked = this.mongo.findAndModify(notRevoked,
				AuditOutbox.push(new Update().set("revokedAt", at).set("revokedBy", by), entry),
				FindAndModifyOptions.options().returnNew(true), ApiKey.class);
		if (revoked == null) {
			return byId(id);
		}
		this.audit.settle(ApiKey.class, id, entry);
		return revoked;
	}

	/**
	 * Moves {@code lastUsedAt} forward to {@code at} (never back: instances may write out
	 * of order).
	 */
	void used(String id, Instant at) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().max("lastUsedAt", at),
				ApiKey.class);
	}

}
