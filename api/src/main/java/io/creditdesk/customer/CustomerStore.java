package io.creditdesk.customer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;

import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes customer documents. Writes are inserts or targeted updates conditioned
 * on the version read, so a concurrent change is detected instead of overwritten.
 */
@Repository
class CustomerStore {

	private static final Logger log = LoggerFactory.getLogger(CustomerStore.class);

	/** The collection holding the version stamp of the customers' references. */
	private static final String DIRECTORY = "customer_directory";

	private static final String REFERENCES = "references";

	/**
	 * The field holding the external reference as the intake compares it ignoring case
	 * ({@link #referenceKey}). Its unique index makes the uniqueness of references
	 * ignoring case atomic: of two creations racing with {@code erp-7} and {@code ERP-7},
	 * the store takes one. The index is sparse: a customer stored before the field has
	 * none until {@link CustomerReferenceKeys} gives it one at start-up, and of customers
	 * stored before the rule with references differing only in case, only the first gets
	 * it (the others stay without, logged), so creating the index never fails on old
	 * data.
	 */
	static final String REFERENCE_KEY = "externalRefKey";

	/** The index on {@link #REFERENCE_KEY}. */
	static final String REFERENCE_KEY_INDEX = "externalRefKey_unique";

	private final MongoTemplate mongo;

	CustomerStore(MongoTemplate mongo, MongoIndexes indexes, Outbox outbox, AuditLog audit) {
		this.mongo = mongo;
		outbox.register(Customer.class, "customers");
		audit.register(Customer.class);
		indexes.declare(Customer.class,
				new Index().on("externalRef", Sort.Direction.ASC).unique().named("externalRef_unique"),
				new Index().on("countryCode", Sort.Direction.ASC)
					.on("taxId", Sort.Direction.ASC)
					.unique()
					.named("taxId_unique"),
				new Index().on(REFERENCE_KEY, Sort.Direction.ASC).unique().sparse().named(REFERENCE_KEY_INDEX));
		for (String field : List.of("segment", "tier", "industry", "status", "parentId", "salesOwner")) {
			indexes.declare(Customer.class,
					new Index().on(field, Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named(field + "_id"));
		}
	}

	/**
	 * An external reference as references are compared ignoring case, here and by the
	 * order intake: lower case by the rules of no language ({@link Locale#ROOT}).
	 */
	static String referenceKey(String externalRef) {
		return externalRef.toLowerCase(Locale.ROOT);
	}

	/**
	 * Marks that the way customers are found changed: a customer was added, or an
	 * external reference, tax id or country changed. Called after the customer write, so
	 * a reader that sees the new stamp and looks again finds the new values. A failure
	 * here does not undo or hide the write that succeeded: it is logged, and readers see
	 * the change once their look-ups expire.
	 */
	void referencesChanged() {
		try {
			this.mongo.getCollection(DIRECTORY)
				.updateOne(new Document("_id", REFERENCES), new Document("$inc", new Document("version", 1L)),
						new UpdateOptions().upsert(true));
		}
		catch (RuntimeException ex) {
			log.warn(
					"Customers' references version not moved ({}): remembered look-ups see the change once they expire",
					ex.toString());
		}
	}

	/** The version stamp of the customers' references (0 before the first change). */
	long referencesVersion() {
		Document stamp = this.mongo.getCollection(DIRECTORY).find(new Document("_id", REFERENCES)).first();
		return (stamp != null && stamp.get("version") instanceof Number n) ? n.longValue() : 0L;
	}

	/**
	 * Inserts a new customer with the audit record of its creation in the same document,
	 * and the key of its reference ({@link #REFERENCE_KEY}).
	 * @throws org.springframework.dao.DuplicateKeyException when another customer has the
	 * reference (also ignoring case) or the tax id
	 */
	Customer insert(Customer customer, AuditRecord created) {
		Document document = new Document();
		this.mongo.getConverter().write(customer, document);
		document.put(REFERENCE_KEY, referenceKey(customer.externalRef()));
		this.mongo.insert(AuditOutbox.attach(document, created), this.mongo.getCollectionName(Customer.class));
		return customer;
	}

	Optional<Customer> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Customer.class));
	}

	List<Customer> findAllById(Collection<String> ids) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Customer.class);
	}

	Optional<Customer> findByExternalRef(String externalRef) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("externalRef").is(externalRef)), Customer.class));
	}

	/**
	 * Customers whose external reference equals this one ignoring case (the same
	 * {@link #referenceKey}), at most {@code limit}, oldest first. A scan of the
	 * references: it also finds customers stored before the rule without a key.
	 */
	List<Customer> findByExternalRefIgnoreCase(String externalRef, int limit) {
		Pattern exact = Pattern.compile("^" + Pattern.quote(externalRef) + "$", Pattern.CASE_INSENSITIVE);
		String key = referenceKey(externalRef);
		return this.mongo
			.find(Query.query(Criteria.where("externalRef").regex(exact)).with(Sort.by(Sort.Direction.ASC, "_id")),
					Customer.class)
			.stream()
			.filter(customer -> referenceKey(customer.externalRef()).equals(key))
			.limit(limit)
			.toList();
	}

	/**
	 * The ids and references of the customers without a {@link #REFERENCE_KEY} (stored
	 * before it), oldest first.
	 */
	List<Document> withoutReferenceKey() {
		Query query = Query.query(Criteria.where(REFERENCE_KEY).exists(false)).with(Sort.by(Sort.Direction.ASC, "_id"));
		query.fields().include("externalRef");
		return this.mongo.find(query, Document.class, this.mongo.getCollectionName(Customer.class));
	}

	/**
	 * Gives the customer {@code id} the key of {@code externalRef} if that is still its
	 * reference and it has none yet.
	 * @return whether it was set
	 * @throws org.springframework.dao.DuplicateKeyException when another customer has the
	 * key
	 */
	boolean setReferenceKey(Object id, String externalRef) {
		Query query = Query
			.query(Criteria.where("_id").is(id).and("externalRef").is(externalRef).and(REFERENCE_KEY).exists(false));
		return this.mongo
			.updateFirst(query, new Update().set(REFERENCE_KEY, referenceKey(externalRef)),
					this.mongo.getCollectionName(Customer.class))
			.getModifiedCount() == 1;
	}

	Optional<Customer> findByTaxId(String countryCode, String taxId) {
		return Optional.ofNullable(this.mongo.findOne(
				Query.query(Criteria.where("countryCode").is(countryCode).and("taxId").is(taxId)), Customer.class));
	}

	/**
	 * Applies {@code update} if the customer is still at {@code version}; bumps the
	 * version.
	 * @return the updated customer, or empty when the version moved on meanwhile
	 */
	/** Whether the external risk event {@code eventId} was applied to the customer. */
	boolean hasAppliedRiskEvent(String id, String eventId) {
		return this.mongo.exists(
				Query.query(Criteria.where("_id").is(id).and(CustomerService.APPLIED_RISK_EVENTS).is(eventId)),
				Customer.class);
	}

	Optional<Customer> updateIfVersion(String id, long version, Update update) {
		Query query = Query.query(Criteria.where("_id").is(id).and("version").is(version));
		return Optional.ofNullable(this.mongo.findAndModify(query, update.inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), Customer.class));
	}

	List<String> idsBySalesOwner(String salesOwner) {
		Query query = Query.query(Criteria.where("salesOwner").is(salesOwner));
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, this.mongo.getCollectionName(Customer.class))
			.stream()
			.map(document -> document.get("_id").toString())
			.toList();
	}

	Connection<Customer> page(CustomerFilter filter, int first, String afterId) {
		Criteria criteria = criteria(filter);
		long total = this.mongo.count(Query.query(criteria), Customer.class);
		if (afterId != null) {
			criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(afterId));
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.ASC, "_id")).limit(first + 1);
		return Connection.of(this.mongo.find(query, Customer.class), first, Customer::id, (int) total);
	}

	private static Criteria criteria(CustomerFilter filter) {
		if (filter == null) {
			return new Criteria();
		}
		List<Criteria> all = new ArrayList<>();
		if (filter.segment() != null) {
			all.add(Criteria.where("segment").is(filter.segment().trim().toUpperCase(Locale.ROOT)));
		}
		if (filter.tier() != null) {
			all.add(Criteria.where("tier").is(filter.tier().trim().toUpperCase(Locale.ROOT)));
		}
		if (filter.industry() != null) {
			all.add(Criteria.where("industry").is(filter.industry().trim().toUpperCase(Locale.ROOT)));
		}
		if (filter.status() != null) {
			all.add(Criteria.where("status").is(filter.status()));
		}
		if (filter.parentId() != null) {
			all.add(Criteria.where("parentId").is(filter.parentId()));
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			Pattern text = Pattern.compile(Pattern.quote(filter.text().trim()), Pattern.CASE_INSENSITIVE);
			all.add(new Criteria().orOperator(Criteria.where("name").regex(text), Criteria.where("taxId").regex(text),
					Criteria.where("externalRef").regex(text)));
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

}
