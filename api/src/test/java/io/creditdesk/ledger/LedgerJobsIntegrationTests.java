package io.creditdesk.ledger;

import org.bson.Document;

import java.util.ArrayList;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.infrastructure.JobLock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

@CreditDeskIntegrationTest
class LedgerJobsIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private LedgerJobs jobs;

	@Autowired
	private JobLock lock;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Clock clock;

	@Test
	void longDatedOrdersStartCountingWhenTheirDeliveryComesWithinTheHorizon() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("5000");
		f.policy(Map.of("level", "CUSTOMER", "code", customer, "checkHorizonDays", 30, "reason", "horizon"));
		String order = "ld-" + customer;
		f.place("sales", Map.of("orderId", order, "customerId", customer, "amount", "3000", "currency", "EUR",
				"requestedDeliveryDate", LocalDate.now().plusDays(90).toString()));
		assertThat(f.available(customer)).isEqualTo("5000.00");
		// Time passes: the delivery date is now 20 days away.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order)),
				new Update().set("requestedDeliveryDate", LocalDate.now().plusDays(20)), Order.class);
		assertThat(this.jobs.moveOrdersIntoHorizon()).isGreaterThanOrEqualTo(1);
		assertThat(f.counter(customer, "longDatedOrders")).isEqualTo("0.00");
		assertThat(f.available(customer)).isEqualTo("2000.00");
	}

	/**
	 * The horizon sweep reads the few long-dated orders through an index holding only
	 * them, not every order (a real MongoDB uses the partial index; the embedded store
	 * answers its leading field from memory).
	 */
	@Test
	void theHorizonSweepsOrdersHaveAPartialIndex() {
		Document index = this.mongo.getCollection(Order.COLLECTION)
			.listIndexes()
			.into(new ArrayList<>())
			.stream()
			.filter(i -> "long_dated".equals(i.getString("name")))
			.findFirst()
			.orElseThrow();
		assertThat(index.get("key", Document.class)).isEqualTo(new Document("longDated", 1).append("status", 1));
		assertThat(index.get("partialFilterExpression", Document.class)).isEqualTo(new Document("longDated", true));
	}

	@Test
	void theSweepReleasesHeldOrdersWhoseCreditCameBackWithoutAnEvent() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		String held = "sweep-" + customer;
		f.place("sales", Map.of("orderId", held, "customerId", customer, "amount", "1500", "currency", "EUR"))
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		// The limit rises behind the service's back: the order was held on a reading
		// taken before a
		// change whose re-evaluation had already run, so no event will release it.
		setLimitInTheStore(customer, "2000.00");
		assertThat(this.mongo.findById(held, Order.class).status()).isEqualTo(OrderStatus.HELD);

		assertThat(this.jobs.releaseHeldOrdersThatFit()).isGreaterThanOrEqualTo(1);

		Order released = this.mongo.findById(held, Order.class);
		assertThat(released.status()).isEqualTo(OrderStatus.OPEN);
		assertThat(released.decision().reasonCodes()).containsExactly(CreditReasonCode.AUTO_RELEASED);
		assertThat(f.available(customer)).isEqualTo("500.00");
		// Nothing left to release: a second sweep changes nothing.
		this.jobs.releaseHeldOrdersThatFit();
		assertThat(f.available(customer)).isEqualTo("500.00");
	}

	/**
	 * A sweep after another reads only the orders held since that one began (less a
	 * margin): it read every order held before, and freed credit re-evaluated them since.
	 */
	@Test
	void aSweepFromAnInstantReadsOnlyOrdersHeldSinceThen() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		String held = "since-" + customer;
		f.place("sales", Map.of("orderId", held, "customerId", customer, "amount", "1500", "currency", "EUR"))
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		setLimitInTheStore(customer, "2000.00");

		// Held before the instant the sweep reads from: not its to release.
		this.jobs.releaseHeldOrdersThatFit(Instant.now().plusSeconds(2), 10);
		assertThat(this.mongo.findById(held, Order.class).status()).isEqualTo(OrderStatus.HELD);

		assertThat(this.jobs.releaseHeldOrdersThatFit(Instant.now().minusSeconds(60), 1)).isGreaterThanOrEqualTo(1);
		assertThat(this.mongo.findById(held, Order.class).status()).isEqualTo(OrderStatus.OPEN);
	}

	/**
	 * The next held-order sweep begins where the last one that succeeded began, less the
	 * margin; a failed run leaves that where it was.
	 */
	@Test
	void theNextHeldSweepBeginsWhereTheLastSuccessfulOneBeganLessTheMargin() {
		// The store keeps milliseconds.
		Instant before = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		assertThat(this.lock.runExclusively(LedgerJobs.HELD_SWEEP, Duration.ofMinutes(1), () -> {
		})).isTrue();
		Instant after = this.clock.instant();
		Instant since = this.jobs.heldSweepSince();
		assertThat(since).isBetween(before.minus(Duration.ofMinutes(10)), after.minus(Duration.ofMinutes(10)));
		assertThat(this.lock.lastSucceededStart(LedgerJobs.HELD_SWEEP))
			.hasValueSatisfying(start -> assertThat(start).isBetween(before, after));

		assertThat(this.lock.runAlone(LedgerJobs.HELD_SWEEP, Duration.ofMinutes(1), () -> {
			throw new IllegalStateException("store away");
		})).isFalse();

		assertThat(this.jobs.heldSweepSince()).isEqualTo(since);
		assertThat(this.lock.lastSucceededStart("no-such-job")).isEmpty();
	}

	/**
	 * Sweeps read a page at a time to the last: orders that still do not fit (or are
	 * still beyond the horizon) never keep those after them from the sweep, however many.
	 */
	@Test
	void sweepsReadEveryPageNotOnlyTheFirst() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		List<String> customers = List.of(f.activeCustomer("1000"), f.activeCustomer("1000"));
		for (String customer : customers) {
			f.place("sales",
					Map.of("orderId", "paged-" + customer, "customerId", customer, "amount", "1500", "currency", "EUR"))
				.path("placeOrder.decision.status")
				.entity(String.class)
				.isEqualTo("PENDING_APPROVAL");
			setLimitInTheStore(customer, "2000.00");
		}
		assertThat(this.jobs.releaseHeldOrdersThatFit(1)).isGreaterThanOrEqualTo(2);
		for (String customer : customers) {
			assertThat(this.mongo.findById("paged-" + customer, Order.class).status()).as("held order of %s", customer)
				.isEqualTo(OrderStatus.OPEN);
		}

		String customer = f.activeCustomer("5000");
		f.policy(Map.of("level", "CUSTOMER", "code", customer, "checkHorizonDays", 30, "reason", "horizon"));
		List<String> longDated = List.of("far-1-" + customer, "far-2-" + customer);
		for (String order : longDated) {
			f.place("sales", Map.of("orderId", order, "customerId", customer, "amount", "1000", "currency", "EUR",
					"requestedDeliveryDate", LocalDate.now().plusDays(90).toString()));
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order)),
					new Update().set("requestedDeliveryDate", LocalDate.now().plusDays(20)), Order.class);
		}
		assertThat(this.jobs.moveOrdersIntoHorizon(1)).isGreaterThanOrEqualTo(2);
		assertThat(f.counter(customer, "longDatedOrders")).isEqualTo("0.00");
		assertThat(f.available(customer)).isEqualTo("3000.00");
	}

	@Test
	void theSweepReleasesAsManyHeldOrdersOfACustomerAsFitOldestFirst() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		List<String> held = List.of("first-" + customer, "second-" + customer, "third-" + customer);
		List<String> amounts = List.of("1500", "1200", "2500");
		for (int i = 0; i < held.size(); i++) {
			f.place("sales",
					Map.of("orderId", held.get(i), "customerId", customer, "amount", amounts.get(i), "currency", "EUR"))
				.path("placeOrder.decision.status")
				.entity(String.class)
				.isEqualTo("PENDING_APPROVAL");
		}
		setLimitInTheStore(customer, "3000.00");

		assertThat(this.jobs.releaseHeldOrdersThatFit()).isGreaterThanOrEqualTo(2);

		// 3000 available: the oldest (1500) and the next (1200) fit, the third (2500) no
		// longer does.
		assertThat(this.mongo.findById(held.get(0), Order.class).status()).isEqualTo(OrderStatus.OPEN);
		assertThat(this.mongo.findById(held.get(1), Order.class).status()).isEqualTo(OrderStatus.OPEN);
		assertThat(this.mongo.findById(held.get(2), Order.class).status()).isEqualTo(OrderStatus.HELD);
		assertThat(f.available(customer)).isEqualTo("300.00");
		// Off the worklist means without a worklist key at all, not a null one.
		org.bson.Document released = this.mongo.findById(held.get(0), org.bson.Document.class, "orders");
		assertThat(released).doesNotContainKey(OrderStore.WORKLIST_KEY);
		assertThat(this.mongo.findById(held.get(2), org.bson.Document.class, "orders"))
			.containsKey(OrderStore.WORKLIST_KEY);
	}

	@Test
	void theSweepReleasesAHeldAmendmentOnceTheIncreaseFits() {
		LedgerFixtures f = new LedgerFixtures(this.graphQl);
		String customer = f.activeCustomer("1000");
		String order = "amend-" + customer;
		f.place("sales", order, customer, "500", "EUR");
		f.mutate("sales", "amendOrder", "AmendOrderInput", Map.of("orderId", order, "amount", "1500"),
				LedgerFixtures.DECISION)
			.path("amendOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		// 1,100 available: the increase (1,000) fits, the whole amended order (1,500)
		// would not.
		setLimitInTheStore(customer, "1600.00");

		assertThat(this.jobs.releaseHeldOrdersThatFit()).isGreaterThanOrEqualTo(1);

		Order released = this.mongo.findById(order, Order.class);
		assertThat(released.pendingAmendment()).isNull();
		assertThat(released.amount().amount()).isEqualByComparingTo("1500");
		assertThat(f.available(customer)).isEqualTo("100.00");
	}

	@Test
	void aJobLeaseIsHeldByOneRunnerAtATime() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger maxInside = new AtomicInteger();
		AtomicInteger ran = new AtomicInteger();
		Runnable job = () -> {
			maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inside.decrementAndGet();
			ran.incrementAndGet();
		};
		Thread[] threads = new Thread[8];
		for (int i = 0; i < threads.length; i++) {
			threads[i] = new Thread(() -> this.lock.runExclusively("test.lease", Duration.ofMinutes(1), job));
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(maxInside.get()).isEqualTo(1);
		assertThat(ran.get()).isGreaterThanOrEqualTo(1);
		// Released after the run: the next caller gets it.
		assertThat(this.lock.runExclusively("test.lease", Duration.ofMinutes(1), () -> {
		})).isTrue();
	}

	/**
	 * Sets the customer's limit directly in the store, behind the service's back (no
	 * event follows).
	 */
	private void setLimitInTheStore(String customerId, String amount) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customerId)),
				new Update().set("creditLimit.amount.amount", new BigDecimal(amount)), CreditAccount.class,
				CreditAccount.COLLECTION);
	}

}
