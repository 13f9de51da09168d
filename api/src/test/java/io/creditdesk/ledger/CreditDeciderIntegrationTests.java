package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.ledger.CreditDecider.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The order path's concurrency-critical core on its own, without orders: decisions taken
 * on one (soon stale) reading never reserve more than the limit, a reservation whose
 * write does not land is undone, the group follows its member or the member's reservation
 * is undone, and Finance's release reserves against the limit or, with an override, the
 * hard cap only.
 */
@CreditDeskIntegrationTest
class CreditDeciderIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private CreditDecider decider;

	@Autowired
	private AccountContexts contexts;

	@Autowired
	private OrderStore orders;

	private LedgerFixtures f;

	@BeforeEach
	void signIn() {
		this.f = new LedgerFixtures(this.graphQl);
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken("sales", null,
					AuthorityUtils.createAuthorityList("ROLE_SALES")));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void decisionsOnOneStaleReadingNeverReserveMoreThanTheLimit() throws Exception {
		String customer = this.f.activeCustomer("1000");
		Context reading = this.contexts.load(customer, "customerId");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Outcome>> futures = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			String key = "decider-" + customer + "-" + i;
			Callable<Outcome> decide = () -> {
				start.await();
				try (LedgerWrite write = this.decider.begin(key)) {
					Outcome outcome = this.decider.decide(reading, new BigDecimal("100.00"), new BigDecimal("100.00"),
							false, Deltas.NONE, write);
					// Stands for the order document that carries the reservation.
					write.write(() -> Boolean.TRUE);
					return outcome;
				}
			};
			futures.add(pool.submit(decide));
		}
		start.countDown();
		int approved = 0;
		for (Future<Outcome> future : futures) {
			Outcome outcome = future.get();
			if (outcome.approved()) {
				approved++;
				assertThat(outcome.change()).isNotNull();
			}
			else {
				assertThat(outcome.decision().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
				assertThat(outcome.decision().reasonCodes()).containsExactly(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT);
				assertThat(outcome.change()).isNull();
			}
		}
		pool.shutdown();
		assertThat(approved).isEqualTo(10);
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("1000.00");
		assertThat(this.f.available(customer)).isEqualTo("0.00");
	}

	@Test
	void aReservationWhoseWriteDoesNotLandIsUndone() {
		String customer = this.f.activeCustomer("1000");
		try (LedgerWrite write = this.decider.begin("decider-undone-" + customer)) {
			Outcome outcome = this.decider.decide(this.contexts.load(customer, "customerId"), new BigDecimal("400.00"),
					new BigDecimal("400.00"), false, Deltas.NONE, write);
			assertThat(outcome.approved()).isTrue();
			assertThat(outcome.decision().reasonCodes()).containsExactly(CreditReasonCode.WITHIN_AVAILABLE_CREDIT);
			assertThat(outcome.decision().availableAfter().amount()).isEqualByComparingTo("600.00");
			assertThat(this.f.available(customer)).isEqualTo("600.00");
		}
		assertThat(this.f.available(customer)).isEqualTo("1000.00");
	}

	@Test
	void aMembersReservationTheGroupCannotTakeIsUndoneAndHeld() {
		String parent = this.f.activeCustomer("5000");
		String member = TestCustomers.create(this.f.as("admin"), this.f.segmentOf(parent), "SILVER", "RETAIL", "EUR");
		this.f.join(member, parent);
		this.f.as("admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + member
					+ "\", amount: \"5000\", reason: \"t\"}) { userErrors { code } } }")
			.execute();
		this.f.groupLimit(parent, "1000");
		try (LedgerWrite write = this.decider.begin("decider-group-" + member)) {
			Outcome outcome = this.decider.decide(this.contexts.load(member, "customerId"), new BigDecimal("1500.00"),
					new BigDecimal("1500.00"), false, Deltas.NONE, write);
			assertThat(outcome.decision().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
			assertThat(outcome.decision().reasonCodes())
				.containsExactly(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);
			assertThat(outcome.change()).isNull();
			assertThat(this.f.counter(member, "openOrders")).isEqualTo("0.00");
		}
		assertThat(this.f.counter(member, "openOrders")).isEqualTo("0.00");
		assertThat(new BigDecimal(this.f.counter(parent, "groupExposure"))).isEqualByComparingTo("0");
	}

	@Test
	void aReleaseReservesAgainstTheLimitOrWithAnOverrideAgainstTheHardCapOnly() {
		String customer = this.f.activeCustomer("1000");
		Order held = heldOrder(customer, "1500");
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class, () -> {
			try (LedgerWrite write = this.decider.begin(held)) {
				this.decider.approveRelease(held, new BigDecimal("1500.00"), false, "manager", write);
			}
		});
		assertThat(refused.code()).isEqualTo("EXCEEDS_AVAILABLE_CREDIT");
		assertThat(this.f.available(customer)).isEqualTo("1000.00");
		try (LedgerWrite write = this.decider.begin(held)) {
			CreditDecision decision = this.decider
				.approveRelease(held, new BigDecimal("1500.00"), true, "manager", write)
				.decision();
			write.write(() -> Boolean.TRUE);
			assertThat(decision.status()).isEqualTo(DecisionStatus.APPROVED);
			assertThat(decision.reasonCodes()).containsExactly(CreditReasonCode.RELEASED_BY_APPROVER,
					CreditReasonCode.LIMIT_OVERRIDDEN);
			assertThat(decision.availableAfter().amount()).isEqualByComparingTo("-500.00");
		}
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("1500.00");
	}

	@Test
	void aReleaseOverTheHardCapEvenWithAnOverrideIsRefusedWithTheCapAndTheFiguresOfNow() {
		String customer = this.f.activeCustomer("1000");
		this.f.place("sales", "decider-open-" + TestCustomers.uniqueRef(), customer, "800", "EUR");
		Order held = heldOrder(customer, "1500");
		// Lowered while the order waits.
		this.f.policy(Map.of("level", "CUSTOMER", "code", customer, "hardCap",
				Map.of("amount", "2000", "currency", "EUR"), "reason", "cap"));
		CreditDeskException overCap = catchThrowableOfType(CreditDeskException.class, () -> {
			try (LedgerWrite write = this.decider.begin(held)) {
				this.decider.approveRelease(held, new BigDecimal("1500.00"), true, "manager", write);
			}
		});
		assertThat(overCap.code()).isEqualTo("OVER_HARD_CAP");
		assertThat(overCap.errors().get(0).field()).isEqualTo("overrideLimit");
		assertThat(overCap.errors().get(0).figures()).hasSize(1);
		money(overCap, 0, "2000");
		CreditDeskException overLimit = catchThrowableOfType(CreditDeskException.class, () -> {
			try (LedgerWrite write = this.decider.begin(held)) {
				this.decider.approveRelease(held, new BigDecimal("1500.00"), false, "manager", write);
			}
		});
		assertThat(overLimit.code()).isEqualTo("EXCEEDS_AVAILABLE_CREDIT");
		assertThat(overLimit.errors().get(0).figures()).hasSize(2);
		money(overLimit, 0, "1500");
		money(overLimit, 1, "200");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("800.00");
	}

	private static void money(CreditDeskException refused, int figure, String amount) {
		Money money = (Money) refused.errors().get(0).figures().get(figure);
		assertThat(money.amount()).isEqualByComparingTo(amount);
		assertThat(money.currency()).isEqualTo("EUR");
	}

	/**
	 * An order placed over the available credit, as the worklist holds it: a release that
	 * does not reserve reads it again to tell why.
	 */
	private Order heldOrder(String customer, String credit) {
		String id = "decider-held-" + TestCustomers.uniqueRef();
		this.f.place("sales", id, customer, credit, "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		return this.orders.require(id);
	}

}
