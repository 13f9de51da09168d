package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import io.creditdesk.common.DecimalInput;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderService.OrderResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central promise: under many concurrent orders for one customer (and for the members
 * of one group) the approved orders never add up to more than the available credit.
 */
@CreditDeskIntegrationTest
class NoOversellIntegrationTests {

	private static final int THREADS = 32;

	private static final int ORDERS_PER_THREAD = 12;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private OrderService orders;

	private List<OrderResult> placeConcurrently(List<String> customerIds, String prefix) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<OrderResult>>> futures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			Callable<List<OrderResult>> task = () -> {
				SecurityContextHolder.getContext()
					.setAuthentication(new UsernamePasswordAuthenticationToken("sales", null,
							AuthorityUtils.createAuthorityList("ROLE_SALES")));
				start.await();
				List<OrderResult> results = new ArrayList<>();
				for (int i = 0; i < ORDERS_PER_THREAD; i++) {
					String customer = customerIds.get((thread + i) % customerIds.size());
					// Amounts from 100.01 to 999.99 so no two sums coincide by accident.
					String amount = new BigDecimal(100 + (thread * 37 + i * 53) % 900)
						.add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(1 + (thread + i) % 99)))
						.toPlainString();
					results.add(this.orders.place(new PlaceOrderInput(prefix + "-" + thread + "-" + i, customer,
							new DecimalInput(amount), "EUR", "API", null)));
				}
				SecurityContextHolder.clearContext();
				return results;
			};
			futures.add(pool.submit(task));
		}
		start.countDown();
		List<OrderResult> all = new ArrayList<>();
		for (Future<List<OrderResult>> future : futures) {
			all.addAll(future.get());
		}
		pool.shutdown();
		return all;
	}

	private static BigDecimal approvedSum(List<OrderResult> results, String customerId) {
		return results.stream()
			.filter(r -> r.order().customerId().equals(customerId))
			.filter(r -> r.decision().status() == DecisionStatus.APPROVED)
			.map(r -> r.order().creditAmount().amount())
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	@Test
	void concurrentOrdersForOneCustomerNeverExceedItsLimit() throws Exception {
		LedgerFixtures fixtures = new LedgerFixtures(this.graphQl);
		BigDecimal limit = new BigDecimal("50000.00");
		String customer = fixtures.activeCustomer(limit.toPlainString());

		List<OrderResult> results = placeConcurrently(List.of(customer), "oversell");

		assertThat(results).hasSize(THREADS * ORDERS_PER_THREAD);
		BigDecimal approved = approvedSum(results, customer);
		long held = results.stream().filter(r -> r.decision().status() == DecisionStatus.PENDING_APPROVAL).count();
		assertThat(approved).isLessThanOrEqualTo(limit);
		// The orders add up to far more than the limit, so the limit really was the
		// binding constraint...
		assertThat(held).isGreaterThan(0);
		// ...and it was used up to within one order, not stopped early.
		assertThat(limit.subtract(approved)).isLessThan(new BigDecimal("1000"));
		assertThat(new BigDecimal(fixtures.counter(customer, "openOrders"))).isEqualByComparingTo(approved);
		fixtures.noDrift(customer);
	}

	@Test
	void concurrentOrdersOfGroupMembersNeverExceedTheGroupLimit() throws Exception {
		LedgerFixtures fixtures = new LedgerFixtures(this.graphQl);
		String parent = fixtures.activeCustomer("40000");
		String segment = fixtures.segmentOf(parent);
		List<String> members = new ArrayList<>(List.of(parent));
		for (int i = 0; i < 3; i++) {
			String member = TestCustomers.create(fixtures.as("admin"), segment, "SILVER", "RETAIL", "EUR");
			fixtures.join(member, parent);
			fixtures.as("admin")
				.document("mutation { setCreditLimit(input: {customerId: \"" + member
						+ "\", amount: \"40000\", reason: \"t\"}) { userErrors { code } } }")
				.execute();
			members.add(member);
		}
		BigDecimal groupLimit = new BigDecimal("60000.00");
		fixtures.groupLimit(parent, "60000");

		List<OrderResult> results = placeConcurrently(members, "group");

		BigDecimal total = BigDecimal.ZERO;
		for (String member : members) {
			BigDecimal approved = approvedSum(results, member);
			assertThat(approved).isLessThanOrEqualTo(new BigDecimal("40000"));
			total = total.add(approved);
		}
		heldAtTheGroupLimit(fixtures, parent, results, total, groupLimit);
		assertThat(groupLimit.subtract(total)).isLessThan(new BigDecimal("1000"));
	}

	/**
	 * The same with a member whose credit is in another currency: the group limit is
	 * checked with the member's exposure (held in its own currency) at today's rate, in
	 * the one conditional update of the parent's document.
	 */
	@Test
	void concurrentOrdersOfAGroupInTwoCurrenciesNeverExceedTheGroupLimit() throws Exception {
		LedgerFixtures fixtures = new LedgerFixtures(this.graphQl);
		fixtures
			.mutate("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", "RON", "quote", "EUR", "rate", "0.2", "validOn",
							LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()),
					"rate { rate } userErrors { code }")
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String parent = fixtures.activeCustomer("40000");
		String segment = fixtures.segmentOf(parent);
		List<String> members = new ArrayList<>(List.of(parent));
		for (String currency : List.of("EUR", "RON")) {
			String member = TestCustomers.create(fixtures.as("admin"), segment, "SILVER", "RETAIL", currency);
			fixtures.join(member, parent);
			TestCustomers.setLimit(fixtures.as("admin"), member, "EUR".equals(currency) ? "40000" : "200000");
			members.add(member);
		}
		BigDecimal groupLimit = new BigDecimal("60000.00");
		fixtures.groupLimit(parent, "60000");

		List<OrderResult> results = placeConcurrently(members, "groupfx");

		// The orders are in EUR: the RON member's credit is 5 RON a euro, counted at 0.2.
		BigDecimal total = approvedSum(results, members.get(0)).add(approvedSum(results, members.get(1)))
			.add(approvedSum(results, members.get(2)).multiply(new BigDecimal("0.2")));
		assertThat(approvedSum(results, members.get(2))).isPositive();
		heldAtTheGroupLimit(fixtures, parent, results, total, groupLimit);
		assertThat(groupLimit.subtract(total)).isLessThan(new BigDecimal("1000"));
	}

	/**
	 * A customer with open orders joins a group with a limit: the group's figure counts
	 * them from then on, so the orders of the group placed concurrently afterwards and
	 * its exposure never add up to more than the group limit.
	 */
	@Test
	void aMemberJoiningWithOpenOrdersCountsTowardTheGroupLimitOfConcurrentOrders() throws Exception {
		LedgerFixtures fixtures = new LedgerFixtures(this.graphQl);
		String parent = fixtures.activeCustomer("40000");
		BigDecimal groupLimit = new BigDecimal("60000.00");
		fixtures.groupLimit(parent, "60000");
		String joining = fixtures.activeCustomer("40000", "EUR", fixtures.segmentOf(parent));
		List<OrderResult> before = placeConcurrently(List.of(joining), "joining");
		BigDecimal brought = approvedSum(before, joining);
		assertThat(brought).isPositive();
		fixtures.join(joining, parent);
		List<String> members = List.of(parent, joining);

		List<OrderResult> results = placeConcurrently(members, "joined");

		BigDecimal total = brought.add(approvedSum(results, parent)).add(approvedSum(results, joining));
		heldAtTheGroupLimit(fixtures, parent, results, total, groupLimit);
	}

	/**
	 * The group's approved orders ({@code total}, in the parent's currency) stayed within
	 * its limit, some were held for it, and the group's figure is exactly what was
	 * approved.
	 */
	private static void heldAtTheGroupLimit(LedgerFixtures fixtures, String parent, List<OrderResult> results,
			BigDecimal total, BigDecimal groupLimit) {
		assertThat(total).isLessThanOrEqualTo(groupLimit);
		assertThat(results.stream().map(r -> r.decision().reasonCodes()).flatMap(List::stream))
			.contains(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);
		assertThat(fixtures.groupExposure(parent)).isEqualByComparingTo(total);
	}

}
