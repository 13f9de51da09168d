package io.creditdesk.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.creditdesk.TestCustomers;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the service relies on from MongoDB, run against every store: the embedded server
 * here, a real MongoDB through Testcontainers where Docker exists.
 */
abstract class CustomerStoreContract {

	@Autowired
	CustomerStore store;

	@Autowired
	MongoIndexes indexes;

	@Autowired
	AuditLog audit;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CustomerReferenceKeys referenceKeys;

	static Customer customer(String segment) {
		return new Customer(new ObjectId().toHexString(), TestCustomers.uniqueRef(), "Store Test",
				TestCustomers.uniqueGermanTaxId(), "DE", segment, "GOLD", "RETAIL", null, "EUR",
				CustomerStatus.PENDING_VERIFICATION, List.of(), null, Instant.now(), Instant.now(), 1, null);
	}

	/**
	 * Inserts {@code customer} with the audit record of its creation, as the service
	 * does.
	 */
	Customer insert(Customer customer) {
		return this.store.insert(customer, created(customer));
	}

	static AuditRecord created(Customer customer) {
		return new AuditRecord(new ObjectId().toHexString(), Instant.now().truncatedTo(ChronoUnit.MILLIS), "test",
				"CUSTOMER_CREATED", "CUSTOMER", customer.id(), customer.id(), null,
				List.of(new AuditRecord.FieldChange("name", null, customer.name())));
	}

	@Test
	void uniqueExternalRefAndTaxIdAreEnforcedByTheStore() {
		assertThat(this.indexes.tryApply()).isTrue();
		Customer first = insert(customer("SMB"));
		Customer sameRef = new Customer(new ObjectId().toHexString(), first.externalRef(), "Other",
				TestCustomers.uniqueGermanTaxId(), "DE", "SMB", "GOLD", "RETAIL", null, "EUR",
				CustomerStatus.PENDING_VERIFICATION, List.of(), null, Instant.now(), Instant.now(), 1, null);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameRef));
		Customer sameTaxId = new Customer(new ObjectId().toHexString(), TestCustomers.uniqueRef(), "Other",
				first.taxId(), "DE", "SMB", "GOLD", "RETAIL", null, "EUR", CustomerStatus.PENDING_VERIFICATION,
				List.of(), null, Instant.now(), Instant.now(), 1, null);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(sameTaxId));
	}

	static Customer withRef(String externalRef) {
		return new Customer(new ObjectId().toHexString(), externalRef, "Store Test", TestCustomers.uniqueGermanTaxId(),
				"DE", "SMB", "GOLD", "RETAIL", null, "EUR", CustomerStatus.PENDING_VERIFICATION, List.of(), null,
				Instant.now(), Instant.now(), 1, null);
	}

	/**
	 * The key of the reference has a unique index: of two customers whose references
	 * differ only in case, the store takes one, however close together they come.
	 */
	@Test
	void aReferenceDifferingOnlyInCaseIsRefusedByTheStore() {
		assertThat(this.indexes.tryApply()).isTrue();
		String reference = "Erp-" + TestCustomers.uniqueRef();
		Customer first = insert(withRef(reference));
		assertThat(keyOf(first.id())).isEqualTo(reference.toLowerCase(Locale.ROOT));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> insert(withRef(reference.toUpperCase(Locale.ROOT))));
		Customer other = insert(withRef(TestCustomers.uniqueRef()));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.store.updateIfVersion(other.id(),
				1, new Update().set("externalRef", reference.toLowerCase(Locale.ROOT))
					.set(CustomerStore.REFERENCE_KEY, reference.toLowerCase(Locale.ROOT))));
	}

	/**
	 * Customers stored before the key: the index is created over them (it is sparse), and
	 * the start-up run gives each its key, the oldest of references differing only in
	 * case first, leaving the others without (no failure); after it, a third spelling is
	 * refused by the store.
	 */
	@Test
	void customersStoredBeforeTheKeyGetItAtStartUpSkippingCaseDuplicates() {
		assertThat(this.indexes.tryApply()).isTrue();
		String reference = "Old-" + TestCustomers.uniqueRef();
		Customer older = legacy(withRef(reference.toUpperCase(Locale.ROOT)));
		Customer newer = legacy(withRef(reference.toLowerCase(Locale.ROOT)));
		Customer alone = legacy(withRef("Old-" + TestCustomers.uniqueRef()));
		assertThat(this.indexes.tryApply()).isTrue();

		CustomerReferenceKeys.Outcome outcome = this.referenceKeys.run();

		assertThat(outcome.keyed()).isGreaterThanOrEqualTo(2);
		assertThat(outcome.conflicts()).isGreaterThanOrEqualTo(1);
		assertThat(keyOf(older.id())).isEqualTo(reference.toLowerCase(Locale.ROOT));
		assertThat(keyOf(newer.id())).isNull();
		assertThat(keyOf(alone.id())).isEqualTo(alone.externalRef().toLowerCase(Locale.ROOT));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> insert(withRef(reference)));
		// A second run finds only what it left: it sets nothing more on these.
		this.referenceKeys.run();
		assertThat(keyOf(newer.id())).isNull();
	}

	/** Inserts {@code customer} as stored before the key existed: without it. */
	private Customer legacy(Customer customer) {
		Document document = new Document();
		this.mongo.getConverter().write(customer, document);
		this.mongo.getCollection("customers").insertOne(document);
		return customer;
	}

	private String keyOf(String id) {
		Document stored = this.mongo.getCollection("customers").find(new Document("_id", new ObjectId(id))).first();
		return stored.getString(CustomerStore.REFERENCE_KEY);
	}

	@Test
	void theCreationRecordInsertedWithTheCustomerMovesToTheTrailOnce() {
		Customer customer = customer("SMB");
		AuditRecord created = created(customer);
		this.store.insert(customer, created);
		Document stored = this.mongo.getCollection("customers")
			.find(new Document("_id", new ObjectId(customer.id())))
			.first();
		assertThat(stored.getList(AuditOutbox.ENTRIES, Document.class)).hasSize(1);

		this.audit.settle(Customer.class, customer.id(), created);
		this.audit.settle(Customer.class, customer.id(), created);

		assertThat(this.mongo.find(Query.query(Criteria.where("entityId").is(customer.id())), AuditRecord.class))
			.containsExactly(created);
		assertThat(this.mongo.getCollection("customers").find(new Document("_id", new ObjectId(customer.id()))).first())
			.doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
	}

	@Test
	void updatesApplyOnlyAtTheVersionRead() {
		Customer stored = insert(customer("SMB"));
		assertThat(this.store.updateIfVersion(stored.id(), 1, new Update().set("name", "v2"))).get()
			.extracting(Customer::name, Customer::version)
			.containsExactly("v2", 2L);
		assertThat(this.store.updateIfVersion(stored.id(), 1, new Update().set("name", "lost"))).isEmpty();
		assertThat(this.store.findById(stored.id())).get().extracting(Customer::name).isEqualTo("v2");
	}

	@Test
	void targetedUpdatesLeaveOtherFieldsOfTheDocumentAlone() {
		Customer stored = insert(customer("SMB"));
		// A counter another capability keeps in the same document, outside the profile.
		this.store.updateIfVersion(stored.id(), 1, new Update().set("exposure.openOrders", 10));
		this.store.updateIfVersion(stored.id(), 2, new Update().set("name", "renamed"));
		assertThat(this.store.findById(stored.id())).get().extracting(Customer::name).isEqualTo("renamed");
	}

	@Test
	void pagesFollowEachOtherInIdOrder() {
		String segment = "STORE_" + TestCustomers.uniqueRef().replace("-", "_");
		for (int i = 0; i < 5; i++) {
			insert(customer(segment));
		}
		var filter = new CustomerInputs.CustomerFilter(segment, null, null, null, null, null);
		Connection<Customer> first = this.store.page(filter, 3, null);
		assertThat(first.totalCount()).isEqualTo(5);
		assertThat(first.edges()).hasSize(3);
		assertThat(first.pageInfo().hasNextPage()).isTrue();
		Connection<Customer> second = this.store.page(filter, 3, Connection.decode(first.pageInfo().endCursor()));
		assertThat(second.edges()).hasSize(2);
		assertThat(second.pageInfo().hasNextPage()).isFalse();
		assertThat(second.edges().get(0).node().id()).isGreaterThan(first.edges().get(2).node().id());
	}

}
