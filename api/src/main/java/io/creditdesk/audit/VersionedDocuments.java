package io.creditdesk.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.creditdesk.common.CreditDeskException;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The one compare-and-set of documents replaced whole under a version (the policies
 * stored per level, budgets), with the change's audit record in the same atomic write,
 * and the one read of a level chain ("the most specific level that has one wins").
 * <p>
 * A write of version 1 inserts (a concurrent first insert of the same id meets the unique
 * {@code _id} and loses); a later one updates only the document still at the version
 * read, field by field rather than as a replace, which would drop an audit record of an
 * earlier change still waiting in the document. A field the new version leaves empty is
 * removed, as a replace would. The caller makes the record and decides how a lost race is
 * refused: its code, variant and figures stay its own.
 */
@Component
public class VersionedDocuments {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	VersionedDocuments(MongoTemplate mongo, AuditLog audit) {
		this.mongo = mongo;
		this.audit = audit;
	}

	/**
	 * Whether a caller that read {@code expected} (null: did not say) would overwrite a
	 * version it has not seen.
	 */
	public static boolean isStale(Number expected, long current) {
		return expected != null && expected.longValue() != current;
	}

	/**
	 * Stores {@code next} in place of version {@code readVersion} (0: none stored yet)
	 * with {@code entry}, then settles the record to the trail.
	 * @param lostRace the refusal when another version was written since it was read
	 * @return the document as stored
	 */
	public <T> T write(Class<T> type, String id, long readVersion, T next, AuditRecord entry,
			Supplier<CreditDeskException> lostRace) {
		Document document = new Document();
		this.mongo.getConverter().write(next, document);
		T stored;
		if (readVersion == 0) {
			try {
				this.mongo.insert(AuditOutbox.attach(document, entry), this.mongo.getCollectionName(type));
			}
			catch (DuplicateKeyException ex) {
				throw lostRace.get();
			}
			stored = next;
		}
		else {
			Query sameVersion = Query.query(Criteria.where("_id").is(id).and("version").is(readVersion));
			stored = this.mongo.findAndModify(sameVersion, AuditOutbox.push(fieldByField(type, document), entry),
					FindAndModifyOptions.options().returnNew(true), type);
			if (stored == null) {
				throw lostRace.get();
			}
		}
		this.audit.settle(type, id, entry);
		return stored;
	}

	/**
	 * The stored documents of {@code ids}, most specific first, with one read; an id with
	 * nothing stored is skipped.
	 */
	public <T> List<T> chain(Class<T> type, List<String> idsMostSpecificFirst) {
		return inOrder(idsMostSpecificFirst, read(type, idsMostSpecificFirst));
	}

	/** The stored documents of {@code ids} by id, with one read (for many chains). */
	public <T> Map<String, T> read(Class<T> type, Collection<String> ids) {
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(type);
		Map<String, T> stored = new LinkedHashMap<>();
		for (T found : this.mongo.find(Query.query(Criteria.where("_id").in(ids)), type)) {
			stored.put(String.valueOf(entity.getIdentifierAccessor(found).getRequiredIdentifier()), found);
		}
		return stored;
	}

	/**
	 * The documents of {@code ids} that {@code stored} holds, in the order of the ids.
	 */
	public static <T> List<T> inOrder(List<String> idsMostSpecificFirst, Map<String, T> stored) {
		List<T> chain = new ArrayList<>();
		for (String id : idsMostSpecificFirst) {
			T found = stored.get(id);
			if (found != null) {
				chain.add(found);
			}
		}
		return chain;
	}

	/**
	 * Sets every field of the converted document and unsets each mapped property it
	 * leaves out (the converter omits nulls); the audit outbox fields are not mapped
	 * properties, so they stay.
	 */
	private Update fieldByField(Class<?> type, Document document) {
		Update update = new Update();
		document.forEach((field, value) -> {
			if (!"_id".equals(field)) {
				update.set(field, value);
			}
		});
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(type);
		for (MongoPersistentProperty property : entity) {
			if (!property.isIdProperty() && !document.containsKey(property.getFieldName())) {
				update.unset(property.getFieldName());
			}
		}
		return update;
	}

}
