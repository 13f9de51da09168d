package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's first limit counts the parent's own exposure from the moment it is set, also
 * while the group's customers are ordering. Found by hand: a parent with 3,000 of its own
 * and a member with 4,000 got a group limit of 5,000 and a group exposure of 4,000 (the
 * parent's own left out, and its correction put off because members had ordered within
 * the minute), and a member's order of 1,000 was approved on a group already 2,000 over
 * its limit.
 */
@CreditDeskIntegrationTest
class GroupLimitSetIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	@Test
	void theParentsOwnExposureCountsFromTheGroupsFirstLimitAndAMemberOrderOverItIsHeld() {
		String parent = this.f.activeCustomer("10000");
		String member = this.f.activeCustomer("10000");
		this.f.join(member, parent);
		LedgerFixtures.approved(this.f.place("sales", id("p"), parent, "3000", "EUR"));
		LedgerFixtures.approved(this.f.place("sales", id("m"), member, "4000", "EUR"));

		this.f.groupLimit(parent, "5000");

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("7000");
		this.f.place("sales", id("m"), member, "1000", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		this.f.noDrift(parent);
	}

	@Test
	void aParentAloneCountsItsOwnExposure() {
		String parent = this.f.activeCustomer("10000");
		LedgerFixtures.approved(this.f.place("sales", id("p"), parent, "5000", "EUR"));

		this.f.groupLimit(parent, "100");

		assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("5000");
		this.f.place("sales", id("p"), parent, "50", "EUR")
			.path("placeOrder.decision.status")
			.entity(String.class)
			.isEqualTo("PENDING_APPROVAL");
		this.f.noDrift(parent);
	}

	/**
	 * The parent orders from four clients while the group's first limit is set: every
	 * order is counted in the group once, whether it landed before the limit or after.
	 */
	@Test
	void ordersOfTheParentWhileTheLimitIsSetAreEachCountedOnce() throws Exception {
		for (int round = 0; round < 3; round++) {
			String parent = this.f.activeCustomer("1000000");
			long delay = 30L * round;
			CyclicBarrier together = new CyclicBarrier(5);
			ExecutorService pool = Executors.newFixedThreadPool(5);
			try {
				List<Future<?>> work = new ArrayList<>();
				for (int client = 0; client < 4; client++) {
					work.add(pool.submit(() -> {
						together.await();
						for (int i = 0; i < 10; i++) {
							LedgerFixtures.approved(this.f.place("integration", id("p"), parent, "100", "EUR"));
						}
						return null;
					}));
				}
				work.add(pool.submit(() -> {
					together.await();
					Thread.sleep(delay);
					this.f.groupLimit(parent, "900000");
					return null;
				}));
				for (Future<?> done : work) {
					done.get(120, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(new BigDecimal(this.f.counter(parent, "openOrders"))).isEqualByComparingTo("4000");
			assertThat(this.f.groupExposure(parent)).isEqualByComparingTo("4000");
			this.f.noDrift(parent);
		}
	}

}
