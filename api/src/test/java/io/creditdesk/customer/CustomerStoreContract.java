package io.creditdesk.customer;

import java.time.Instant;
import java.util.List;

import io.creditdesk.TestCustomers;
import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the service relies on from MongoDB, run against every store: the embedded server here,
 * a real MongoDB through Testcontainers where Docker exists.
 */
abstract class CustomerStoreContract {

	@Autowired
	CustomerStore store;

	@Autowired
	MongoIndexes indexes;

	static Customer customer(String segment) {
		return new Customer(new ObjectId().toHexString(), TestCustomers.uniqueRef(), "Store Test", TestCustomers.uniqueGermanTaxId(),
				"DE", segment, "GOLD", "RETAIL", null, "EUR", CustomerStatus.PENDING_VERIFICATION, List.of(), null,
				Instant.now(), Instant.now(), 1);
	}

	@Test
	void uniqueExternalRefAndTaxIdAreEnforcedByTheStore() {
		assertThat(this.indexes.tryApply()).isTrue();
		Customer first = this.store.insert(customer("SMB"));
		Customer sameRef = new Customer(new ObjectId().toHexString(), first.externalRef(), "Other", TestCustomers.uniqueGermanTaxId(),
				"DE", "SMB", "GOLD", "RETAIL", null, "EUR", CustomerStatus.PENDING_VERIFICATION, List.of(), null,
				Instant.now(), Instant.now(), 1);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.store.insert(sameRef));
		Customer sameTaxId = new Customer(new ObjectId().toHexString(), TestCustomers.uniqueRef(), "Other", first.taxId(), "DE",
				"SMB", "GOLD", "RETAIL", null, "EUR", CustomerStatus.PENDING_VERIFICATION, List.of(), null, Instant.now(),
				Instant.now(), 1);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.store.insert(sameTaxId));
	}

	@Test
	void updatesApplyOnlyAtTheVersionRead() {
		Customer stored = this.store.insert(customer("SMB"));
		assertThat(this.store.updateIfVersion(stored.id(), 1, new Update().set("name", "v2"))).get()
			.extracting(Customer::name, Customer::version)
			.containsExactly("v2", 2L);
		assertThat(this.store.updateIfVersion(stored.id(), 1, new Update().set("name", "lost"))).isEmpty();
		assertThat(this.store.findById(stored.id())).get().extracting(Customer::name).isEqualTo("v2");
	}

	@Test
	void targetedUpdatesLeaveOtherFieldsOfTheDocumentAlone() {
		Customer stored = this.store.insert(customer("SMB"));
		// A counter another capability keeps in the same document, outside the profile.
		this.store.updateIfVersion(stored.id(), 1, new Update().set("exposure.openOrders", 10));
		this.store.updateIfVersion(stored.id(), 2, new Update().set("name", "renamed"));
		assertThat(this.store.findById(stored.id())).get().extracting(Customer::name).isEqualTo("renamed");
	}

	@Test
	void pagesFollowEachOtherInIdOrder() {
		String segment = "STORE_" + TestCustomers.uniqueRef().replace("-", "_");
		for (int i = 0; i < 5; i++) {
			this.store.insert(customer(segment));
		}
		var filter = new CustomerInputs.CustomerFilter(segment, null, null, null, null, null);
		Connection<Customer> first = this.store.page(filter, 3, null);
		assertThat(first.totalCount()).isEqualTo(5);
		assertThat(first.edges()).hasSize(3);
		assertThat(first.pageInfo().hasNextPage()).isTrue();
		Connection<Customer> second = this.store.page(filter, 3,
				Connection.decode(first.pageInfo().endCursor()));
		assertThat(second.edges()).hasSize(2);
		assertThat(second.pageInfo().hasNextPage()).isFalse();
		assertThat(second.edges().get(0).node().id()).isGreaterThan(first.edges().get(2).node().id());
	}

}
