package io.creditdesk.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A conditional order update that finds another version (a concurrent change of the
 * order, such as an invoice raising its invoiced part, landed between the read and the
 * write) must leave the counters as they were; a release that loses the race to another
 * approver's is told so, never that the order would exceed the hard cap.
 */
@CreditDeskIntegrationTest
@TestPropertySource(properties = { "spring.test.webtestclient.timeout=30s" })
class LostRaceIntegrationTests {

	/** The order whose next conditional update loses a race (null: none). */
	private static final AtomicReference<String> RACING = new AtomicReference<>();

	/**
	 * The release whose reservation other approvers' releases of the same order overtake
	 * (null: none).
	 */
	private static final AtomicReference<Overtaken> OVERTAKEN = new AtomicReference<>();

	/**
	 * The release whose every reservation finds a stale change of the same order in its
	 * way (null: none).
	 */
	private static final AtomicReference<KeptOut> KEPT_OUT = new AtomicReference<>();

	@MockitoSpyBean(reset = MockReset.NONE)
	private OrderStore store;

	@MockitoSpyBean(reset = MockReset.NONE)
	private Ledger ledger;

	@Autowired
	private PendingChanges pending;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private HttpGraphQlTester graphQl;

	private LedgerFixtures f;

	@BeforeEach
	void raceHook() {
		this.f = new LedgerFixtures(this.graphQl);
		if (Mockito.mockingDetails(this.store).getStubbings().isEmpty()) {
			doAnswer(invocation -> {
				Order order = invocation.getArgument(0);
				String racing = RACING.get();
				if (racing != null && racing.equals(order.id()) && RACING.compareAndSet(racing, null)) {
					// Another request's change of the order lands first.
					this.mongo.updateFirst(Query.query(Criteria.where("_id").is(order.id())),
							new Update().inc("version", 1), Order.class);
				}
				return invocation.callRealMethod();
			}).when(this.store).updateIfVersion(any(), any(), any());
		}
		if (Mockito.mockingDetails(this.ledger).getStubbings().isEmpty()) {
			doAnswer(invocation -> {
				Overtaken race = OVERTAKEN.get();
				PendingChange mark = invocation.getArgument(1);
				if (race != null && race.key().equals(mark.key())) {
					race.before(invocation.getArgument(0), mark);
				}
				KeptOut keptOut = KEPT_OUT.get();
				if (keptOut != null && keptOut.key().equals(mark.key())) {
					keptOut.before(invocation.getArgument(0), mark);
				}
				return invocation.callRealMethod();
			}).when(this.ledger).reserve(any(), any(), any(), any(), any());
		}
	}

	/**
	 * A release of the order {@code key} overtaken by other approvers' (the one whose
	 * reservation comes first, on the thread that comes first): before its first
	 * reservation another approver's release lands ({@code winner}); before each of its
	 * reservations a losing approver's reservation of the order, at the version it read
	 * and not undone yet, is in the way, as many times as {@code losers}.
	 */
	private record Overtaken(String key, Runnable winner, AtomicInteger losers, AtomicReference<Thread> thread,
			Ledger ledger) {

		Overtaken(String key, Runnable winner, int losers, Ledger ledger) {
			this(key, winner, new AtomicInteger(losers), new AtomicReference<>(), ledger);
		}

		void before(String customerId, PendingChange mark) {
			if (this.thread.compareAndSet(null, Thread.currentThread())) {
				this.winner.run();
			}
			if (this.thread.get() == Thread.currentThread() && this.losers.getAndDecrement() > 0) {
				this.ledger.mark(customerId, new PendingChange(mark.key(), new ObjectId().toHexString(), mark.deltas(),
						true, mark.at(), mark.version()));
			}
		}

	}

	/**
	 * A release of the order {@code key} kept out of every reservation: before each, a
	 * pending change of the same order is marked on the customer's document, one a write
	 * of an earlier version of the order left (it can no longer land: the release clears
	 * it at once and tries again), as many times as {@code marks}.
	 */
	private record KeptOut(String key, AtomicInteger marks, Ledger ledger) {

		KeptOut(String key, int marks, Ledger ledger) {
			this(key, new AtomicInteger(marks), ledger);
		}

		void before(String customerId, PendingChange mark) {
			if (this.marks.getAndDecrement() > 0) {
				this.ledger.mark(customerId, new PendingChange(mark.key(), new ObjectId().toHexString(), mark.deltas(),
						true, mark.at(), mark.version() - 1));
			}
		}

	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	@Test
	void aShipmentThatLosesTheRaceMovesNoExposure() {
		String customer = this.f.activeCustomer("10000");
		String order = id("o");
		this.f.place("sales", order, customer, "6000", "EUR");
		RACING.set(order);
		Map<String, Object> input = new HashMap<>(Map.of("orderId", order, "shipmentId", "s1", "amount", "2000"));
		this.f.mutate("integration", "shipOrder", "ShipOrderInput", input, LedgerFixtures.DECISION)
			.path("shipOrder.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CONCURRENT_MODIFICATION");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("6000.00");
		assertThat(this.f.counter(customer, "shippedNotInvoiced")).isEqualTo("0.00");
	}

	@Test
	void anAutomaticReleaseThatLosesTheRaceReservesNothing() {
		String customer = this.f.activeCustomer("5000");
		String first = id("o");
		this.f.place("sales", first, customer, "4000", "EUR");
		String held = id("held");
		this.f.place("sales", held, customer, "3000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		RACING.set(held);
		// Frees 4000: the held order is re-evaluated, reserved, and its update loses the
		// race.
		this.f.mutate("sales", "cancelOrder", "CancelOrderInput", Map.of("orderId", first),
				"order { status } userErrors { code }");
		String status = this.f.as("sales")
			.document("{ order(id: \"" + held + "\") { status } }")
			.execute()
			.path("order.status")
			.entity(String.class)
			.get();
		assertThat(status).isEqualTo("HELD");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
	}

	@Test
	void aReleaseOvertakenByAnotherApproversIsToldTheOrderIsNoLongerWaitingNotTheHardCap() {
		String customer = this.f.activeCustomer("10000");
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "hardCap",
				Map.of("amount", "500000", "currency", "EUR"), "reason", "cap"));
		this.f.place("sales", id("o"), customer, "6000", "EUR");
		String held = id("held");
		this.f.place("sales", held, customer, "14000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		OVERTAKEN
			.set(new Overtaken(PendingChange.key(Order.COLLECTION, held),
					() -> this.f.mutate("cfo", "releaseOrder", "ReleaseOrderInput",
							Map.of("orderId", held, "reason", "first", "overrideLimit", true), LedgerFixtures.DECISION)
						.path("releaseOrder.decision.status")
						.entity(String.class)
						.isEqualTo("APPROVED"),
					3, this.ledger));
		GraphQlTester.Response lost;
		try {
			lost = this.f.mutate("manager", "releaseOrder", "ReleaseOrderInput",
					Map.of("orderId", held, "reason", "second", "overrideLimit", true), LedgerFixtures.DECISION);
		}
		finally {
			OVERTAKEN.set(null);
			// The losing approvers' own compensation: their reservations are undone.
			this.pending.resolveSettled(this.ledger.find(customer).orElseThrow());
		}
		lost.path("releaseOrder.userErrors[0].code").entity(String.class).isEqualTo("ORDER_NOT_PENDING");
		lost.path("releaseOrder.userErrors[0].field").entity(String.class).isEqualTo("orderId");
		lost.path("releaseOrder.userErrors[0].message")
			.entity(String.class)
			.isEqualTo("Order " + held + " is not waiting for approval.");
		lost.path("releaseOrder.decision").valueIsNull();
		approvedOnceBy(held, "cfo");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("20000.00");
		assertThat(this.ledger.find(customer).orElseThrow().pendingChanges()).isEmpty();
		this.f.noDrift(customer);
	}

	@Test
	void approversReleasingTheSameOrdersAtOnceApproveEachOnceAndTheOthersAreToldTheOrderMoved() throws Exception {
		String customer = this.f.activeCustomer("10000");
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "hardCap",
				Map.of("amount", "500000", "currency", "EUR"), "reason", "cap"));
		this.f.place("sales", id("o"), customer, "6000", "EUR");
		List<String> held = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String order = id("held");
			this.f.place("sales", order, customer, "5000", "EUR")
				.path("placeOrder.decision.status")
				.entity(String.class)
				.isEqualTo("PENDING_APPROVAL");
			held.add(order);
		}
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 18; i++) {
			String order = held.get(i % held.size());
			String approver = (i % 2 == 0) ? "manager" : "cfo";
			Callable<List<String>> release = () -> {
				start.await();
				GraphQlTester.Response response = this.f.mutate(approver, "releaseOrder", "ReleaseOrderInput",
						Map.of("orderId", order, "reason", "race", "overrideLimit", true), LedgerFixtures.DECISION);
				List<String> codes = response.path("releaseOrder.userErrors[*].code").entityList(String.class).get();
				if (codes.isEmpty()) {
					response.path("releaseOrder.decision.status").entity(String.class).isEqualTo("APPROVED");
					return List.of(order, "APPROVED");
				}
				return List.of(order, codes.get(0));
			};
			calls.add(pool.submit(release));
		}
		start.countDown();
		Map<String, Integer> approved = new HashMap<>();
		for (Future<List<String>> call : calls) {
			List<String> outcome = call.get(120, TimeUnit.SECONDS);
			assertThat(outcome.get(1)).isIn("APPROVED", "ORDER_NOT_PENDING", "CONCURRENT_MODIFICATION",
					"ORDER_IN_PROGRESS");
			if (outcome.get(1).equals("APPROVED")) {
				approved.merge(outcome.get(0), 1, Integer::sum);
			}
		}
		pool.shutdown();
		assertThat(approved).containsOnlyKeys(held).allSatisfy((order, count) -> assertThat(count).isOne());
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("21000.00");
		assertThat(this.ledger.find(customer).orElseThrow().pendingChanges()).isEmpty();
		this.f.noDrift(customer);
	}

	/**
	 * A release whose reservation is kept out by another change of the same order each of
	 * the three times it tries, while the order stays as it was read, the customer
	 * eligible and the amount under the ceiling, is told that another request for the
	 * order is still being stored ({@code ORDER_IN_PROGRESS}), and reserves nothing: the
	 * last reason {@code CreditDecider.notReserved} gives, untested before.
	 */
	@Test
	void aReleaseKeptOutOfEveryReservationIsToldAnotherRequestIsInProgressAndReservesNothing() {
		String customer = this.f.activeCustomer("10000");
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "hardCap",
				Map.of("amount", "500000", "currency", "EUR"), "reason", "cap"));
		this.f.place("sales", id("o"), customer, "6000", "EUR");
		String held = id("held");
		this.f.place("sales", held, customer, "14000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		KeptOut keptOut = new KeptOut(PendingChange.key(Order.COLLECTION, held), 3, this.ledger);
		KEPT_OUT.set(keptOut);
		GraphQlTester.Response refused;
		try {
			refused = this.f.mutate("manager", "releaseOrder", "ReleaseOrderInput",
					Map.of("orderId", held, "reason", "kept out", "overrideLimit", true), LedgerFixtures.DECISION);
		}
		finally {
			KEPT_OUT.set(null);
		}
		// Three reservations tried, each kept out; the last stale change is still marked.
		assertThat(keptOut.marks().get()).isZero();
		assertThat(this.ledger.find(customer).orElseThrow().pendingChanges()).hasSize(1);
		refused.path("releaseOrder.userErrors[0].code").entity(String.class).isEqualTo("ORDER_IN_PROGRESS");
		refused.path("releaseOrder.userErrors[0].field").entity(String.class).isEqualTo("orderId");
		refused.path("releaseOrder.userErrors[0].message")
			.entity(String.class)
			.isEqualTo("Another request for the same order (or too many orders of the customer at once) is still"
					+ " being stored; try again in a few seconds.");
		refused.path("releaseOrder.decision").valueIsNull();
		// The stale change is undone as any would be (a later request, the sweep): the
		// release itself reserved nothing.
		this.pending.resolveSettled(this.ledger.find(customer).orElseThrow());
		assertThat(this.ledger.find(customer).orElseThrow().pendingChanges()).isEmpty();
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("6000.00");
		this.f.as("sales")
			.document("{ order(id: \"" + held + "\") { decision { status } } }")
			.execute()
			.path("order.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		this.f.noDrift(customer);
	}

	/** The order is open, approved once, by {@code approver}. */
	private void approvedOnceBy(String order, String approver) {
		GraphQlTester.Response response = this.f.as("sales")
			.document("{ order(id: \"" + order + "\") { status decision { status decidedBy } } }")
			.execute();
		response.path("order.status").entity(String.class).isEqualTo("OPEN");
		response.path("order.decision.status").entity(String.class).isEqualTo("APPROVED");
		response.path("order.decision.decidedBy").entity(String.class).isEqualTo(approver);
	}

}
