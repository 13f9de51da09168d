package io.creditdesk.dynamiclimit;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditdesk.MutableClock;
import io.creditdesk.TestCustomers;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerBatches;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerInputs.SetCustomerStatusInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceService;
import io.creditdesk.limitrequest.ApproverRole;
import io.creditdesk.limitrequest.CreditLimitRequest;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;
import io.creditdesk.limitrequest.RequestOrigin;
import io.creditdesk.limitrequest.RequestType;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.model.RiskGrade;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static io.creditdesk.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Limit proposals on the whole service, each customer on a small hand-built ledger (one
 * invoice a month for 13 months, paid on time; the last one open), with scores the test
 * sets and a clock it moves: an increase within automatic authority applied, a larger one
 * routed as a SYSTEM request (once), a severe deterioration reduced at once with its
 * customer notice, an ordinary decrease routed, the cooldown, insufficient history, the
 * switched-off policy, stored policies' whole-object fallback and refusals, and the
 * scheduled run exactly once across two runners on one store. The figures are worked out
 * by hand in each test (default guardrails; terms Net 30, buffer 15 days).
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = { "creditdesk.events.relay-enabled=false" })
class LimitProposalIntegrationTests {

	static final Instant NOW = Instant.parse("2026-11-16T10:00:00Z");

	static final MutableClock CLOCK = new MutableClock(NOW);

	static final Map<String, CustomerScores.Current> SCORES = new ConcurrentHashMap<>();

	/**
	 * The segment whose stored policy (the defaults, switched on) the acting tests use.
	 */
	static final String SEGMENT = "DYN";

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockAndScores {

		@Bean
		@Primary
		MutableClock limitProposalTestClock() {
			return CLOCK;
		}

		@Bean
		@Primary
		CustomerScores limitProposalTestScores() {
			return (customerId) -> Optional.ofNullable(SCORES.get(customerId));
		}

	}

	@Autowired
	LimitProposals proposals;

	@Autowired
	LimitAdjustmentPolicies policies;

	@Autowired
	CustomerService customers;

	@Autowired
	InvoiceService invoices;

	@Autowired
	CustomerBatches batches;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void theSegmentsPolicyIsSwitchedOn() {
		if (this.policies.find(PolicyLevel.SEGMENT, SEGMENT).isEmpty()) {
			as("carla", "CFO", () -> this.policies.upsert(new UpsertLimitAdjustmentPolicyInput(PolicyLevel.SEGMENT,
					SEGMENT, draft("EUR"), true, "Dynamic limits for the test segment", null)));
		}
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	// ---- acting on proposals ----

	@Test
	void anIncreaseWithinAutomaticAuthorityIsAppliedAsAnAuditedSystemChange() {
		// 72,000 a month x 45 / 30 x 1.00 (grade C) = 108,000: +8,000 is within 10 % and
		// 10,000 of 100,000. Peak utilization 72,000 / 100,000; DSO 72,000 / 216,000 x 90
		// = 30 days.
		String customer = customerWithHistory(SEGMENT, "100000", "72000", true);
		score(customer, RiskGrade.C);
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().codes()).containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				AdjustmentReasonCode.WITHIN_AUTOMATIC_AUTHORITY);
		assertThat(outcome.proposal().proposal().targetLimit()).isEqualByComparingTo("108000");
		assertThat(outcome.action()).isEqualTo(ProposalAction.APPLIED);
		Customer after = this.mongo.findById(customer, Customer.class);
		assertThat(after.creditLimit().amount()).isEqualTo(Money.of("108000.00", "EUR"));
		assertThat(after.creditLimit().approvedBy()).isEqualTo("system:dynamic-limits");
		AuditRecord audit = lastAudit(customer, "CREDIT_LIMIT_ADJUSTED");
		assertThat(audit.changes()).anySatisfy((c) -> {
			assertThat(c.field()).isEqualTo("adjustment.modelVersion");
			assertThat(c.after()).isEqualTo("test-7");
		});
		assertThat(audit.changes()).anySatisfy((c) -> {
			assertThat(c.field()).isEqualTo("adjustment.reasons");
			assertThat(c.after()).contains("WITHIN_AUTOMATIC_AUTHORITY");
		});
		assertThat(audit.reason()).contains("108,000.00 EUR").contains("model test-7");
		assertThat(outboxTypes(customer)).contains("CreditLimitChanged").doesNotContain("CustomerNoticeIssued");
		// Applied: the next proposal waits for the cooldown.
		assertThat(as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer)).action())
			.isEqualTo(ProposalAction.NO_CHANGE);
	}

	/**
	 * A customer on hold or suspended gets no increase, not even one within automatic
	 * authority: the proposal names why, and nothing is applied or routed.
	 */
	@Test
	void aCustomerOnHoldOrSuspendedGetsNoIncrease() {
		for (CustomerStatus status : List.of(CustomerStatus.ON_HOLD, CustomerStatus.SUSPENDED)) {
			// As the customer above: +8,000 would be within automatic authority.
			String customer = customerWithHistory(SEGMENT, "100000", "72000", true);
			score(customer, RiskGrade.C);
			as("admin", "ADMIN",
					() -> this.customers.setStatus(new SetCustomerStatusInput(customer, status, "Under review", null)));
			LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
			assertThat(outcome.proposal().proposal().codes()).as(status.name())
				.containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES, AdjustmentReasonCode.CUSTOMER_NOT_ACTIVE);
			assertThat(outcome.action()).isEqualTo(ProposalAction.NO_CHANGE);
			assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount().amount())
				.isEqualByComparingTo("100000");
		}
	}

	/**
	 * A page of customers (a list showing each one's proposal) gets, from figures read at
	 * once, exactly the proposal each gets alone: histories, scores, exposures and
	 * windows of different customers are not mixed up; one without a limit has none.
	 */
	@Test
	void aPageOfCustomersGetsTheProposalsEachGetsAlone() {
		String grown = customerWithHistory(SEGMENT, "100000", "72000", true);
		score(grown, RiskGrade.C);
		String risky = customerWithHistory(SEGMENT, "50000", "20000", false);
		score(risky, RiskGrade.E);
		String unscored = customerWithHistory(SEGMENT, "30000", "5000", true);
		String noLimit = customerWithoutLimit(SEGMENT, SEGMENT + "T", SEGMENT + "I");
		List<Customer> page = List.of(grown, noLimit, risky, unscored)
			.stream()
			.map(id -> this.mongo.findById(id, Customer.class))
			.toList();
		Map<String, LimitProposals.Proposal> atOnce = as("ana", "CREDIT_ANALYST", () -> this.proposals.show(page));
		assertThat(atOnce.keySet()).containsExactly(grown, risky, unscored);
		for (Customer customer : page) {
			assertThat(Optional.ofNullable(atOnce.get(customer.id()))).as(customer.id())
				.isEqualTo(as("ana", "CREDIT_ANALYST", () -> this.proposals.show(customer)));
		}
		assertThat(atOnce.get(grown).proposal().targetLimit()).isEqualByComparingTo("108000");
		assertThat(atOnce.get(grown).modelVersion()).isEqualTo("test-7");
		assertThat(atOnce.get(unscored).modelVersion()).isNull();
		assertThat(atOnce.get(risky).proposal().direction()).isEqualTo(Direction.DECREASE);
	}

	@Test
	void anIncreaseBeyondAutomaticAuthorityBecomesOneRoutedSystemRequest() {
		// 20,000 x 45 / 30 x 1.25 (grade A) = 37,500, cut to 25 % up: 31,250, rounded
		// down to 31,000; +6,000 is more than 10 % of 25,000.
		String customer = customerWithHistory(SEGMENT, "25000", "20000", true);
		score(customer, RiskGrade.A);
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().codes()).containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				AdjustmentReasonCode.STEP_UP_LIMITED, AdjustmentReasonCode.ROUNDED_DOWN_TO_UNIT,
				AdjustmentReasonCode.ROUTED_FOR_APPROVAL);
		assertThat(outcome.action()).isEqualTo(ProposalAction.ROUTED);
		CreditLimitRequest request = outcome.request();
		assertThat(request.origin()).isEqualTo(RequestOrigin.SYSTEM);
		assertThat(request.type()).isEqualTo(RequestType.INCREASE);
		assertThat(request.requestedLimit()).isEqualTo(Money.of("31000.00", "EUR"));
		assertThat(request.createdBy()).isEqualTo("dynamic-limits");
		assertThat(request.justification()).contains("31,000.00 EUR").contains("largest step up");
		// Above the analyst's band of the shipped matrix: a credit manager decides.
		assertThat(request.steps()).extracting(Step::role).containsExactly(ApproverRole.CREDIT_MANAGER);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("25000.00", "EUR"));

		LimitProposals.Outcome again = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(again.action()).isEqualTo(ProposalAction.ALREADY_ROUTED);
		assertThat(again.request().id()).isEqualTo(request.id());
		assertThat(this.mongo.count(Query.query(Criteria.where("customerId").is(customer)), "credit_limit_requests"))
			.isEqualTo(1);
	}

	@Test
	void aSevereDeteriorationReducesAtOnceWithACustomerNoticeOfItsPrincipalReasons() {
		// Grade E: 10,000 x 45 / 30 x 0.50 = 7,500, rounded up to 8,000, at once, no step
		// limit; nothing is owed, so no floor.
		String customer = customerWithHistory(SEGMENT, "100000", "10000", false);
		SCORES.put(customer, new CustomerScores.Current(customer, false, RiskGrade.E, 0.41, "test-7", NOW,
				List.of("delay_status_1", "utilization_1", "pay_ratio_1", "delay_status_2")));
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		LimitProposal proposal = outcome.proposal().proposal();
		assertThat(proposal.immediate()).isTrue();
		assertThat(proposal.codes()).containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				AdjustmentReasonCode.SEVERE_DETERIORATION, AdjustmentReasonCode.ROUNDED_UP_TO_UNIT);
		assertThat(outcome.action()).isEqualTo(ProposalAction.APPLIED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("8000.00", "EUR"));
		Document notice = outboxEvent(customer, "CustomerNoticeIssued");
		Document data = notice.get("data", Document.class);
		assertThat(data.getString("customerId")).isEqualTo(customer);
		assertThat(data.getString("previousLimit")).isEqualTo("100000.00");
		assertThat(new BigDecimal(data.getString("newLimit"))).isEqualByComparingTo("8000");
		assertThat(data.getString("currency")).isEqualTo("EUR");
		assertThat(data.getList("reasons", String.class)).containsExactly("SEVERE_DETERIORATION", "delay_status_1",
				"utilization_1", "pay_ratio_1");
		assertThat(outboxTypes(customer)).containsSubsequence("CreditLimitChanged", "CustomerNoticeIssued");
	}

	@Test
	void anOrdinaryDecreaseIsCutToTheLargestStepAndRouted() {
		// Grade D: 40,000 x 45 / 30 x 0.75 = 45,000, cut to 30 % down: 70,000; decreases
		// are routed by default.
		String customer = customerWithHistory(SEGMENT, "100000", "40000", true);
		score(customer, RiskGrade.D);
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().codes()).containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				AdjustmentReasonCode.STEP_DOWN_LIMITED, AdjustmentReasonCode.ROUTED_FOR_APPROVAL);
		assertThat(outcome.action()).isEqualTo(ProposalAction.ROUTED);
		assertThat(outcome.request().type()).isEqualTo(RequestType.DECREASE);
		assertThat(outcome.request().origin()).isEqualTo(RequestOrigin.SYSTEM);
		assertThat(outcome.request().requestedLimit()).isEqualTo(Money.of("70000.00", "EUR"));
		assertThat(outboxTypes(customer)).doesNotContain("CustomerNoticeIssued");
	}

	@Test
	void aLimitChangedWithinTheCooldownWaits() {
		String customer = customerWithHistory(SEGMENT, "100000", "72000", true);
		score(customer, RiskGrade.C);
		// A new limit today: the 30 days of cooldown start again.
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of("90000"), null, null, "Corrected by hand", null)));
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().codes()).containsExactly(AdjustmentReasonCode.TARGET_FROM_PURCHASES,
				AdjustmentReasonCode.COOLDOWN);
		assertThat(outcome.proposal().proposal().reasons().get(1).actual()).isEqualTo("0 days");
		assertThat(outcome.action()).isEqualTo(ProposalAction.NO_CHANGE);
	}

	@Test
	void aCustomerWithoutAScoreGetsNoAutomaticChange() {
		String customer = customerWithHistory(SEGMENT, "100000", "72000", true);
		SCORES.put(customer, new CustomerScores.Current(customer, true, null, null, "test-7", NOW));
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().codes()).containsExactly(AdjustmentReasonCode.INSUFFICIENT_HISTORY);
		assertThat(outcome.action()).isEqualTo(ProposalAction.NO_CHANGE);
		String unscored = customerWithHistory(SEGMENT, "100000", "72000", true);
		assertThat(as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(unscored)).proposal().proposal().codes())
			.containsExactly(AdjustmentReasonCode.INSUFFICIENT_HISTORY);
	}

	@Test
	void aSwitchedOffPolicyShowsItsProposalAndDoesNothing() {
		String customer = customerWithHistory("OFF", "100000", "72000", true);
		score(customer, RiskGrade.C);
		LimitProposals.Outcome outcome = as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(customer));
		assertThat(outcome.proposal().proposal().direction()).isEqualTo(Direction.INCREASE);
		assertThat(outcome.proposal().policy().enabled()).isFalse();
		assertThat(outcome.action()).isEqualTo(ProposalAction.POLICY_DISABLED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("100000.00", "EUR"));
		String withoutLimit = customerWithoutLimit("OFF", "OFFT", "OFFI");
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> this.proposals.propose(withoutLimit)),
				ProposalErrorCode.NO_LIMIT_TO_ADJUST.name());
	}

	// ---- stored policies ----

	@Test
	void aCustomersPolicyIsTheWholePolicyOfItsMostSpecificLevel() {
		String customer = customerWithoutLimit("FBS", "FBT", "FBI");
		Customer c = this.mongo.findById(customer, Customer.class);
		assertThat(this.policies.effectiveFor(c).level()).isIn(PolicyLevel.SYSTEM_DEFAULT, PolicyLevel.GLOBAL);

		store(PolicyLevel.SEGMENT, "fbs", draftWithCooldown(11));
		EffectiveLimitAdjustmentPolicy segment = this.policies.effectiveFor(c);
		assertThat(segment.level()).isEqualTo(PolicyLevel.SEGMENT);
		assertThat(segment.code()).isEqualTo("FBS");
		assertThat(segment.policy().cooldownDays()).isEqualTo(11);

		store(PolicyLevel.INDUSTRY, "FBI", draftWithCooldown(12));
		assertThat(this.policies.effectiveFor(c).policy().cooldownDays()).isEqualTo(12);

		// The tier's policy sets only the buffer: every other guardrail is the default,
		// not the industry's (whole-object fallback).
		store(PolicyLevel.TIER, "FBT", new LimitPolicyDraft("EUR", 20, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null));
		EffectiveLimitAdjustmentPolicy tier = this.policies.effectiveFor(c);
		assertThat(tier.level()).isEqualTo(PolicyLevel.TIER);
		assertThat(tier.policy().bufferDays()).isEqualTo(20);
		assertThat(tier.policy().cooldownDays()).isEqualTo(LimitAdjustmentPolicy.DEFAULT.cooldownDays());
		// Read back from the store whole: multipliers by grade, grades as a set.
		assertThat(tier.policy().gradeMultipliers()).isEqualTo(LimitAdjustmentPolicy.DEFAULT.gradeMultipliers());
		assertThat(tier.policy().noIncreaseGrades()).isEqualTo(LimitAdjustmentPolicy.DEFAULT.noIncreaseGrades());

		// A policy written in another currency applies in the customer's, at the stored
		// rate (1 CHF = 0.5 EUR).
		this.mongo.getCollection("fx_rates")
			.insertOne(new Document("base", "CHF").append("quote", "EUR")
				.append("rate", new Decimal128(new BigDecimal("0.5")))
				.append("validOn", Date.from(Instant.parse("2020-01-01T00:00:00Z"))));
		store(PolicyLevel.TIER, "FBT", draft("CHF"));
		EffectiveLimitAdjustmentPolicy converted = this.policies.effectiveFor(c);
		assertThat(converted.storedCurrency()).isEqualTo("CHF");
		assertThat(converted.policy().autoUpAmount()).isEqualByComparingTo("5000");
		assertThat(converted.policy().roundingUnit()).isEqualByComparingTo("500");

		StoredLimitAdjustmentPolicy stored = this.policies.find(PolicyLevel.TIER, "FBT").orElseThrow();
		assertThat(stored.version()).isEqualTo(2);
		assertThat(this.mongo.count(Query.query(Criteria.where("entityId").is("TIER:FBT")), "audit_records"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aPolicyIsRefusedWithTheFieldItGotWrong() {
		assertRefused(
				() -> as("carla", "CFO",
						() -> this.policies.upsert(new UpsertLimitAdjustmentPolicyInput(PolicyLevel.CUSTOMER, "x",
								draft("EUR"), true, "r", null))),
				ProposalErrorCode.LIMIT_POLICY_LEVEL_NOT_SUPPORTED.name());
		CreditDeskException badGrade = refusal(
				() -> as("carla", "CFO",
						() -> this.policies.upsert(new UpsertLimitAdjustmentPolicyInput(PolicyLevel.SEGMENT, "BAD",
								new LimitPolicyDraft("EUR", null, null, null, null, null, null, null, null, null, null,
										null, null, null, null, null, null, null, null, null, "F", null, null),
								true, "r", null))));
		assertThat(badGrade.errors()).extracting(UserError::field).containsExactly("policy.severeGrade");
		assertThat(badGrade.code()).isEqualTo("UNKNOWN_GRADE");
		assertThat(refusal(() -> as("carla", "CFO",
				() -> this.policies.upsert(new UpsertLimitAdjustmentPolicyInput(PolicyLevel.SEGMENT, "BAD",
						draft("EUR"), true, " ", null))))
			.errors()).extracting(UserError::field).containsExactly("reason");
		store(PolicyLevel.SEGMENT, "STALE", draft("EUR"));
		assertRefused(() -> as("carla", "CFO", () -> this.policies.upsert(
				new UpsertLimitAdjustmentPolicyInput(PolicyLevel.SEGMENT, "STALE", draft("EUR"), true, "again", 0))),
				"STALE_VERSION");
		assertThatThrownBy(() -> as("ana", "CREDIT_ANALYST",
				() -> this.policies.upsert(
						new UpsertLimitAdjustmentPolicyInput(PolicyLevel.SEGMENT, "X", draft("EUR"), true, "r", null))))
			.isNotInstanceOf(CreditDeskException.class);
	}

	// ---- the scheduled run ----

	@Test
	void twoRunnersOnOneStoreRunTheDaysProposalsExactlyOnce() throws Exception {
		String customer = customerWithHistory(SEGMENT, "100000", "72000", true);
		score(customer, RiskGrade.C);
		LimitProposalRun first = new LimitProposalRun(this.proposals, this.batches, secondInstanceLock(), this.mongo,
				CLOCK, Duration.ofHours(1), true);
		LimitProposalRun second = new LimitProposalRun(this.proposals, this.batches, secondInstanceLock(), this.mongo,
				CLOCK, Duration.ofHours(1), true);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			Future<Optional<LimitProposalRun.Summary>> a = pool.submit(() -> {
				go.await();
				return first.runDue();
			});
			Future<Optional<LimitProposalRun.Summary>> b = pool.submit(() -> {
				go.await();
				return second.runDue();
			});
			go.countDown();
			List<LimitProposalRun.Summary> ran = new ArrayList<>();
			a.get().ifPresent(ran::add);
			b.get().ifPresent(ran::add);
			// Whichever got the lease ran; the other found it taken, or found the day
			// done.
			assertThat(ran).hasSize(1);
			assertThat(ran.get(0).actions()).containsKey(ProposalAction.APPLIED);
			assertThat(first.runDue()).isEmpty();
			assertThat(second.runDue()).isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.mongo.count(
				Query.query(Criteria.where("_id").is(LocalDate.ofInstant(NOW, ZoneOffset.UTC).toString())),
				LimitProposalRun.RUNS))
			.isEqualTo(1);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("108000.00", "EUR"));
		assertThat(this.mongo.count(
				Query.query(Criteria.where("entityId").is(customer).and("action").is("CREDIT_LIMIT_ADJUSTED")),
				"audit_records"))
			.isEqualTo(1);
	}

	// ---- helpers ----

	/**
	 * A customer with a limit approved 40 days ago and one invoice a month of
	 * {@code monthly} for 13 months (the last 3 days ago), each paid 20 days after its
	 * date but the last, which stays open when {@code lastOpen}.
	 */
	private String customerWithHistory(String segment, String limit, String monthly, boolean lastOpen) {
		CLOCK.advance(Duration.ofDays(-40));
		String customer;
		try {
			customer = customerWithoutLimit(segment, segment + "T", segment + "I");
			as("admin", "ADMIN", () -> this.customers.setCreditLimit(
					new SetCreditLimitInput(customer, DecimalInput.of(limit), null, null, "Opening limit", null)));
		}
		finally {
			CLOCK.advance(Duration.ofDays(40));
		}
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		for (int i = 12; i >= 0; i--) {
			String id = "INV-" + customer + "-" + i;
			LocalDate date = today.minusMonths(i).minusDays(3);
			as("admin", "ADMIN", () -> this.invoices.issue(new IssueInvoiceInput(id, customer, null,
					DecimalInput.of(monthly), "EUR", date, true, "History for the test")));
			if (i > 0 || !lastOpen) {
				LocalDate paid = (i > 0) ? date.plusDays(20) : today;
				as("admin", "ADMIN", () -> this.invoices
					.recordPayment(new RecordPaymentInput("PAY-" + id, id, DecimalInput.of(monthly), "EUR", paid)));
			}
		}
		return customer;
	}

	private String customerWithoutLimit(String segment, String tier, String industry) {
		return as("admin", "ADMIN",
				() -> this.customers.create(new CreateCustomerInput(TestCustomers.uniqueRef(), "Dynamic Limit Test",
						TestCustomers.uniqueGermanTaxId(), "DE", segment, tier, industry, "EUR", null,
						LocalDate.parse(TestCustomers.SINCE))))
			.id();
	}

	private static void score(String customer, RiskGrade grade) {
		SCORES.put(customer,
				new CustomerScores.Current(customer, false, grade, 0.02, "test-7", NOW, List.of("delay_status_1")));
	}

	private void store(PolicyLevel level, String code, LimitPolicyDraft draft) {
		as("carla", "CFO", () -> this.policies
			.upsert(new UpsertLimitAdjustmentPolicyInput(level, code, draft, false, "Test policy", null)));
	}

	/** The shipped defaults written out in {@code currency}. */
	private static LimitPolicyDraft draft(String currency) {
		return LimitPolicyDraft.of(LimitAdjustmentPolicy.DEFAULT, currency);
	}

	private static LimitPolicyDraft draftWithCooldown(int days) {
		return new LimitPolicyDraft("EUR", null, null, null, null, null, null, null, days, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null);
	}

	/** A lease of its own, as another instance would hold it. */
	private JobLock secondInstanceLock() throws ReflectiveOperationException {
		Constructor<JobLock> constructor = JobLock.class.getDeclaredConstructor(MongoTemplate.class, Clock.class,
				ObjectProvider.class);
		constructor.setAccessible(true);
		return constructor.newInstance(this.mongo, CLOCK,
				new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));
	}

	private AuditRecord lastAudit(String customer, String action) {
		List<AuditRecord> records = this.mongo
			.find(Query.query(Criteria.where("entityId").is(customer).and("action").is(action)), AuditRecord.class);
		assertThat(records).as(action).isNotEmpty();
		return records.get(records.size() - 1);
	}

	private List<String> outboxTypes(String customer) {
		List<String> types = new ArrayList<>();
		for (Document event : outbox(customer)) {
			types.add(event.getString("type"));
		}
		return types;
	}

	private Document outboxEvent(String customer, String type) {
		return outbox(customer).stream()
			.filter((e) -> type.equals(e.getString("type")))
			.findFirst()
			.map((e) -> Document.parse(e.getString("json")))
			.orElseThrow(() -> new AssertionError("no " + type + " in " + outboxTypes(customer)));
	}

	private List<Document> outbox(String customer) {
		Document document = this.mongo.findById(customer, Document.class, "customers");
		assertThat(document).isNotNull();
		List<Document> events = document.getList("outbox", Document.class);
		return (events != null) ? events : List.of();
	}

	private static void assertRefused(Runnable action, String code) {
		assertThat(refusal(action).code()).isEqualTo(code);
	}

	private static CreditDeskException refusal(Runnable action) {
		try {
			action.run();
		}
		catch (CreditDeskException ex) {
			return ex;
		}
		throw new AssertionError("not refused");
	}

}
