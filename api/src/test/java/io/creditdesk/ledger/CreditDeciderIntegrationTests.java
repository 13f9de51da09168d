package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
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
		Order held = heldOrder(customer, "1500.00");
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

	/**
	 * An order as the worklist holds it, not stored: the decider reads only its customer,
	 * amount and dates.
	 */
	private static Order heldOrder(String customer, String credit) {
		return new Order("decider-held-" + customer, customer, null, "API", new Money(new BigDecimal(credit), "EUR"),
				new Money(new BigDecimal(credit), "EUR"), BigDecimal.ONE, null, null, false, OrderStatus.HELD, null,
				BigDecimal.ZERO, BigDecimal.ZERO, List.of(), List.of(), null, "sales", null, null, null, "key", 1);
	}

}
