package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.TestCustomers;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Status;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Constraint;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.ConstraintKind;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.AllocateCreditBudgetInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.ApplyCreditBudgetAllocationInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.RateInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.UpsertCreditBudgetInput;
import io.creditdesk.limitrequest.CreditLimitRequest;
import io.creditdesk.limitrequest.RequestOrigin;
import io.creditdesk.limitrequest.RequestStatus;
import io.creditdesk.limitrequest.RequestType;
import io.creditdesk.limitrequest.SystemLimitRequests;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.model.RiskGrade;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static io.creditdesk.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Credit budget allocation on the whole service, with scores and 90-day exposures the
 * test sets: a small portfolio whose linear program is solved by hand (limits, shadow
 * prices, every constraint kept), refusals that name the constraint or the input, and
 * applying it as routed requests, once, refused when a limit changed since. Each test has
 * a segment of its own, so the budget covers only its customers.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = {
		// The daily closing exposures are the test's: no flush overwrites today's value.
		"creditdesk.insight.exposure-flush-interval=1h", "creditdesk.events.relay-enabled=false" })
class CreditBudgetAllocationIntegrationTests {

	static final Map<String, CustomerScores.Current> SCORES = new ConcurrentHashMap<>();

	static final AtomicInteger SEGMENTS = new AtomicInteger();

	@TestConfiguration(proxyBeanMethods = false)
	static class Scores {

		@Bean
		@Primary
		CustomerScores allocationTestScores() {
			return (customerId) -> Optional.ofNullable(SCORES.get(customerId));
		}

	}

	@Autowired
	CreditBudgets budgets;

	@Autowired
	CreditBudgetAllocations allocations;

	@Autowired
	CustomerService customers;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SystemLimitRequests systemRequests;

	@Autowired
	CreditBudgetController controller;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	/**
	 * Three customers at 100,000 EUR each, no exposure now, the default guardrails: each
	 * may go from 70,000 (30 % down) to 125,000 (25 % up). Margin 3 %, LGD 45 %, so the
	 * objective weight u(m - PD x LGD) is A 0.8 x 0.0255 = 0.0204, B 0.5 x 0.021 =
	 * 0.0105, C 0.6 x (0.03 - 0.045) = -0.009. Budget 300,000 of total limits, at most 40
	 * % (120,000) per customer, vertical RETAIL (A and B) at most 80 % (240,000). By
	 * hand: C drops to its floor 70,000; A, the best, rises to its share 120,000; B takes
	 * the rest, 110,000. The budget binds, and one more euro of it goes to B: shadow
	 * price 0.0105. A's share binds with reduced cost 0.0204 - 0.0105 = 0.0099. RETAIL
	 * uses 230,000 of 240,000 and does not bind.
	 */
	@Test
	void aHandSolvedPortfolioGetsTheHandSolvedLimitsAndShadowPrices() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		String b = customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		String c = customer(segment, "TECH", "100000", RiskGrade.C, 0.10, "60000");
		CreditBudget budget = budget(segment, "300000", "0.4",
				List.of(new RateInput("RETAIL", DecimalInput.of("0.8"))));

		BudgetAllocationRecord allocation = allocate(budget);

		assertThat(allocation.status()).isEqualTo(Status.PROPOSED);
		assertThat(allocation.candidates()).isEqualTo(3);
		assertThat(allocation.changed()).isEqualTo(3);
		Map<String, BudgetAllocationLine> lines = lines(allocation);
		assertThat(lines.get(a).proposedLimit()).isEqualByComparingTo("120000");
		assertThat(lines.get(b).proposedLimit()).isEqualByComparingTo("110000");
		assertThat(lines.get(c).proposedLimit()).isEqualByComparingTo("70000");
		assertThat(lines.get(a).minLimit()).isEqualByComparingTo("70000");
		assertThat(lines.get(a).maxLimit()).isEqualByComparingTo("125000");
		assertThat(lines.get(b).requestedLimit()).isEqualTo(Money.of("110000.00", "EUR"));
		assertThat(allocation.budgetUsed()).isEqualByComparingTo("300000");

		Constraint budgetRow = constraint(allocation, ConstraintKind.BUDGET, "");
		assertThat(budgetRow.binding()).isTrue();
		assertThat(budgetRow.shadowPrice()).isCloseTo(0.0105, within(1e-9));
		Constraint share = constraint(allocation, ConstraintKind.CUSTOMER_SHARE, a);
		assertThat(share.binding()).isTrue();
		assertThat(share.shadowPrice()).isCloseTo(0.0099, within(1e-9));
		Constraint retail = constraint(allocation, ConstraintKind.VERTICAL_SHARE, "RETAIL");
		assertThat(retail.binding()).isFalse();
		assertThat(retail.used()).isEqualByComparingTo("230000");
		assertThat(retail.bound()).isEqualByComparingTo("240000");
		assertThat(retail.shadowPrice()).isZero();
		for (Constraint row : allocation.constraints()) {
			assertThat(row.used()).as(row.toString()).isLessThanOrEqualTo(row.bound());
		}

		// Expected exposure before 80,000 + 50,000 + 60,000; after 96,000 + 55,000 +
		// 42,000. Loss: exposure x PD x 0.45.
		assertThat(allocation.before().expectedExposure()).isEqualByComparingTo("190000");
		assertThat(allocation.before().expectedMargin()).isEqualByComparingTo("5700");
		assertThat(allocation.before().expectedLoss()).isEqualByComparingTo("3510");
		assertThat(allocation.after().expectedExposure()).isEqualByComparingTo("193000");
		assertThat(allocation.after().expectedMargin()).isEqualByComparingTo("5790");
		assertThat(allocation.after().expectedLoss()).isEqualByComparingTo("2817");
	}

	@Test
	void aCustomerWithoutAScoreIsKeptAtItsLimitAndLeftOut() {
		String segment = segment();
		String scored = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		String unscored = customer(segment, "RETAIL", "100000", null, 0, "80000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "1000000", null, List.of()));

		assertThat(allocation.candidates()).isEqualTo(1);
		assertThat(allocation.excluded()).isEqualTo(1);
		Map<String, BudgetAllocationLine> lines = lines(allocation);
		assertThat(lines.get(unscored).excluded()).isEqualTo(BudgetAllocationLine.Exclusion.NO_SCORE);
		assertThat(lines.get(unscored).changes()).isFalse();
		assertThat(lines.get(scored).proposedLimit()).isEqualByComparingTo("125000");
	}

	@Test
	void badBudgetsAreRefusedNamingTheInput() {
		String segment = segment();
		customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		assertRefused(() -> upsert(segment, "-1", null, List.of()), AllocationErrorCode.BUDGET_NOT_POSITIVE, "total");
		assertRefused(() -> upsert("NO_SUCH_SEGMENT", "1000", null, List.of()), AllocationErrorCode.UNKNOWN_SEGMENT,
				"segment");
		assertRefused(() -> upsert(segment, "1000", "1.5", List.of()), AllocationErrorCode.INVALID_SHARE,
				"maxCustomerShare");
		assertRefused(() -> upsert(segment, "1000", null, List.of(new RateInput("NOWHERE", DecimalInput.of("0.5")))),
				AllocationErrorCode.UNKNOWN_SEGMENT, "verticalShares[0].code");
		assertRefused(
				() -> as("cfo", "CFO",
						() -> this.allocations.start(new AllocateCreditBudgetInput("EUR:NONE:2027-01-01"))),
				AllocationErrorCode.BUDGET_NOT_FOUND, "budgetId");
	}

	/**
	 * The floors already take 210,000 (3 x 70,000) of a 200,000 budget: no limits keep
	 * it, and the allocation is refused naming the budget.
	 */
	@Test
	void anInfeasibleBudgetIsRefusedNamingTheConstraint() {
		String segment = segment();
		for (int i = 0; i < 3; i++) {
			customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		}
		BudgetAllocationRecord allocation = allocate(budget(segment, "200000", null, List.of()));

		assertThat(allocation.status()).isEqualTo(Status.REFUSED);
		assertThat(allocation.refusal().code()).isEqualTo("ALLOCATION_INFEASIBLE");
		assertThat(allocation.refusal().message()).contains("BUDGET").contains("210,000.00 EUR");
	}

	@Test
	void applyingOpensOneRoutedSystemRequestPerChangedLimitOnlyOnce() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		String b = customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		String c = customer(segment, "TECH", "100000", RiskGrade.C, 0.10, "60000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "300000", "0.4", List.of()));

		BudgetAllocationRecord applied = apply(allocation);
		assertThat(applied.status()).isEqualTo(Status.APPLIED);
		assertThat(applied.application().requests()).isEqualTo(3);
		assertThat(applied.application().appliedBy()).isEqualTo("cfo");
		List<CreditLimitRequest> requests = requests(segment);
		assertThat(requests).hasSize(3);
		for (CreditLimitRequest request : requests) {
			assertThat(request.origin()).isEqualTo(RequestOrigin.SYSTEM);
			assertThat(request.createdBy()).isEqualTo("cfo");
			assertThat(request.justification()).contains(allocation.id()).contains("Rebalance for Q1");
			assertThat(request.routing()).isNotNull();
		}
		Map<String, CreditLimitRequest> byCustomer = new HashMap<>();
		requests.forEach(r -> byCustomer.put(r.customerId(), r));
		assertThat(byCustomer.get(a).type()).isEqualTo(RequestType.INCREASE);
		assertThat(byCustomer.get(a).requestedLimit()).isEqualTo(Money.of("120000.00", "EUR"));
		assertThat(byCustomer.get(b).requestedLimit()).isEqualTo(Money.of("110000.00", "EUR"));
		assertThat(byCustomer.get(c).type()).isEqualTo(RequestType.DECREASE);
		assertThat(byCustomer.get(c).requestedLimit()).isEqualTo(Money.of("70000.00", "EUR"));
		Map<String, BudgetAllocationLine> lines = lines(applied);
		assertThat(lines.get(a).requestId()).isEqualTo(byCustomer.get(a).id());

		// Twice: nothing new.
		BudgetAllocationRecord again = apply(allocation);
		assertThat(again.status()).isEqualTo(Status.APPLIED);
		assertThat(requests(segment)).hasSize(3);
	}

	/**
	 * A crash after one request was opened but before it was recorded on its line, with
	 * the applier's lease run out: applying again finds that request by the allocation's
	 * id and opens only the others.
	 */
	@Test
	void applyingAgainAfterACrashHalfWayOpensOnlyTheMissingRequests() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		customer(segment, "TECH", "100000", RiskGrade.C, 0.10, "60000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "300000", "0.4", List.of()));
		BudgetAllocationLine first = lines(allocation).get(a);
		String opened = as("cfo", "CFO",
				() -> this.systemRequests.open(a, first.requestedLimit(),
						"Credit budget allocation " + allocation.id() + " (before the crash)", allocation.id(), "cfo"))
			.requestId();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(allocation.id())),
				new Update().set("status", Status.APPLYING)
					.set("application", new BudgetAllocationRecord.Application("cfo", "Rebalance for Q1", Instant.EPOCH,
							Instant.EPOCH, null, 0)),
				BudgetAllocationRecord.class);

		BudgetAllocationRecord applied = apply(allocation);

		assertThat(applied.status()).isEqualTo(Status.APPLIED);
		assertThat(requests(segment)).hasSize(3);
		assertThat(lines(applied).get(a).requestId()).isEqualTo(opened);
	}

	@Test
	void anAllocationIsStaleOnceALimitChangedAndNothingIsRequested() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "210000", null, List.of()));
		limit(a, "90000");

		assertRefused(() -> apply(allocation), AllocationErrorCode.ALLOCATION_STALE, "allocationId");
		assertThat(requests(segment)).isEmpty();
		assertThat(this.allocations.find(allocation.id()).orElseThrow().status()).isEqualTo(Status.PROPOSED);
	}

	@Test
	void anAllocationIsStaleOnceItsBudgetChanged() {
		String segment = segment();
		customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "210000", null, List.of()));
		upsert(segment, "220000", null, List.of());

		assertThatThrownBy(() -> apply(allocation)).isInstanceOf(CreditDeskException.class)
			.satisfies(ex -> assertThat(((CreditDeskException) ex).errors().get(0).messageKey())
				.isEqualTo("error.ALLOCATION_STALE.budget"));
		assertThat(requests(segment)).isEmpty();
	}

	/**
	 * A customer with an open credit limit request when the allocation is computed is
	 * kept at its limit and left out, its line naming the open request and its amount;
	 * the others are allocated, and applying requests only theirs.
	 */
	@Test
	void aCustomerWithAnOpenRequestIsLeftOutNamingTheRequestAndTheOthersAreAllocated() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		String b = customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		String c = customer(segment, "TECH", "100000", RiskGrade.C, 0.10, "60000");
		CreditLimitRequest open = openRequest(a, "300000");

		BudgetAllocationRecord allocation = allocate(budget(segment, "300000", "0.4", List.of()));

		assertThat(allocation.status()).isEqualTo(Status.PROPOSED);
		assertThat(allocation.candidates()).isEqualTo(2);
		assertThat(allocation.excluded()).isEqualTo(1);
		Map<String, BudgetAllocationLine> lines = lines(allocation);
		assertLeftOutFor(lines.get(a), open);
		assertThat(lines.get(b).changes()).isTrue();
		assertThat(lines.get(c).changes()).isTrue();

		BudgetAllocationRecord applied = apply(allocation);
		assertThat(applied.status()).isEqualTo(Status.APPLIED);
		assertThat(applied.application().requests()).isEqualTo(2);
		assertThat(requests(segment)).extracting(CreditLimitRequest::customerId).containsExactlyInAnyOrder(a, b, c);
		assertThat(lines(applied).get(a).requestId()).isNull();
		assertThat(this.systemRequests.openFor(a).orElseThrow().id()).isEqualTo(open.id());
		assertThat(limitOf(a)).isEqualTo(Money.of("100000.00", "EUR"));
		// As GraphQL shows it: the code, and the sentence in the reader's language.
		CreditBudgetController.LineView shown = this.controller
			.limits(CreditBudgetController.view(applied), 200, null, false)
			.edges()
			.stream()
			.map(edge -> edge.node())
			.filter(node -> node.customerId().equals(a))
			.findFirst()
			.orElseThrow();
		assertThat(shown.excluded()).isEqualTo(BudgetAllocationLine.Exclusion.REQUEST_OPEN);
		assertThat(shown.exclusionReason().code().code()).isEqualTo("REQUEST_ALREADY_OPEN");
		assertThat(shown.exclusionReason().message(Locale.GERMAN)).contains("offenen Kreditlimitantrag " + open.id())
			.contains("300,000.00 EUR");
	}

	/**
	 * A request opened for a customer after the allocation was computed: applying leaves
	 * that customer out (the request's claim refuses the allocation's request, so the
	 * open one is not overwritten), says why on its line, and requests the others.
	 */
	@Test
	void aRequestOpenedBetweenComputingAndApplyingLeavesItsCustomerOutNotTheAllocation() {
		String segment = segment();
		String a = customer(segment, "RETAIL", "100000", RiskGrade.A, 0.01, "80000");
		String b = customer(segment, "RETAIL", "100000", RiskGrade.B, 0.02, "50000");
		String c = customer(segment, "TECH", "100000", RiskGrade.C, 0.10, "60000");
		BudgetAllocationRecord allocation = allocate(budget(segment, "300000", "0.4", List.of()));
		assertThat(allocation.changed()).isEqualTo(3);
		CreditLimitRequest open = openRequest(a, "300000");

		BudgetAllocationRecord applied = apply(allocation);

		assertThat(applied.status()).isEqualTo(Status.APPLIED);
		assertThat(applied.application().requests()).isEqualTo(2);
		assertThat(applied.excluded()).isEqualTo(1);
		assertThat(applied.changed()).isEqualTo(2);
		Map<String, BudgetAllocationLine> lines = lines(applied);
		assertLeftOutFor(lines.get(a), open);
		assertThat(lines.get(b).requestId()).isNotNull();
		assertThat(lines.get(c).requestId()).isNotNull();
		List<CreditLimitRequest> requests = requests(segment);
		assertThat(requests).hasSize(3);
		CreditLimitRequest stillOpen = requests.stream()
			.filter(r -> r.customerId().equals(a))
			.findFirst()
			.orElseThrow();
		assertThat(stillOpen.id()).isEqualTo(open.id());
		assertThat(stillOpen.requestedLimit()).isEqualTo(Money.of("300000.00", "EUR"));
		assertThat(limitOf(a)).isEqualTo(Money.of("100000.00", "EUR"));
		// Applying again changes nothing.
		assertThat(apply(allocation).status()).isEqualTo(Status.APPLIED);
		assertThat(requests(segment)).hasSize(3);
	}

	private CreditLimitRequest openRequest(String customer, String amount) {
		CreditLimitRequest open = as("sales", "SALES", () -> this.systemRequests.open(customer, Money.of(amount, "EUR"),
				"Framework contract", "sales", List.<String>of()))
			.orElseThrow();
		assertThat(open.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		return open;
	}

	private static void assertLeftOutFor(BudgetAllocationLine line, CreditLimitRequest open) {
		assertThat(line.excluded()).isEqualTo(BudgetAllocationLine.Exclusion.REQUEST_OPEN);
		assertThat(line.changes()).isFalse();
		assertThat(line.requestedLimit()).isNull();
		assertThat(line.exclusionReason().code()).isEqualTo("REQUEST_ALREADY_OPEN");
		assertThat(line.exclusionReason().field()).isEqualTo("customerId");
		assertThat(line.exclusionReason().message()).isEqualTo("The customer already has the open credit limit request "
				+ open.id() + " for 300,000.00 EUR (status IN_APPROVAL); decide or withdraw it before making another.");
	}

	private Money limitOf(String customer) {
		return this.mongo.findById(customer, io.creditdesk.customer.Customer.class).creditLimit().amount();
	}

	// ---- helpers ----

	private static String segment() {
		return "ALLOC" + SEGMENTS.incrementAndGet() + "_" + (System.nanoTime() % 100_000);
	}

	/**
	 * A customer with a limit (which activates it), a score (none when {@code grade} is
	 * null) and a 90-day average net exposure of {@code averageExposure} (recorded for
	 * today; the customer exists since today, so the average is that value).
	 */
	private String customer(String segment, String industry, String limit, RiskGrade grade, double pd,
			String averageExposure) {
		String id = as("admin", "ADMIN",
				() -> this.customers.create(new CreateCustomerInput(TestCustomers.uniqueRef(), "Allocation Test",
						TestCustomers.uniqueGermanTaxId(), "DE", segment, "SILVER", industry, "EUR", null, null)))
			.id();
		limit(id, limit);
		if (grade != null) {
			SCORES.put(id, new CustomerScores.Current(id, false, grade, pd, "test-1", Instant.EPOCH));
		}
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		this.mongo.getCollection("exposure_daily")
			.insertOne(new Document("_id", new ObjectId().toHexString()).append("customerId", id)
				.append("day", this.mongo.getConverter().convertToMongoType(today))
				.append("net", new Decimal128(new BigDecimal(averageExposure)))
				.append("currency", "EUR"));
		return id;
	}

	private void limit(String customer, String amount) {
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of(amount), "EUR", null, "test limit", null)));
	}

	private CreditBudget budget(String segment, String total, String customerShare, List<RateInput> verticals) {
		return upsert(segment, total, customerShare, verticals);
	}

	private CreditBudget upsert(String segment, String total, String customerShare, List<RateInput> verticals) {
		return as("cfo", "CFO",
				() -> this.budgets.upsert(new UpsertCreditBudgetInput("EUR", segment, LocalDate.parse("2027-01-01"),
						LocalDate.parse("2027-03-31"), Basis.TOTAL_LIMITS, DecimalInput.of(total),
						(customerShare != null) ? DecimalInput.of(customerShare) : null, List.of(), verticals,
						List.of(), null, null, "Q1 credit budget", null)));
	}

	private BudgetAllocationRecord allocate(CreditBudget budget) {
		String id = as("cfo", "CFO", () -> this.allocations.start(new AllocateCreditBudgetInput(budget.id())))
			.allocation()
			.id();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.allocations.find(id).orElseThrow().status() != Status.RUNNING);
		return this.allocations.find(id).orElseThrow();
	}

	private BudgetAllocationRecord apply(BudgetAllocationRecord allocation) {
		return as("cfo", "CFO", () -> this.allocations
			.apply(new ApplyCreditBudgetAllocationInput(allocation.id(), "Rebalance for Q1")));
	}

	private Map<String, BudgetAllocationLine> lines(BudgetAllocationRecord allocation) {
		Map<String, BudgetAllocationLine> lines = new HashMap<>();
		this.allocations.lines(allocation.id(), -1, 200, false).forEach(l -> lines.put(l.customerId(), l));
		return lines;
	}

	private List<CreditLimitRequest> requests(String segment) {
		return this.mongo.find(Query.query(Criteria.where("segment").is(segment)), CreditLimitRequest.class,
				"credit_limit_requests");
	}

	private static Constraint constraint(BudgetAllocationRecord allocation, ConstraintKind kind, String subject) {
		return allocation.constraints()
			.stream()
			.filter(c -> c.kind() == kind && c.subject().equals(subject))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " " + subject + " in " + allocation.constraints()));
	}

	private static void assertRefused(Runnable action, AllocationErrorCode code, String field) {
		assertThatThrownBy(action::run).isInstanceOf(CreditDeskException.class).satisfies(ex -> {
			CreditDeskException refusal = (CreditDeskException) ex;
			assertThat(refusal.errors().get(0).code()).isEqualTo(code);
			assertThat(refusal.errors().get(0).field()).isEqualTo(field);
		});
	}

}
