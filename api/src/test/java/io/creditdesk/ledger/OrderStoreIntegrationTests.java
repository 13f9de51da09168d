package io.creditdesk.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.bson.Document;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The order documents' one conditional update: at the version read it applies, moves the
 * version on and stamps {@code updatedAt} (every caller, including the invoicing and the
 * automatic release, which used to leave {@code updatedAt} behind); at a stale version it
 * changes nothing.
 */
@CreditDeskIntegrationTest
class OrderStoreIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private OrderStore store;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Clock clock;

	@Test
	void anUpdateAtTheVersionReadAppliesMovesTheVersionAndStampsUpdatedAt() {
		Order order = placed();
		// As an old copy of the update left it: updatedAt behind the version.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
				new Update().set("updatedAt", order.placedAt().minusSeconds(3600)), Order.class);
		Order read = this.store.require(order.id());

		Optional<Order> updated = this.store.updateIfVersion(read, new Update().inc("invoicedCredit", 1));

		assertThat(updated).isPresent();
		assertThat(updated.get().version()).isEqualTo(read.version() + 1);
		assertThat(updated.get().invoicedCredit()).isEqualByComparingTo("1");
		assertThat(updated.get().updatedAt()).isAfterOrEqualTo(order.placedAt())
			.isBeforeOrEqualTo(this.clock.instant());
	}

	@Test
	void insertingAnOrderWhoseIdIsTakenIsRefusedAsADuplicateKeyAndChangesNothing() {
		Order order = placed();
		Document again = this.store
			.toDocument(order.with(OrderStatus.CANCELLED, order.amount(), order.creditAmount(), null));

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.store.insert(again));

		assertThat(this.store.require(order.id()).status()).isEqualTo(order.status());
	}

	@Test
	void anInsertedOrderReadsBackAsTheOrderWritten() {
		Order order = placed();
		Order copy = order.with(order.status(), order.amount(), order.creditAmount(), null);
		Document document = this.store.toDocument(new Order(order.id() + "-copy", copy.customerId(), copy.segment(),
				copy.channel(), copy.amount(), copy.creditAmount(), copy.fxRate(), copy.fxRateDate(),
				copy.requestedDeliveryDate(), copy.longDated(), copy.status(), copy.decision(), copy.shippedCredit(),
				copy.invoicedCredit(), copy.shippedAmount(), copy.invoicedAmount(), copy.shipmentIds(),
				copy.shipments(), copy.pendingAmendment(), copy.placedBy(), copy.placedAt(), copy.updatedAt(),
				copy.fingerprint(), copy.worklistKey(), copy.version()));

		this.store.insert(document);

		Order read = this.store.require(order.id() + "-copy");
		assertThat(read).usingRecursiveComparison().ignoringFields("id").isEqualTo(order);
	}

	@Test
	void anUpdateAtAStaleVersionChangesNothing() {
		Order read = placed();
		assertThat(this.store.updateIfVersion(read, new Update().set("channel", "FIRST"))).isPresent();

		assertThat(this.store.updateIfVersion(read, new Update().set("channel", "SECOND"))).isEmpty();

		Order now = this.store.require(read.id());
		assertThat(now.channel()).isEqualTo("FIRST");
		assertThat(now.version()).isEqualTo(read.version() + 1);
	}

	@Test
	void aCustomersOrdersRefuseACursorThisListDidNotIssue() {
		Order order = placed();
		String foreign = Base64.getUrlEncoder().encodeToString("v1:not-a-time|x".getBytes(StandardCharsets.UTF_8));
		new LedgerFixtures(this.graphQl).as("manager")
			.document("{ customer(id: \"" + order.customerId() + "\") { orders(first: 1, after: \"" + foreign
					+ "\") { totalCount } } }")
			.execute()
			.errors()
			.expect(error -> "INVALID_CURSOR".equals(error.getExtensions().get("code")))
			.verify();
	}

	private Order placed() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		String orderId = "store-" + customer;
		f.place("sales", orderId, customer, "100", "EUR")
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return this.store.require(orderId);
	}

}
