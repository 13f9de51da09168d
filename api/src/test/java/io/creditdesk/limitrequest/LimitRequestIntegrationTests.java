package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.creditdesk.MutableClock;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.bureau.BureauCompanyStatus;
import io.creditdesk.bureau.BureauReport;
import io.creditdesk.bureau.CompanyMatch;
import io.creditdesk.bureau.CompanySearch;
import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.bureau.NotificationPage;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyInput;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.ApprovedLimit;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.CreditReasonCode;
import io.creditdesk.ledger.InvoiceService;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderService;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;
import io.creditdesk.limitrequest.RequestInputs.ApproveCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.CounterOfferInput;
import io.creditdesk.limitrequest.RequestInputs.RejectCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.RequestActionInput;
import io.creditdesk.limitrequest.RequestInputs.RequestCreditLimitInput;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.policy.UpsertCreditPolicyInput;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.model.RiskGrade;
import org.bson.Document;
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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static io.creditdesk.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Credit limit requests on the whole service, with a clock the test moves and scores the
 * test sets: routing, segregation of duties, SLA due times over a weekend and a holiday,
 * escalation by the job, counter-offers, return and resubmit, concurrent approvals, a
 * limit changed while a request waits, straight-through approval, verification before the
 * first limit, review scheduling by grade. The services are called as the named users
 * (their roles checked by segregation of duties; GraphQL authorization is the table
 * test's).
 */
@SpringBootTest
@ActiveProfiles("test")
@TestPropertySource(properties = { "creditdesk.limit-requests.holidays=2026-12-07",
		"creditdesk.limit-requests.escalation-interval=1h", "creditdesk.limit-requests.sweep-interval=1h",
		// A claim lease shorter than the default minute: the takeover test relies on it.
		"creditdesk.limit-requests.claim-lease=10s",
		// Events stay in the outboxes, where the tests read them.
		"creditdesk.events.relay-enabled=false" })
class LimitRequestIntegrationTests {

	/** Friday 4 December 2026, 15:00 in Berlin. */
	static final Instant FRIDAY_AFTERNOON = Instant.parse("2026-12-04T14:00:00Z");

	static final MutableClock CLOCK = new MutableClock(FRIDAY_AFTERNOON);

	static final Map<String, CustomerScores.Current> SCORES = new ConcurrentHashMap<>();

	static final AtomicInteger REPORTS_SOLD = new AtomicInteger();

	static final AtomicInteger SEGMENTS = new AtomicInteger();

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockAndScores {

		@Bean
		@Primary
		MutableClock limitRequestTestClock() {
			return CLOCK;
		}

		@Bean
		@Primary
		CustomerScores testScores() {
			return (customerId) -> Optional.ofNullable(SCORES.get(customerId));
		}

		/**
		 * A bureau that knows every company and counts the reports it sells (the HTTP
		 * connector itself is tested against a stub server in
		 * {@code HttpCreditBureauTests}).
		 */
		@Bean
		CreditBureau countingBureau() {
			return new CreditBureau() {

				@Override
				public List<CompanyMatch> search(CompanySearch search) {
					return List.of(new CompanyMatch("B-" + search.taxId(), "Company", search.taxId(), search.country(),
							BureauCompanyStatus.ACTIVE, "active", null));
				}

				@Override
				public BureauReport report(String companyId) {
					REPORTS_SOLD.incrementAndGet();
					return new BureauReport(companyId, "Company", null, "DE", BureauCompanyStatus.ACTIVE, "active",
							null, null, "Not Rated", null, null, CLOCK.instant());
				}

				@Override
				public NotificationPage notifications(String cursor, int pageSize) {
					return new NotificationPage(List.of(), cursor);
				}

			};
		}

	}

	@Autowired
	CreditLimitRequestService requests;

	@Autowired
	LimitApplication application;

	@Autowired
	RequestJobs jobs;

	@Autowired
	CustomerService customers;

	@Autowired
	InvoiceService invoices;

	@Autowired
	Verifications verifications;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ApprovalMatrices matrices;

	@Autowired
	OrderService orders;

	@Autowired
	PreAnalysisPolicies policies;

	@Autowired
	RequestStore store;

	@Autowired
	CreditPolicyService creditPolicies;

	@Autowired
	SystemLimitRequests systemRequests;

	@Autowired
	SystemReviews systemReviews;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	// ---- routing ----

	@Test
	void routesByBandAndGradeAlongTheShippedMatrix() {
		record Case(String amount, RiskGrade grade, List<ApproverRole> roles) {
		}
		List<Case> table = List.of(new Case("25000", null, List.of(ApproverRole.CREDIT_ANALYST)),
				new Case("25000.01", null, List.of(ApproverRole.CREDIT_MANAGER)),
				new Case("250000", RiskGrade.A, List.of(ApproverRole.CREDIT_MANAGER)),
				new Case("250000.01", null, List.of(ApproverRole.CREDIT_MANAGER, ApproverRole.CFO)),
				new Case("20000", RiskGrade.D, List.of(ApproverRole.CREDIT_MANAGER)),
				new Case("100000", RiskGrade.E, List.of(ApproverRole.CREDIT_MANAGER, ApproverRole.CFO)),
				new Case("900000", RiskGrade.E, List.of(ApproverRole.CREDIT_MANAGER, ApproverRole.CFO)));
		for (Case c : table) {
			String customer = customer("EUR");
			if (c.grade() != null) {
				score(customer, c.grade());
			}
			CreditLimitRequest request = as("sales", "SALES",
					() -> request(customer, c.amount(), RequestType.INCREASE));
			assertThat(request.status()).as(c.toString()).isEqualTo(RequestStatus.IN_APPROVAL);
			assertThat(request.steps()).as(c.toString()).extracting(Step::role).isEqualTo(c.roles());
		}
	}

	@Test
	void aRequestInAnotherCurrencyIsRoutedOnItsAmountInEurAtTheStoredRate() {
		as("admin", "ADMIN",
				() -> this.mongo.getCollection("fx_rates")
					.insertOne(new Document("base", "CHF").append("quote", "EUR")
						.append("rate", new org.bson.types.Decimal128(new java.math.BigDecimal("0.5")))
						.append("validOn", java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z")))));
		String customer = customer("CHF");
		// 40,000 CHF is 20,000 EUR: an analyst's band, not a manager's.
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "40000", RequestType.INCREASE));
		assertThat(request.snapshot().requestedInMatrixCurrency()).isEqualTo(Money.of("20000", "EUR"));
		assertThat(request.steps()).extracting(Step::role).containsExactly(ApproverRole.CREDIT_ANALYST);
	}

	// ---- segregation of duties ----

	@Test
	void everyRefusalOfSegregationOfDutiesHasItsCode() {
		String customer = customer("EUR");
		CreditLimitRequest small = as("ana", "CREDIT_ANALYST", () -> request(customer, "10000", RequestType.INCREASE));
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> approve(small, null)),
				RequestErrorCode.REQUESTER_CANNOT_APPROVE);
		assertRefused(() -> as("sam", "SALES", () -> approve(small, null)), RequestErrorCode.APPROVER_ROLE_REQUIRED);
		assertRefused(() -> as("carla", "CFO", () -> approve(small, null)), RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED);

		// Another customer: one open request per customer.
		String other = customer("EUR");
		CreditLimitRequest large = as("sales", "SALES", () -> request(other, "300000", RequestType.INCREASE));
		// One person holding both roles approves at most one step.
		as("boss", Set.of("CREDIT_MANAGER", "CFO"), () -> approve(large, null));
		assertRefused(() -> as("boss", Set.of("CREDIT_MANAGER", "CFO"), () -> approve(large, null)),
				RequestErrorCode.ONE_STEP_PER_APPROVER);
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> approve(large, null)),
				RequestErrorCode.APPROVER_ROLE_REQUIRED);
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> withdraw(large)), RequestErrorCode.NOT_THE_REQUESTER);
	}

	// ---- SLA and escalation ----

	@Test
	void dueTimesSkipTheWeekendAndTheHolidayAndTheJobEscalatesOverdueSteps() {
		String customer = customer("EUR");
		verified(customer);
		// Requested Friday 15:00 Berlin; 1 business day: Monday is a holiday, so Tuesday
		// 15:00.
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "100000", RequestType.INCREASE));
		assertThat(request.steps().get(0).dueAt()).isEqualTo(Instant.parse("2026-12-08T14:00:00Z"));
		// 4 business hours from Friday 15:00: 2 on Friday, 2 on Tuesday (after the
		// weekend and the holiday). Another customer: one open request per customer.
		String other = customer("EUR");
		CreditLimitRequest small = as("sales", "SALES", () -> request(other, "1000", RequestType.INCREASE));
		assertThat(small.steps().get(0).dueAt()).isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));

		this.jobs.escalateOverdue();
		assertThat(reload(request).steps().get(0).status()).isEqualTo(StepStatus.PENDING);
		CLOCK.advance(Duration.ofDays(5));
		try {
			this.jobs.escalateOverdue();
			CreditLimitRequest escalated = reload(request);
			assertThat(escalated.steps().get(0).status()).isEqualTo(StepStatus.ESCALATED);
			assertThat(escalated.steps().get(0).escalatedAt()).isEqualTo(CLOCK.instant());
			// The next level is told from the event (io.creditdesk.notification).
			assertThat(outboxTypes(request.id())).contains("CreditLimitRequestEscalated");
			assertThat(outboxData(request.id(), "CreditLimitRequestEscalated").getString("notifiedRole"))
				.isEqualTo("CFO");
			// Escalated once: a second run changes nothing.
			long version = escalated.version();
			this.jobs.escalateOverdue();
			assertThat(reload(request).version()).isEqualTo(version);
			// Decided late: not within SLA.
			assertThat(approveAndComplete("mia", "CREDIT_MANAGER", escalated, null).withinSla()).isFalse();
		}
		finally {
			CLOCK.advance(Duration.ofDays(-5));
		}
	}

	@Test
	void anEscalatedAnalystStepIsTakenByAManagerOnlyWhereTheSegmentsMatrixAllowsIt() {
		for (boolean allowed : List.of(true, false)) {
			String segment = segmentWithMatrix(allowed);
			String customer = customer("EUR", segment);
			verified(customer);
			CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
			assertThat(request.steps()).extracting(Step::role).containsExactly(ApproverRole.CREDIT_ANALYST);
			Instant due = request.steps().get(0).dueAt();
			// Before the step is overdue a manager does not take it, whatever the policy.
			assertRefused(() -> as("mia", "CREDIT_MANAGER", () -> approve(request, null)),
					RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED);
			CLOCK.advance(Duration.ofDays(5));
			try {
				this.jobs.escalateOverdue();
				CreditLimitRequest escalated = reload(request);
				assertThat(escalated.steps().get(0).status()).isEqualTo(StepStatus.ESCALATED);
				Document event = outboxData(request.id(), "CreditLimitRequestEscalated");
				assertThat(event.getString("customerId")).isEqualTo(customer);
				assertThat(event.getString("role")).isEqualTo("CREDIT_ANALYST");
				assertThat(event.getString("notifiedRole")).isEqualTo("CREDIT_MANAGER");
				assertThat(event.getString("dueAt")).isEqualTo(due.toString());
				assertThat(event.getBoolean("nextLevelMayAct")).isEqualTo(allowed);
				if (allowed) {
					CreditLimitRequest approved = approveAndComplete("mia", "CREDIT_MANAGER", escalated, null);
					assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
					assertThat(approved.steps().get(0).decisions()).extracting(CreditLimitRequest.Decision::by)
						.containsExactly("mia");
					assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
						.isEqualTo(Money.of("10000", "EUR"));
				}
				else {
					assertRefused(() -> as("mia", "CREDIT_MANAGER", () -> approve(escalated, null)),
							RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED);
					assertThat(approveAndComplete("ana", "CREDIT_ANALYST", escalated, null).status())
						.isEqualTo(RequestStatus.APPROVED);
				}
			}
			finally {
				CLOCK.advance(Duration.ofDays(-5));
			}
		}
	}

	@Test
	void theCfoDoesNotTakeAnEscalatedAnalystStepEvenWhereTheNextLevelMay() {
		String customer = customer("EUR", segmentWithMatrix(true));
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		CLOCK.advance(Duration.ofDays(5));
		try {
			this.jobs.escalateOverdue();
			assertRefused(() -> as("carla", "CFO", () -> approve(request, null)),
					RequestErrorCode.HIGHER_ROLE_NOT_ALLOWED);
		}
		finally {
			CLOCK.advance(Duration.ofDays(-5));
		}
	}

	/**
	 * An escalated step keeps its past due time while it waits for a decision: however
	 * many older requests wait so (more than the job reads at a time), a newer overdue
	 * step is still escalated.
	 */
	@Test
	void escalationIsNotStarvedByStepsEscalatedBefore() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest first = as("sales", "SALES", () -> request(customer, "100000", RequestType.INCREASE));
		List<ObjectId> copies = new ArrayList<>();
		CLOCK.advance(Duration.ofDays(5));
		try {
			this.jobs.escalateOverdue();
			assertThat(reload(first).steps().get(0).status()).isEqualTo(StepStatus.ESCALATED);
			// 200 more escalated requests, undecided, older than the next one.
			Document escalated = this.mongo.getCollection(RequestStore.COLLECTION)
				.find(new Document("_id", new ObjectId(first.id())))
				.first();
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				Document copy = new Document(escalated);
				ObjectId id = new ObjectId();
				copy.put("_id", id);
				copy.remove("outbox");
				copy.remove("auditOutbox");
				copies.add(id);
				documents.add(copy);
			}
			this.mongo.getCollection(RequestStore.COLLECTION).insertMany(documents);
			// Another customer: the copies keep this one's request open.
			String next = customer("EUR");
			CreditLimitRequest later = as("sales", "SALES", () -> request(next, "100000", RequestType.INCREASE));
			assertThat(later.status()).isEqualTo(RequestStatus.IN_APPROVAL);
			CLOCK.advance(Duration.ofDays(5));
			try {
				this.jobs.escalateOverdue();
				assertThat(reload(later).steps().get(0).status())
					.as("the newer overdue step, with 201 older escalated steps undecided")
					.isEqualTo(StepStatus.ESCALATED);
			}
			finally {
				CLOCK.advance(Duration.ofDays(-5));
			}
		}
		finally {
			CLOCK.advance(Duration.ofDays(-5));
			this.mongo.getCollection(RequestStore.COLLECTION)
				.deleteMany(new Document("_id", new Document("$in", copies)));
		}
	}

	@Test
	void aReturnedRequestPausesTheClockUntilItIsResubmitted() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "100000", RequestType.INCREASE));
		Instant due = request.steps().get(0).dueAt();
		CreditLimitRequest returned = as("mia", "CREDIT_MANAGER",
				() -> this.requests.returnToRequester(new RequestActionInput(request.id(), "Need the balance sheet")));
		assertThat(returned.status()).isEqualTo(RequestStatus.RETURNED);
		assertThat(returned.steps().get(0).dueAt()).isNull();
		assertRefused(() -> as("mia", "CREDIT_MANAGER", () -> approve(returned, null)),
				RequestErrorCode.INVALID_REQUEST_TRANSITION);
		// Returned for a whole business week (5 calendar days from Friday 15:00 to
		// Wednesday 15:00: Monday is a holiday, so 2 business days pass).
		CLOCK.advance(Duration.ofDays(5));
		try {
			CreditLimitRequest resubmitted = as("sales", "SALES",
					() -> this.requests.resubmit(new RequestActionInput(request.id(), "Balance sheet attached")));
			assertThat(resubmitted.status()).isEqualTo(RequestStatus.IN_APPROVAL);
			Document resumed = outboxData(request.id(), "CreditLimitRequestResumed");
			assertThat(resumed.getString("reason")).isEqualTo("RESUBMITTED");
			assertThat(resumed.getString("status")).isEqualTo("IN_APPROVAL");
			assertThat(resumed.getString("dueAt")).isEqualTo("2026-12-10T14:00:00Z");
			assertThat(resubmitted.steps().get(0).dueAt()).isEqualTo(Instant.parse("2026-12-10T14:00:00Z"))
				.isAfter(due);
			CreditLimitRequest approved = approveAndComplete("mia", "CREDIT_MANAGER", resubmitted, null);
			assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
			assertThat(approved.withinSla()).isTrue();
		}
		finally {
			CLOCK.advance(Duration.ofDays(-5));
		}
	}

	// ---- decisions ----

	@Test
	void aCounterOfferIsWhatLaterStepsDecideAndWhatApplies() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		assertRefused(() -> as("mia", "CREDIT_MANAGER", () -> approve(request, "400000")),
				RequestErrorCode.COUNTER_OFFER_NOT_LOWER);
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, "200000"));
		assertThat(afterManager.proposedLimit()).isEqualTo(Money.of("200000", "EUR"));
		assertThat(afterManager.steps().get(0).decisions().get(0).outcome())
			.isEqualTo(CreditLimitRequest.DecisionOutcome.COUNTER_OFFER);
		CreditLimitRequest approved = approveAndComplete("carla", "CFO", afterManager, null);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(approved.approvedLimit()).isEqualTo(Money.of("200000", "EUR"));
		Customer after = this.mongo.findById(customer, Customer.class);
		assertThat(after.creditLimit().amount()).isEqualTo(Money.of("200000", "EUR"));
		assertThat(after.creditLimit().requestId()).isEqualTo(request.id());
		assertThat(outboxTypes(request.id())).contains("CreditLimitRequested", "CreditLimitRequestStepDecided",
				"CreditLimitRequestDecided");
		// The requester is told from the event (io.creditdesk.notification).
		Document decided = outboxData(request.id(), "CreditLimitRequestDecided");
		assertThat(decided.getString("decision")).isEqualTo("APPROVED");
	}

	/**
	 * A counter-offer to a temporary request ends on or before the requested end date: it
	 * neither lengthens the limit nor makes it permanent.
	 */
	@Test
	void aCounterOfferMayNotLengthenATemporaryLimit() {
		String customer = customer("EUR");
		verified(customer);
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		LocalDate end = today.plusDays(30);
		CreditLimitRequest temporary = as("sales", "SALES",
				() -> this.requests
					.request(new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of("20000"), "EUR"),
							RequestType.TEMPORARY, "Trade fair", end, null, null, null)));
		assertRefused(() -> as("max", "CREDIT_ANALYST", () -> approve(temporary, "20000", today.plusDays(365))),
				RequestErrorCode.COUNTER_OFFER_ENDS_LATER);
		assertRefused(() -> as("max", "CREDIT_ANALYST", () -> approve(temporary, "15000", null)),
				RequestErrorCode.COUNTER_OFFER_ENDS_LATER);
		CreditLimitRequest approved = as("max", "CREDIT_ANALYST",
				() -> this.application.completeIfPending(approve(temporary, "15000", end.minusDays(10))));
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(approved.approvedValidUntil()).isEqualTo(end.minusDays(10));
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().validUntil())
			.isEqualTo(end.minusDays(10));
	}

	@Test
	void aRejectionCarriesItsReasonsAndEndsTheRequest() {
		String customer = customer("EUR");
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		CreditLimitRequest rejected = as("mia", "CREDIT_MANAGER",
				() -> this.requests.reject(new RejectCreditLimitRequestInput(request.id(),
						List.of(ReasonCode.INSUFFICIENT_FINANCIALS), "Equity too thin")));
		assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(rejected.rejectionReasons()).containsExactly(ReasonCode.INSUFFICIENT_FINANCIALS);
		assertThat(rejected.steps()).extracting(Step::status)
			.containsExactly(StepStatus.REJECTED, StepStatus.CANCELLED);
		assertRefused(() -> as("carla", "CFO", () -> approve(rejected, null)),
				RequestErrorCode.REQUEST_ALREADY_DECIDED);
	}

	@Test
	void ofTwoConcurrentApprovalsOfTheSameStepExactlyOneWins() throws Exception {
		for (int round = 0; round < 5; round++) {
			String customer = customer("EUR");
			CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<String>> outcomes = new ArrayList<>();
				for (String manager : List.of("mia", "max")) {
					outcomes.add(pool.submit(() -> {
						start.await();
						try {
							as(manager, "CREDIT_MANAGER", () -> approve(request, null));
							return "approved";
						}
						catch (CreditDeskException ex) {
							return ex.code();
						}
					}));
				}
				start.countDown();
				List<String> results = new ArrayList<>();
				for (Future<String> outcome : outcomes) {
					results.add(outcome.get());
				}
				// The loser is refused: it lost the race on the step (or, when it read
				// after the winner, the next step is not its role's).
				assertThat(results).containsOnlyOnce("approved");
				assertThat(results).filteredOn((r) -> !r.equals("approved"))
					.singleElement()
					.isIn("STEP_ALREADY_DECIDED", "APPROVER_ROLE_REQUIRED");
			}
			finally {
				pool.shutdownNow();
			}
			CreditLimitRequest after = reload(request);
			assertThat(after.steps().get(0).decisions()).hasSize(1);
			assertThat(after.steps().get(1).status()).isEqualTo(StepStatus.PENDING);
		}
	}

	@Test
	void aLimitChangedWhileTheRequestWaitsIsDetectedAndTheRequestAnalysedAgain() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "100000", RequestType.INCREASE));
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(new SetCreditLimitInput(customer,
				DecimalInput.of("50000"), null, null, "Migration from the ERP", null)));
		CreditLimitRequest after = approveAndComplete("mia", "CREDIT_MANAGER", request, null);
		assertThat(after.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(after.analysisRound()).isEqualTo(2);
		assertThat(after.snapshot().currentLimit()).isEqualTo(Money.of("50000", "EUR"));
		assertThat(after.previousSteps()).hasSize(1);
		Document resumed = outboxData(request.id(), "CreditLimitRequestResumed");
		assertThat(resumed.getString("reason")).isEqualTo("REANALYSED");
		assertThat(resumed.getInteger("analysisRound")).isEqualTo(2);
		assertThat(resumed.getString("openRole")).isEqualTo("CREDIT_MANAGER");
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("50000", "EUR"));
		// Approved on the new figures, by another manager: now it applies.
		CreditLimitRequest approved = approveAndComplete("max", "CREDIT_MANAGER", after, null);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("100000", "EUR"));
	}

	/**
	 * The approver whose last approval could not apply (the limit changed meanwhile)
	 * hears it, with both limits and where the request now waits. Before: a success
	 * answer while the request went back to its first step.
	 */
	@Test
	void anApproverWhoseApprovalDidNotApplyBecauseTheLimitChangedIsTold() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "100000", RequestType.INCREASE));
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(new SetCreditLimitInput(customer,
				DecimalInput.of("50000"), null, null, "Migration from the ERP", null)));
		CreditDeskException told = catchRefusal(
				() -> as("mia", "CREDIT_MANAGER", () -> this.application.completeApproved(approve(request, null))));
		assertThat(told.code()).isEqualTo("LIMIT_CHANGED_SINCE_REQUEST");
		assertThat(told.errors().get(0).message(Locale.ENGLISH)).startsWith("Your approval of request " + request.id())
			.contains("changed from no limit to 50,000.00 EUR")
			.contains("is IN_APPROVAL (open for: CREDIT_MANAGER)");
		assertThat(told.errors().get(0).message(Locale.GERMAN)).contains("kein Limit");
		CreditLimitRequest after = reload(request);
		assertThat(after.analysisRound()).isEqualTo(2);
		assertThat(after.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("50000", "EUR"));
	}

	/**
	 * Two completions of the same approval (the approver's own and the sweeper's) after
	 * the customer's limit changed: the request is analysed again once, not twice.
	 */
	@Test
	void twoCompletionsOfOneApprovalAnalyseAgainOnce() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		CreditLimitRequest approved = as("max", "CREDIT_ANALYST", () -> approve(request, null));
		assertThat(approved.application()).isNotNull();
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of("5000"), "EUR", null, "Correction", null)));
		this.application.complete(approved);
		this.application.complete(approved);
		CreditLimitRequest after = reload(request);
		assertThat(after.analysisRound()).as("analysis rounds").isEqualTo(2);
		assertThat(after.previousSteps()).hasSize(1);
	}

	@Test
	void aRoutedSystemDecreaseWritesTheCustomerNoticeWithItsReasonsWhenApproved() {
		String customer = customer("EUR");
		verified(customer);
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of("100000"), null, null, "Opening limit", null)));
		List<String> reasons = List.of("STEP_DOWN_LIMITED", "delay_status_1", "utilization_1");
		CreditLimitRequest request = this.systemRequests
			.open(customer, Money.of("70000", "EUR"), "Proposed by the dynamic limit policy", "dynamic-limits", reasons)
			.orElseThrow();
		assertThat(request.type()).isEqualTo(RequestType.DECREASE);
		assertThat(request.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(customerOutbox(customer, "CustomerNoticeIssued")).isEmpty();

		CreditLimitRequest pending = as("mia", request.openRole().name(), () -> approve(request, null));
		assertThat(this.application.applyToCustomer(pending)).isEqualTo(ApprovedLimit.Outcome.APPLIED);
		// Applied again (the sweeper after a crash): recognised, no second notice.
		assertThat(this.application.applyToCustomer(pending)).isEqualTo(ApprovedLimit.Outcome.ALREADY_APPLIED);
		CreditLimitRequest approved = this.application.completeIfPending(pending);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("70000", "EUR"));
		List<Document> notices = customerOutbox(customer, "CustomerNoticeIssued");
		assertThat(notices).hasSize(1);
		Document data = notices.get(0);
		assertThat(data.getString("customerId")).isEqualTo(customer);
		assertThat(new BigDecimal(data.getString("previousLimit"))).isEqualByComparingTo("100000");
		assertThat(new BigDecimal(data.getString("newLimit"))).isEqualByComparingTo("70000");
		assertThat(data.getString("currency")).isEqualTo("EUR");
		assertThat(data.getList("reasons", String.class)).isEqualTo(reasons);
	}

	@Test
	void aRequestThatPassesEveryCheckWithAGoodGradeIsApprovedStraightThrough() {
		String customer = customer("EUR");
		as("admin", "ADMIN", () -> this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of("5000"), null, null, "Opening limit", null)));
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		as("admin", "ADMIN", () -> this.invoices.issue(new IssueInvoiceInput("INV-" + customer, customer, null,
				DecimalInput.of("1000"), "EUR", today.minusDays(60), null, null)));
		as("admin", "ADMIN", () -> this.invoices.recordPayment(new RecordPaymentInput("PAY-" + customer,
				"INV-" + customer, DecimalInput.of("1000"), "EUR", today.minusDays(45))));
		as("ana", "CREDIT_ANALYST", () -> this.verifications.recordManual(this.mongo.findById(customer, Customer.class),
				"Commercial register extract checked", "HRB 12345"));
		score(customer, RiskGrade.A);
		CreditLimitRequest request = as("sales", "SALES",
				() -> this.requests.request(new RequestCreditLimitInput(customer,
						new MoneyInput(DecimalInput.of("8000"), "EUR"), RequestType.INCREASE, "Seasonal orders", null,
						new MoneyInput(DecimalInput.of("1000000"), "EUR"), 12, List.of("Bank: Sparkasse"))));
		assertThat(request.analysis().verdict()).as(request.analysis().explanation().english())
			.isEqualTo(Analysis.Verdict.STRAIGHT_THROUGH);
		CreditLimitRequest decided = this.application.completeIfPending(request);
		assertThat(decided.status()).isEqualTo(RequestStatus.AUTO_APPROVED);
		assertThat(decided.steps()).isEmpty();
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("8000", "EUR"));
	}

	@Test
	void aBlockingCheckRefusesAtOnceWithItsReasons() {
		String customer = customer("EUR");
		as("admin", "ADMIN",
				() -> this.customers.raiseFlag(new io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.FRAUD, "Stolen identity", "test")));
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(request.rejectionReasons()).containsExactly(ReasonCode.FRAUD_FLAG);
	}

	// ---- the decision record ----

	@Test
	void theCustomersDecisionRecordListsEveryDecisionAndEachRequestLinksToTheEarlierOnes() {
		String customer = customer("EUR");
		verified(customer);
		Duration minutes = Duration.ZERO;
		try {
			CreditLimitRequest small = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
			minutes = minutes.plus(tick());
			as("ana", "CREDIT_ANALYST",
					() -> this.requests.returnToRequester(new RequestActionInput(small.id(), "Which orders?")));
			minutes = minutes.plus(tick());
			as("sales", "SALES", () -> this.requests.resubmit(new RequestActionInput(small.id(), "The spring range")));
			minutes = minutes.plus(tick());
			CreditLimitRequest approved = approveAndComplete("ana", "CREDIT_ANALYST", reload(small), null);
			minutes = minutes.plus(tick());
			CreditLimitRequest large = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
			minutes = minutes.plus(tick());
			as("mia", "CREDIT_MANAGER", () -> approve(large, null));
			minutes = minutes.plus(tick());
			CreditLimitRequest rejected = as("carla", "CFO",
					() -> this.requests.reject(new RejectCreditLimitRequestInput(large.id(),
							List.of(ReasonCode.EXPOSURE_TOO_HIGH), "Too concentrated")));
			minutes = minutes.plus(tick());
			CreditLimitRequest third = as("sales", "SALES", () -> request(customer, "20000", RequestType.INCREASE));
			minutes = minutes.plus(tick());
			as("sales", "SALES", () -> withdraw(third));

			// The history is one click away: each request links to the earlier ones.
			assertThat(large.earlierRequestIds()).containsExactly(small.id());
			assertThat(third.earlierRequestIds()).containsExactly(small.id(), large.id());

			List<CreditLimitDecision> record = CreditLimitDecision.of(this.store.forCustomer(customer));
			assertThat(record)
				.extracting(CreditLimitDecision::requestId, CreditLimitDecision::step, CreditLimitDecision::by,
						CreditLimitDecision::outcome)
				.containsExactly(tuple(third.id(), null, "sales", CreditLimitDecision.Outcome.WITHDRAWN),
						tuple(large.id(), 2, "carla", CreditLimitDecision.Outcome.REJECTED),
						tuple(large.id(), 1, "mia", CreditLimitDecision.Outcome.APPROVED),
						tuple(small.id(), 1, "ana", CreditLimitDecision.Outcome.APPROVED),
						tuple(small.id(), 1, "ana", CreditLimitDecision.Outcome.RETURNED));
			assertThat(record.get(1).reasonCodes()).containsExactly(ReasonCode.EXPOSURE_TOO_HIGH);
			assertThat(record.get(1).justification()).isEqualTo("Too concentrated");
			assertThat(record.get(3).limit()).isEqualTo(Money.of("10000", "EUR"));

			// The decision event names whom to tell and what was decided.
			Document approval = outboxData(small.id(), "CreditLimitRequestDecided");
			assertThat(approval.getString("customerId")).isEqualTo(customer);
			assertThat(approval.getString("requestedBy")).isEqualTo("sales");
			assertThat(approval.getString("decision")).isEqualTo("APPROVED");
			assertThat(approval.getString("decidedBy")).isEqualTo("ana");
			assertThat(approval.get("approvedLimit", Document.class).getString("amount")).isEqualTo("10000.00");
			assertThat(approved.decidedBy()).isEqualTo("ana");
			Document rejection = outboxData(large.id(), "CreditLimitRequestDecided");
			assertThat(rejection.getString("decision")).isEqualTo("REJECTED");
			assertThat(rejection.getString("decidedBy")).isEqualTo("carla");
			assertThat(rejection.get("approvedLimit")).isNull();
			assertThat(rejection.getList("reasonCodes", String.class)).containsExactly("EXPOSURE_TOO_HIGH");
			assertThat(rejected.decidedBy()).isEqualTo("carla");
		}
		finally {
			CLOCK.advance(minutes.negated());
		}
	}

	@Test
	void whatThePreAnalysisDecidedAloneIsOnTheRecordToo() {
		String customer = customer("EUR");
		as("admin", "ADMIN",
				() -> this.customers.raiseFlag(new io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.FRAUD, "Stolen identity", "test")));
		CreditLimitRequest refused = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		List<CreditLimitDecision> record = CreditLimitDecision.of(this.store.forCustomer(customer));
		assertThat(record).singleElement().satisfies((decision) -> {
			assertThat(decision.requestId()).isEqualTo(refused.id());
			assertThat(decision.by()).isEqualTo(CreditLimitRequestService.PRE_ANALYSIS);
			assertThat(decision.outcome()).isEqualTo(CreditLimitDecision.Outcome.REJECTED);
			assertThat(decision.reasonCodes()).containsExactly(ReasonCode.FRAUD_FLAG);
		});
		assertThat(outboxData(refused.id(), "CreditLimitRequestDecided").getString("decidedBy"))
			.isEqualTo(CreditLimitRequestService.PRE_ANALYSIS);
	}

	private static Duration tick() {
		CLOCK.advance(Duration.ofMinutes(1));
		return Duration.ofMinutes(1);
	}

	// ---- verification ----

	@Test
	void aFirstLimitNeedsVerificationDataAndThenActivatesTheCustomer() {
		String customer = customer("EUR");
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.NEW_CUSTOMER));
		assertThat(request.analysis().check(CheckCode.BUREAU_VERIFICATION).outcome()).isEqualTo(CheckOutcome.FAIL);
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> approve(request, null)),
				RequestErrorCode.VERIFICATION_REQUIRED);
		as("ana", "CREDIT_ANALYST", () -> this.verifications.recordManual(this.mongo.findById(customer, Customer.class),
				"Register extract and bank reference checked", "HRB 999"));
		CreditLimitRequest approved = approveAndComplete("ana", "CREDIT_ANALYST", request, null);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		Customer after = this.mongo.findById(customer, Customer.class);
		assertThat(after.status()).isEqualTo(CustomerStatus.ACTIVE);
		assertThat(after.creditLimit().amount()).isEqualTo(Money.of("10000", "EUR"));
	}

	@Test
	void whereTheSegmentsPolicyRequiresNoVerificationAFirstLimitIsApprovedWithoutIt() {
		String segment = segmentWithPolicy((d) -> with(d, false, d.blockingChecks(), d.maxLimitToRevenue(), 6));
		String customer = customer("EUR", segment);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.NEW_CUSTOMER));
		assertThat(request.analysis().check(CheckCode.BUREAU_VERIFICATION).outcome()).isEqualTo(CheckOutcome.WARN);
		CreditLimitRequest approved = approveAndComplete("ana", "CREDIT_ANALYST", request, null);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).status()).isEqualTo(CustomerStatus.ACTIVE);
		// Elsewhere the system policy still requires it.
		String elsewhere = customer("EUR");
		CreditLimitRequest strict = as("sales", "SALES", () -> request(elsewhere, "10000", RequestType.NEW_CUSTOMER));
		assertThat(this.policies.forSegment("SMB").id()).isIn(StoredPreAnalysisPolicy.SHIPPED,
				StoredPreAnalysisPolicy.GLOBAL);
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> approve(strict, null)),
				RequestErrorCode.VERIFICATION_REQUIRED);
	}

	@Test
	void whereTheSegmentsPolicyRequiresABureauReportAManualVerificationIsNotEnough() {
		String segment = segmentWithPolicy((d) -> with(d, true, d.blockingChecks(), d.maxLimitToRevenue(), 6, true));
		String customer = customer("EUR", segment);
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.NEW_CUSTOMER));
		assertThat(request.analysis().check(CheckCode.BUREAU_VERIFICATION).reason())
			.isEqualTo(ReasonCode.BUREAU_REPORT_REQUIRED);
		assertRefused(() -> as("ana", "CREDIT_ANALYST", () -> approve(request, null)),
				RequestErrorCode.VERIFICATION_REQUIRED);
		as("ana", "CREDIT_ANALYST",
				() -> this.verifications.fetchReport(this.mongo.findById(customer, Customer.class), false));
		assertThat(approveAndComplete("ana", "CREDIT_ANALYST", request, null).status())
			.isEqualTo(RequestStatus.APPROVED);
	}

	@Test
	void aSegmentsThresholdsDecideItsPreAnalysis() {
		// A limit above 5 % of annual revenue fails there, and that check blocks.
		String segment = segmentWithPolicy((d) -> with(d, true, List.of(CheckCode.CUSTOMER_STATUS, CheckCode.RISK_FLAGS,
				CheckCode.HARD_CAP, CheckCode.LIMIT_TO_REVENUE), new BigDecimal("0.05"), 6));
		String strict = customer("EUR", segment);
		String usual = customer("EUR");
		for (String customer : List.of(strict, usual)) {
			verified(customer);
		}
		// 8 % of revenue: above the segment's 5 %, within the system policy's 10 % and 25
		// %.
		CreditLimitRequest refused = as("sales", "SALES", () -> requestWithRevenue(strict, "80000", "1000000"));
		assertThat(refused.status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(refused.rejectionReasons()).containsExactly(ReasonCode.LIMIT_ABOVE_REVENUE_RATIO);
		CreditLimitRequest routed = as("sales", "SALES", () -> requestWithRevenue(usual, "80000", "1000000"));
		assertThat(routed.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(routed.analysis().check(CheckCode.LIMIT_TO_REVENUE).outcome()).isEqualTo(CheckOutcome.PASS);
	}

	@Test
	void aPreAnalysisPolicyIsVersionedAuditedAndRefusesAStaleVersion() {
		String segment = segmentWithPolicy((d) -> d);
		StoredPreAnalysisPolicy second = as("carla", "CFO",
				() -> this.policies.upsert(segment.toLowerCase(),
						with(PreAnalysisPolicy.DEFAULT.toDefinition(), false,
								PreAnalysisPolicy.DEFAULT.toDefinition().blockingChecks(), new BigDecimal("0.25"), 3),
						"Small accounts are verified by sales", 1));
		assertThat(second.version()).isEqualTo(2);
		assertThat(second.updatedBy()).isEqualTo("carla");
		assertThat(this.policies.get(segment).thresholds().verificationRequired()).isFalse();
		List<AuditRecord> records = this.mongo.find(Query.query(Criteria.where("entityId")
			.is(StoredPreAnalysisPolicy.idOf(segment))
			.and("action")
			.is("PRE_ANALYSIS_POLICY_CHANGED")), AuditRecord.class, "audit_records");
		assertThat(records).hasSize(2);
		AuditRecord last = records.stream().filter((r) -> "carla".equals(r.actor())).findFirst().orElseThrow();
		assertThat(last.reason()).isEqualTo("Small accounts are verified by sales");
		assertThat(last.changes()).extracting(AuditRecord.FieldChange::field)
			.contains("verificationRequired", "bureauReportMaxAgeMonths", "version")
			.doesNotContain("warnOnTimeRate");
		assertRefused(
				() -> as("carla", "CFO",
						() -> this.policies.upsert(segment, PreAnalysisPolicy.DEFAULT.toDefinition(), "Back", 1)),
				"STALE_VERSION");
	}

	@Test
	void aSegmentsPolicyDecidesHowLongABureauReportIsReused() {
		String segment = segmentWithPolicy((d) -> with(d, true, d.blockingChecks(), d.maxLimitToRevenue(), 0));
		Customer c = this.mongo.findById(customer("EUR", segment), Customer.class);
		int before = REPORTS_SOLD.get();
		as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, false));
		as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, false));
		assertThat(REPORTS_SOLD.get() - before).isEqualTo(2);
	}

	@Test
	void aStoredBureauReportIsReusedWhileYoungerThanThePolicyAgeUnlessRefreshIsForced() {
		String customer = customer("EUR");
		Customer c = this.mongo.findById(customer, Customer.class);
		int before = REPORTS_SOLD.get();
		CustomerVerification first = as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, false));
		// "Not Rated" is no rating, never zero.
		assertThat(first.bureauReport().rating()).isNull();
		as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, false));
		assertThat(REPORTS_SOLD.get() - before).isEqualTo(1);
		as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, true));
		assertThat(REPORTS_SOLD.get() - before).isEqualTo(2);
		CLOCK.advance(Duration.ofDays(190));
		try {
			as("ana", "CREDIT_ANALYST", () -> this.verifications.fetchReport(c, false));
		}
		finally {
			CLOCK.advance(Duration.ofDays(-190));
		}
		assertThat(REPORTS_SOLD.get() - before).isEqualTo(3);
		// A bureau report is verification data for the pre-analysis.
		assertThat(this.verifications.of(c).source()).isEqualTo(AnalysisSnapshot.Verification.Source.BUREAU_REPORT);
	}

	// ---- the two documents of an approval ----

	@Test
	void aCrashBeforeTheCustomerIsWrittenIsCompletedByTheSweeper() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		// The final approval is recorded; the process "crashes" before the customer.
		CreditLimitRequest recorded = as("ana", "CREDIT_ANALYST", () -> approve(request, null));
		assertThat(recorded.application()).isNotNull();
		assertThat(recorded.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit()).isNull();
		assertRefused(() -> as("sales", "SALES", () -> withdraw(recorded)), RequestErrorCode.REQUEST_ALREADY_DECIDED);
		// Younger than the grace: left to its own completion.
		this.jobs.sweepApplications();
		assertThat(reload(request).application()).isNotNull();
		CLOCK.advance(Duration.ofMinutes(1));
		try {
			this.jobs.sweepApplications();
		}
		finally {
			CLOCK.advance(Duration.ofMinutes(-1));
		}
		CreditLimitRequest completed = reload(request);
		assertThat(completed.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(completed.application()).isNull();
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().requestId()).isEqualTo(request.id());
	}

	@Test
	void aCrashAfterTheCustomerIsWrittenIsCompletedOnceByTheSweeper() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE));
		CreditLimitRequest recorded = as("ana", "CREDIT_ANALYST", () -> approve(request, null));
		// The customer is written; the process "crashes" before the request is decided.
		this.application.applyToCustomer(recorded);
		Customer applied = this.mongo.findById(customer, Customer.class);
		assertThat(applied.creditLimit().amount()).isEqualTo(Money.of("10000", "EUR"));
		assertThat(reload(request).status()).isEqualTo(RequestStatus.IN_APPROVAL);
		CLOCK.advance(Duration.ofMinutes(1));
		try {
			this.jobs.sweepApplications();
		}
		finally {
			CLOCK.advance(Duration.ofMinutes(-1));
		}
		assertThat(reload(request).status()).isEqualTo(RequestStatus.APPROVED);
		// Applied once: the customer was not written again.
		assertThat(this.mongo.findById(customer, Customer.class).version()).isEqualTo(applied.version());
		long limitRecords = this.mongo.count(
				Query.query(Criteria.where("customerId").is(customer).and("action").is("CREDIT_LIMIT_APPROVED")),
				"audit_records");
		assertThat(limitRecords).isEqualTo(1);
	}

	// ---- periodic reviews ----

	@Test
	void theReviewJobOpensDueReviewsAndTheOutcomeSchedulesTheNextByGrade() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest first = approveAndComplete("ana", "CREDIT_ANALYST",
				as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE)), null);
		assertThat(first.status()).isEqualTo(RequestStatus.APPROVED);
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		// No score: the default interval (12 months).
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().nextReviewDate())
			.isEqualTo(today.plusMonths(12));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
				new org.springframework.data.mongodb.core.query.Update().set("creditLimit.nextReviewDate", today),
				Customer.class);
		score(customer, RiskGrade.D);
		this.jobs.openDueReviews();
		List<CreditLimitRequest> reviews = this.mongo.find(
				Query.query(Criteria.where("customerId").is(customer).and("type").is("REVIEW")),
				CreditLimitRequest.class);
		assertThat(reviews).hasSize(1);
		CreditLimitRequest review = reviews.get(0);
		assertThat(review.origin()).isEqualTo(RequestOrigin.REVIEW_JOB);
		assertThat(review.createdBy()).isEqualTo(RequestJobs.REVIEW_JOB);
		// Grade D goes one level higher: a manager confirms 10,000.
		assertThat(review.steps()).extracting(Step::role).containsExactly(ApproverRole.CREDIT_MANAGER);
		// Opened once.
		this.jobs.openDueReviews();
		assertThat(this.mongo.count(Query.query(Criteria.where("customerId").is(customer).and("type").is("REVIEW")),
				CreditLimitRequest.class))
			.isEqualTo(1);
		approveAndComplete("mia", "CREDIT_MANAGER", review, null);
		// Grade D: reviewed again in 3 months.
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().nextReviewDate())
			.isEqualTo(today.plusMonths(3));
	}

	/**
	 * The review job reads the due customers a page at a time to the last page: reviews
	 * waiting for their approvers (skipped) never keep the customers after them from
	 * theirs.
	 */
	@Test
	void theReviewJobReachesEveryDueCustomerWhateverComesFirst() {
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		List<String> due = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String customer = customer("EUR");
			verified(customer);
			approveAndComplete("ana", "CREDIT_ANALYST",
					as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE)), null);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
					new org.springframework.data.mongodb.core.query.Update().set("creditLimit.nextReviewDate", today),
					Customer.class);
			due.add(customer);
		}
		// Pages of one: the first page holds one customer (whichever is first), and the
		// job goes on.
		this.jobs.openDueReviews(1);
		for (String customer : due) {
			assertThat(requestsOf(customer, RequestType.REVIEW)).as("review of %s", customer).hasSize(1);
		}
		// Waiting for approvers now: skipped, nothing opened twice.
		this.jobs.openDueReviews(1);
		for (String customer : due) {
			assertThat(requestsOf(customer, RequestType.REVIEW)).as("review of %s", customer).hasSize(1);
		}
	}

	@Test
	void beforeScoresExistTheNextReviewComesFromTheSegmentsCreditPolicy() {
		String segment = "REV_" + SEGMENTS.incrementAndGet();
		as("admin", "ADMIN", () -> this.creditPolicies.upsert(new UpsertCreditPolicyInput(PolicyLevel.SEGMENT, segment,
				null, null, null, null, null, null, null, null, null, 4, "Reviewed every 4 months", null)));
		String customer = customer("EUR", segment);
		verified(customer);
		approveAndComplete("ana", "CREDIT_ANALYST",
				as("sales", "SALES", () -> request(customer, "10000", RequestType.NEW_CUSTOMER)), null);
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().nextReviewDate())
			.isEqualTo(today.plusMonths(4));
	}

	@Test
	void aTemporaryLimitIsRenewedAheadOfItsEndAndWhileTheRenewalWaitsTheExpiredLimitHoldsOrders() {
		String customer = customer("EUR");
		verified(customer);
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		LocalDate end = today.plusDays(60);
		CreditLimitRequest temporary = as("sales", "SALES",
				() -> this.requests
					.request(new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of("20000"), "EUR"),
							RequestType.TEMPORARY, "Trade fair season", end, null, null, null)));
		CreditLimitRequest granted = approveAndComplete("ana", "CREDIT_ANALYST", temporary, null);
		assertThat(granted.approvedValidUntil()).isEqualTo(end);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().validUntil()).isEqualTo(end);
		// More than the 30 lead days before the end: no renewal yet.
		this.jobs.openDueReviews();
		assertThat(requestsOf(customer, RequestType.RENEWAL)).isEmpty();
		CLOCK.advance(Duration.ofDays(31));
		try {
			this.jobs.openDueReviews();
			this.jobs.openDueReviews();
			List<CreditLimitRequest> renewals = requestsOf(customer, RequestType.RENEWAL);
			assertThat(renewals).hasSize(1);
			CreditLimitRequest renewal = renewals.get(0);
			assertThat(renewal.origin()).isEqualTo(RequestOrigin.REVIEW_JOB);
			assertThat(renewal.createdBy()).isEqualTo(RequestJobs.REVIEW_JOB);
			// The same limit for another 60 days, pre-analysed and routed like any other.
			assertThat(renewal.requestedLimit()).isEqualTo(Money.of("20000", "EUR"));
			assertThat(renewal.validUntil()).isEqualTo(end.plusDays(60));
			assertThat(renewal.analysis().checks()).hasSize(CheckCode.values().length);
			assertThat(renewal.status()).isEqualTo(RequestStatus.IN_APPROVAL);
			assertThat(renewal.steps()).extracting(Step::role).containsExactly(ApproverRole.CREDIT_ANALYST);
			assertThat(renewal.earlierRequestIds()).contains(temporary.id());

			// Undecided past the end: the expired limit holds orders.
			CLOCK.advance(Duration.ofDays(30));
			assertThat(order(customer, "100").decision().reasonCodes()).contains(CreditReasonCode.LIMIT_EXPIRED);

			CreditLimitRequest renewed = approveAndComplete("max", "CREDIT_ANALYST", renewal, null);
			assertThat(renewed.status()).isEqualTo(RequestStatus.APPROVED);
			CreditLimit limit = this.mongo.findById(customer, Customer.class).creditLimit();
			assertThat(limit.amount()).isEqualTo(Money.of("20000", "EUR"));
			assertThat(limit.validUntil()).isEqualTo(end.plusDays(60));
			assertThat(limit.requestId()).isEqualTo(renewal.id());
			// The next review moves: 12 months from the decision (no score yet).
			assertThat(limit.nextReviewDate()).isEqualTo(today.plusDays(61).plusMonths(12));
			assertThat(order(customer, "100").decision().reasonCodes()).doesNotContain(CreditReasonCode.LIMIT_EXPIRED);
		}
		finally {
			CLOCK.advance(Duration.ofDays(-61));
		}
	}

	@Test
	void aRenewalIsOpenedOncePerDueDateAndMayReduceTheLimitOrBeRejected() {
		String reduced = customer("EUR");
		String rejected = customer("EUR");
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		for (String customer : List.of(reduced, rejected)) {
			verified(customer);
			approveAndComplete("ana", "CREDIT_ANALYST",
					as("sales", "SALES",
							() -> this.requests.request(new RequestCreditLimitInput(customer,
									new MoneyInput(DecimalInput.of("20000"), "EUR"), RequestType.TEMPORARY,
									"Project business", today.plusDays(20), null, null, null))),
					null);
		}
		// Within the lead days at once: the job opens each renewal today.
		this.jobs.openDueReviews();
		CreditLimitRequest toReduce = requestsOf(reduced, RequestType.RENEWAL).get(0);
		CreditLimitRequest toReject = requestsOf(rejected, RequestType.RENEWAL).get(0);
		// A counter-offer to a renewal keeps (at most) the renewed term.
		assertRefused(() -> as("max", "CREDIT_ANALYST", () -> approve(toReduce, "12000")),
				RequestErrorCode.COUNTER_OFFER_ENDS_LATER);
		CreditLimitRequest smaller = as("max", "CREDIT_ANALYST",
				() -> this.application.completeIfPending(approve(toReduce, "12000", toReduce.validUntil())));
		assertThat(smaller.approvedLimit()).isEqualTo(Money.of("12000", "EUR"));
		assertThat(smaller.approvedValidUntil()).isEqualTo(toReduce.validUntil());
		assertThat(this.mongo.findById(reduced, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("12000", "EUR"));
		as("max", "CREDIT_ANALYST", () -> this.requests.reject(new RejectCreditLimitRequestInput(toReject.id(),
				List.of(ReasonCode.INSUFFICIENT_INFORMATION), "No project, no renewal")));
		// The next mornings: a rejected renewal is not opened again for the same end
		// date.
		CLOCK.advance(Duration.ofDays(1));
		try {
			this.jobs.openDueReviews();
			assertThat(requestsOf(rejected, RequestType.RENEWAL)).hasSize(1);
		}
		finally {
			CLOCK.advance(Duration.ofDays(-1));
		}
	}

	@Test
	void aReviewOfALimitWithAnEndDateKeepsTheEndDate() {
		String customer = customer("EUR");
		verified(customer);
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		LocalDate end = today.plusMonths(9);
		approveAndComplete("ana", "CREDIT_ANALYST",
				as("sales", "SALES",
						() -> this.requests.request(
								new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of("15000"), "EUR"),
										RequestType.TEMPORARY, "Framework contract", end, null, null, null))),
				null);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
				new org.springframework.data.mongodb.core.query.Update().set("creditLimit.nextReviewDate", today),
				Customer.class);
		this.jobs.openDueReviews();
		CreditLimitRequest review = requestsOf(customer, RequestType.REVIEW).get(0);
		assertThat(review.validUntil()).isEqualTo(end);
		approveAndComplete("max", "CREDIT_ANALYST", review, null);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().validUntil()).isEqualTo(end);
	}

	/**
	 * A review a risk event opened of a temporary limit: approving it confirms the limit
	 * as it is, end date included, as the review job's reviews do.
	 */
	@Test
	void riskEventReviewOfATemporaryLimitKeepsItsEndDate() {
		LocalDate end = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).plusMonths(9);
		String customer = temporaryLimit("15000", end);
		String reviewId = this.systemReviews.openReview(customer, "RATING_DOWNGRADE from bureau", "risk-events")
			.orElseThrow();
		CreditLimitRequest review = this.requests.find(reviewId).orElseThrow();
		assertThat(review.validUntil()).isEqualTo(end);
		approveAndComplete("max", "CREDIT_ANALYST", review, null);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().validUntil()).isEqualTo(end);
	}

	/**
	 * A decrease of a temporary limit the dynamic limit policy routed to approvers keeps
	 * the end date, as the decreases it applies itself do.
	 */
	@Test
	void routedDynamicLimitDecreaseOfATemporaryLimitKeepsItsEndDate() {
		LocalDate end = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).plusMonths(9);
		String customer = temporaryLimit("20000", end);
		CreditLimitRequest request = this.systemRequests
			.open(customer, Money.of("15000", "EUR"), "Proposal beyond automatic authority", "dynamic-limits",
					List.of("LOW_UTILIZATION"))
			.orElseThrow();
		approveAndComplete("max", "CREDIT_ANALYST", request, null);
		Customer after = this.mongo.findById(customer, Customer.class);
		assertThat(after.creditLimit().amount()).isEqualTo(Money.of("15000", "EUR"));
		assertThat(after.creditLimit().validUntil()).isEqualTo(end);
	}

	/**
	 * A request the system made (the review job, a risk event, the dynamic limit policy)
	 * has no person to answer it: it is not returned, its approvers approve or reject it.
	 * A request the system opened for a person (a budget allocation) is returned to them.
	 */
	@Test
	void aRequestTheSystemMadeIsNotReturned() {
		LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
		String customer = temporaryLimit("15000", today.plusMonths(9));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
				new org.springframework.data.mongodb.core.query.Update().set("creditLimit.nextReviewDate", today),
				Customer.class);
		this.jobs.openDueReviews();
		CreditLimitRequest review = requestsOf(customer, RequestType.REVIEW).get(0);
		assertThat(review.createdBy()).isEqualTo(RequestJobs.REVIEW_JOB);
		assertRefused(
				() -> as("max", "CREDIT_ANALYST",
						() -> this.requests
							.returnToRequester(new RequestActionInput(review.id(), "Need the latest accounts"))),
				RequestErrorCode.REQUESTER_NOT_A_PERSON);
		assertThat(reload(review).status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(approveAndComplete("max", "CREDIT_ANALYST", review, null).status())
			.isEqualTo(RequestStatus.APPROVED);

		String other = temporaryLimit("15000", today.plusMonths(9));
		String riskReview = this.systemReviews.openReview(other, "RATING_DOWNGRADE from bureau", "risk-events")
			.orElseThrow();
		assertRefused(
				() -> as("max", "CREDIT_ANALYST",
						() -> this.requests
							.returnToRequester(new RequestActionInput(riskReview, "Need the latest accounts"))),
				RequestErrorCode.REQUESTER_NOT_A_PERSON);
		CreditLimitRequest decrease = this.systemRequests
			.open(temporaryLimit("20000", today.plusMonths(9)), Money.of("15000", "EUR"),
					"Proposal beyond automatic authority", "dynamic-limits", List.of("LOW_UTILIZATION"))
			.orElseThrow();
		assertThat(decrease.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertRefused(
				() -> as("max", "CREDIT_ANALYST",
						() -> this.requests.returnToRequester(new RequestActionInput(decrease.id(), "Why?"))),
				RequestErrorCode.REQUESTER_NOT_A_PERSON);

		String allocated = customer("EUR");
		verified(allocated);
		SystemLimitRequests.Opened opened = this.systemRequests.open(allocated, Money.of("10000", "EUR"),
				"Budget allocation ALLOC-1", "ALLOC-1", "sam");
		CreditLimitRequest returned = as("max", "CREDIT_ANALYST",
				() -> this.requests.returnToRequester(new RequestActionInput(opened.requestId(), "Which budget?")));
		assertThat(returned.status()).isEqualTo(RequestStatus.RETURNED);
		assertThat(as("sam", "CREDIT_MANAGER",
				() -> this.requests.resubmit(new RequestActionInput(opened.requestId(), "Budget 2027")))
			.status()).isEqualTo(RequestStatus.IN_APPROVAL);
	}

	// ---- the type agrees with the amount ----

	@Test
	void anIncreaseAsksForMoreThanTheCurrentLimitAndADecreaseForLess() {
		String customer = customer("EUR");
		as("admin", "ADMIN", () -> setLimit(customer, "140011", "EUR"));
		for (String amount : new String[] { "0", "140011", "100000" }) {
			assertTypeRefused(customer, amount, RequestType.INCREASE,
					"An increase asks for more than the current limit of 140,011.00 EUR");
		}
		for (String amount : new String[] { "140011", "150000" }) {
			assertTypeRefused(customer, amount, RequestType.DECREASE,
					"A decrease asks for less than the current limit of 140,011.00 EUR");
		}
		CreditLimitRequest decrease = as("sales", "SALES", () -> request(customer, "100000", RequestType.DECREASE));
		assertThat(decrease.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		// One open request per customer: the decrease is withdrawn before the increase.
		as("sales", "SALES", () -> withdraw(decrease));
		String without = customer("EUR");
		assertTypeRefused(without, "0", RequestType.INCREASE, "current limit of 0.00 EUR");
		assertTypeRefused(without, "1000", RequestType.DECREASE, "current limit of 0.00 EUR");
		assertThat(as("sales", "SALES", () -> request(customer, "150000", RequestType.INCREASE)).status())
			.isEqualTo(RequestStatus.IN_APPROVAL);
	}

	private void assertTypeRefused(String customer, String amount, RequestType type, String sentence) {
		assertThatThrownBy(() -> as("sales", "SALES", () -> request(customer, amount, type))).as(type + " " + amount)
			.isInstanceOf(CreditDeskException.class)
			.satisfies((ex) -> {
				UserError error = ((CreditDeskException) ex).errors().get(0);
				assertThat(error.code().code()).isEqualTo("REQUEST_TYPE_MISMATCH");
				assertThat(error.field()).isEqualTo("type");
				assertThat(error.message()).contains(sentence);
			});
	}

	// ---- the hard cap in another currency ----

	/**
	 * A hard cap in another currency than the customer's is converted at today's rate by
	 * the pre-analysis, by setting a limit and by the order check alike: what the
	 * pre-analysis passes applies after the last approval, and what is above the
	 * converted cap is refused with the figures.
	 */
	@Test
	void aHardCapInAnotherCurrencyIsConvertedAtTodaysRateByThePreAnalysisAndByTheLimit() {
		String segment = segmentWithHardCap("500000", "EUR");
		usdToEur("0.92");
		String customer = customer("USD", segment);
		verified(customer);
		// 500,000 EUR at 1 / 0.92 is 543,478.26 USD.
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "543478.26", RequestType.INCREASE));
		assertThat(request.snapshot().hardCap()).isEqualTo(Money.of("543478.26", "USD"));
		assertThat(request.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		// The check states the cap as set, the rate and the converted figure, as the
		// refusal of setCreditLimit does.
		assertThat(request.snapshot().hardCapAsSet()).isEqualTo(Money.of("500000", "EUR"));
		assertThat(request.analysis().check(CheckCode.HARD_CAP).detail().english())
			.startsWith("Within the hard cap of 500,000.00 EUR, which is 543,478.26 USD at today's rate of ");
		assertThat(request.analysis().check(CheckCode.HARD_CAP).detail().render(Locale.GERMAN)).startsWith(
				"Innerhalb der harten Obergrenze von 500.000,00 EUR, das sind 543.478,26 USD zum heutigen Kurs von ");
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, null));
		CreditLimitRequest approved = approveAndComplete("carla", "CFO", afterManager, null);
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("543478.26", "USD"));

		CreditLimitRequest above = as("sales", "SALES", () -> request(customer, "543478.27", RequestType.INCREASE));
		assertThat(above.status()).isEqualTo(RequestStatus.REJECTED);
		assertThat(above.rejectionReasons()).containsExactly(ReasonCode.OVER_HARD_CAP);
		assertThat(above.analysis().check(CheckCode.HARD_CAP).detail().english()).startsWith(
				"The requested 543,478.27 USD is above the hard cap of 500,000.00 EUR, which is 543,478.26 USD at today's rate of ");

		String direct = customer("USD", segment);
		assertThatThrownBy(() -> as("admin", "ADMIN", () -> setLimit(direct, "543478.27", "USD")))
			.isInstanceOf(CreditDeskException.class)
			.satisfies((ex) -> {
				assertThat(((CreditDeskException) ex).code()).isEqualTo("OVER_HARD_CAP");
				assertThat(((CreditDeskException) ex).errors().get(0).message()).contains("500,000.00 EUR")
					.contains("543,478.26 USD");
			});
		assertThat(as("admin", "ADMIN", () -> setLimit(direct, "543478.26", "USD")).creditLimit().amount())
			.isEqualTo(Money.of("543478.26", "USD"));
	}

	/**
	 * The last approver hears what the limit's rules refuse (here a hard cap lowered
	 * while the request waited) and the request waits on: a counter-offer within the cap
	 * is then approved.
	 */
	@Test
	void theLastApproverIsToldWhenTheApprovedLimitCannotApply() {
		String segment = segmentWithHardCap("500000", "EUR");
		String customer = customer("EUR", segment);
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, null));
		hardCap(segment, "250000", "EUR");
		assertRefused(() -> as("carla", "CFO", () -> approve(afterManager, null)), "OVER_HARD_CAP");
		assertThat(reload(request).status()).isEqualTo(RequestStatus.IN_APPROVAL);
		CreditLimitRequest approved = approveAndComplete("carla", "CFO", afterManager, "250000");
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(approved.approvedLimit()).isEqualTo(Money.of("250000", "EUR"));
	}

	/**
	 * A hard cap lowered in the instant between the last approval and the limit's
	 * application: as when it is lowered before, the last approver hears the refusal and
	 * the request waits at its last step (the approval taken back, the reason on the
	 * record), instead of ending rejected without a word.
	 */
	@Test
	void aHardCapLoweredBetweenTheLastApprovalAndItsApplicationTakesTheApprovalBack() {
		String segment = segmentWithHardCap("500000", "EUR");
		String customer = customer("EUR", segment);
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, null));
		CreditLimitRequest lastApproved = as("carla", "CFO", () -> approve(afterManager, null));
		assertThat(lastApproved.application()).isNotNull();
		hardCap(segment, "250000", "EUR");
		assertRefused(() -> this.application.complete(lastApproved), "OVER_HARD_CAP");
		CreditLimitRequest waiting = reload(request);
		assertThat(waiting.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(waiting.application()).isNull();
		assertThat(waiting.openRole()).isEqualTo(ApproverRole.CFO);
		assertThat(waiting.proposedLimit()).isEqualTo(Money.of("300000", "EUR"));
		assertThat(waiting.steps()).extracting(Step::status).containsExactly(StepStatus.APPROVED, StepStatus.PENDING);
		assertThat(waiting.steps().get(1).decisions()).isEmpty();
		assertThat(outboxData(request.id(), "CreditLimitRequestResumed").getString("reason"))
			.isEqualTo("APPROVAL_NOT_APPLIED");
		// A second completion of the same approval (the sweeper's) is refused the same
		// and
		// changes nothing.
		assertRefused(() -> this.application.complete(lastApproved), "OVER_HARD_CAP");
		assertThat(reload(request).steps().get(1).decisions()).isEmpty();
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit()).isNull();
		// The CFO decides again: a counter-offer within the cap applies.
		CreditLimitRequest approved = approveAndComplete("carla", "CFO", waiting, "250000");
		assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("250000", "EUR"));
	}

	/**
	 * A customer suspended or flagged while its increase waits: no approver raises its
	 * limit (each hears why, in their language), and the request may be rejected or
	 * approved once that has changed. Before: approved and applied on a suspended,
	 * fraud-flagged customer, the analysis still saying both checks passed.
	 */
	@Test
	void aCustomerSuspendedOrFlaggedWhileItsRequestWaitsIsNotRaisedByAnApproval() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		assertThat(request.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		as("admin", "ADMIN",
				() -> this.customers.raiseFlag(new io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.FRAUD, "Stolen identity", "test")));
		CreditDeskException flagged = catchRefusal(() -> as("mia", "CREDIT_MANAGER", () -> approve(request, null)));
		assertThat(flagged.code()).isEqualTo("RAISE_BLOCKED");
		assertThat(flagged.errors().get(0).field()).isEqualTo("requestId");
		assertThat(flagged.errors().get(0).message(Locale.ENGLISH))
			.isEqualTo("Request " + request.id() + " cannot be approved now: A fraud flag is raised."
					+ " Reject it, or approve it once that has changed.");
		assertThat(flagged.errors().get(0).message(Locale.GERMAN)).startsWith("Der Antrag " + request.id());
		assertRefused(() -> as("mia", "CREDIT_MANAGER", () -> approve(request, "250000")), "RAISE_BLOCKED");
		CreditLimitRequest waiting = reload(request);
		assertThat(waiting.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(waiting.steps().get(0).decisions()).isEmpty();
		as("admin", "ADMIN",
				() -> this.customers.clearFlag(new io.creditdesk.customer.CustomerInputs.ClearRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.FRAUD, "Identity confirmed")));
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, null));
		as("admin", "ADMIN",
				() -> this.customers.setStatus(new io.creditdesk.customer.CustomerInputs.SetCustomerStatusInput(
						customer, io.creditdesk.customer.CustomerStatus.SUSPENDED, "Under investigation", null)));
		assertRefused(() -> as("carla", "CFO", () -> approve(afterManager, null)), "RAISE_BLOCKED");
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit()).isNull();
		CreditLimitRequest rejected = as("carla", "CFO",
				() -> this.requests.reject(new RejectCreditLimitRequestInput(request.id(),
						List.of(ReasonCode.CUSTOMER_SUSPENDED), "Suspended meanwhile")));
		assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED);
	}

	/**
	 * Flagged in the instant between the last approval and the limit's application (an
	 * insolvency event read from Kafka): as with a hard cap lowered then, the approval is
	 * taken back and the limit not raised.
	 */
	@Test
	void aCustomerFlaggedBetweenTheLastApprovalAndItsApplicationIsNotRaised() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest request = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		CreditLimitRequest afterManager = as("mia", "CREDIT_MANAGER", () -> approve(request, null));
		CreditLimitRequest lastApproved = as("carla", "CFO", () -> approve(afterManager, null));
		assertThat(lastApproved.application()).isNotNull();
		as("admin", "ADMIN",
				() -> this.customers.raiseFlag(new io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.BUREAU, "Insolvency filing", "bureau")));
		assertRefused(() -> this.application.complete(lastApproved), "RAISE_BLOCKED");
		CreditLimitRequest waiting = reload(request);
		assertThat(waiting.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(waiting.application()).isNull();
		assertThat(waiting.steps().get(1).decisions()).isEmpty();
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit()).isNull();
	}

	/**
	 * A hard cap in another currency without a known rate: the same code and words (a
	 * missing rate) on a limit request as on a direct setCreditLimit.
	 */
	@Test
	void aMissingRateForTheHardCapIsFxRateMissingOnARequestAsOnSetCreditLimit() {
		String segment = segmentWithHardCap("500000", "JPY");
		String direct = customer("EUR", segment);
		CreditDeskException setLimit = catchRefusal(() -> as("admin", "ADMIN", () -> setLimit(direct, "1000", "EUR")));
		assertThat(setLimit.code()).isEqualTo("FX_RATE_MISSING");
		assertThat(setLimit.errors().get(0).message(Locale.ENGLISH)).contains("No JPY/EUR exchange rate")
			.contains("hard cap 500,000 JPY");
		assertThat(setLimit.errors().get(0).message(Locale.GERMAN)).contains("kein Wechselkurs");

		String customer = customer("EUR", segment);
		verified(customer);
		CreditDeskException request = catchRefusal(
				() -> as("sales", "SALES", () -> request(customer, "10000", RequestType.INCREASE)));
		assertThat(request.code()).isEqualTo(setLimit.code());
		assertThat(request.errors().get(0).message(Locale.ENGLISH)).contains("No JPY/EUR exchange rate")
			.contains("the hard cap in JPY cannot be compared with amounts in EUR")
			.doesNotContain("documents");
		assertThat(request.errors().get(0).message(Locale.GERMAN)).contains("die Obergrenze in JPY");
	}

	// ---- one open request per customer ----

	@Test
	void aCustomerHasOneOpenRequestAtATimeWhateverItsOrigin() {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest first = as("sales", "SALES", () -> request(customer, "300000", RequestType.INCREASE));
		CreditDeskException second = catchRefusal(
				() -> as("sam", "SALES", () -> request(customer, "400000", RequestType.INCREASE)));
		assertThat(second.code()).isEqualTo("REQUEST_ALREADY_OPEN");
		assertThat(second.errors().get(0).field()).isEqualTo("customerId");
		assertThat(second.errors().get(0).message(Locale.ENGLISH)).contains(first.id())
			.contains("300,000.00 EUR")
			.contains("IN_APPROVAL");
		assertThat(second.errors().get(0).message(Locale.GERMAN)).contains(first.id())
			.contains("300.000,00 EUR")
			.contains("offenen Kreditlimitantrag");
		assertThat(requestsOf(customer, RequestType.INCREASE)).hasSize(1);
		// A system review waits for it too.
		as("admin", "ADMIN", () -> setLimit(customer, "1000", "EUR"));
		assertThat(this.systemReviews.openReview(customer, "RATING_DOWNGRADE from bureau", "risk-events")).isEmpty();
		// Withdrawn, rejected, approved: each ends it, and the next may be made.
		as("sales", "SALES", () -> withdraw(first));
		CreditLimitRequest rejected = as("sam", "SALES", () -> request(customer, "400000", RequestType.INCREASE));
		as("mia", "CREDIT_MANAGER", () -> this.requests.reject(new RejectCreditLimitRequestInput(rejected.id(),
				List.of(ReasonCode.INSUFFICIENT_FINANCIALS), "Equity too thin")));
		CreditLimitRequest third = as("sales", "SALES", () -> request(customer, "20000", RequestType.INCREASE));
		assertThat(approveAndComplete("ana", "CREDIT_ANALYST", third, null).status()).isEqualTo(RequestStatus.APPROVED);
		// A request the pre-analysis refuses at once is never open, and holds nothing.
		as("admin", "ADMIN",
				() -> this.customers.raiseFlag(new io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput(customer,
						io.creditdesk.customer.RiskFlagType.FRAUD, "Stolen identity", "test")));
		assertThat(as("sales", "SALES", () -> request(customer, "30000", RequestType.INCREASE)).status())
			.isEqualTo(RequestStatus.REJECTED);
		assertThat(claimOf(customer)).isNull();
	}

	@Test
	void ofConcurrentSubmissionsForOneCustomerExactlyOneIsAccepted() throws Exception {
		for (int round = 0; round < 5; round++) {
			String customer = customer("EUR");
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<String>> outcomes = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					String amount = Integer.toString(30000 + i * 1000);
					outcomes.add(pool.submit(() -> {
						start.await();
						try {
							as("sales", "SALES", () -> request(customer, amount, RequestType.INCREASE));
							return "accepted";
						}
						catch (CreditDeskException ex) {
							return ex.code();
						}
					}));
				}
				start.countDown();
				List<String> results = new ArrayList<>();
				for (Future<String> outcome : outcomes) {
					results.add(outcome.get());
				}
				assertThat(results).as("round " + round).containsOnlyOnce("accepted");
				assertThat(results).as("round " + round)
					.filteredOn((r) -> !r.equals("accepted"))
					.containsOnly("REQUEST_ALREADY_OPEN");
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(requestsOf(customer, RequestType.INCREASE)).as("round " + round).hasSize(1);
		}
	}

	/**
	 * A crash between the claim and the insert leaves a claim without its request: held
	 * for its lease (the request may still be on its way; 10 s here, from
	 * {@code creditdesk.limit-requests.claim-lease}, where the default is a minute), then
	 * taken over. A claim whose request was decided without its release is taken over at
	 * once.
	 */
	@Test
	void aClaimLeftByACrashIsTakenOver() {
		String customer = customer("EUR");
		String lost = new ObjectId().toHexString();
		this.mongo.getCollection(RequestStore.CLAIMS)
			.insertOne(new Document("_id", customer).append("requestId", lost)
				.append("requestedAmount", new org.bson.types.Decimal128(new BigDecimal("50000")))
				.append("currency", "EUR")
				.append("claimedAt", java.util.Date.from(CLOCK.instant().minusSeconds(9))));
		CreditDeskException held = catchRefusal(
				() -> as("sales", "SALES", () -> request(customer, "20000", RequestType.INCREASE)));
		assertThat(held.code()).isEqualTo("REQUEST_ALREADY_OPEN");
		assertThat(held.errors().get(0).message(Locale.ENGLISH)).contains(lost).contains("50,000.00 EUR");
		this.mongo.getCollection(RequestStore.CLAIMS)
			.updateOne(new Document("_id", customer), new Document("$set",
					new Document("claimedAt", java.util.Date.from(CLOCK.instant().minusSeconds(11)))));
		CreditLimitRequest taken = as("sales", "SALES", () -> request(customer, "20000", RequestType.INCREASE));
		assertThat(taken.status()).isEqualTo(RequestStatus.IN_APPROVAL);
		assertThat(claimOf(customer).getString("requestId")).isEqualTo(taken.id());

		// Withdrawn, its release lost: the claim points at a decided request.
		as("sales", "SALES", () -> withdraw(taken));
		this.mongo.getCollection(RequestStore.CLAIMS)
			.insertOne(new Document("_id", customer).append("requestId", taken.id())
				.append("requestedAmount", new org.bson.types.Decimal128(new BigDecimal("20000")))
				.append("currency", "EUR")
				.append("claimedAt", java.util.Date.from(CLOCK.instant())));
		assertThat(as("sales", "SALES", () -> request(customer, "20000", RequestType.INCREASE)).status())
			.isEqualTo(RequestStatus.IN_APPROVAL);
	}

	private Document claimOf(String customer) {
		return this.mongo.getCollection(RequestStore.CLAIMS).find(new Document("_id", customer)).first();
	}

	private static CreditDeskException catchRefusal(Runnable action) {
		try {
			action.run();
		}
		catch (CreditDeskException ex) {
			return ex;
		}
		throw new AssertionError("not refused");
	}

	private String segmentWithHardCap(String amount, String currency) {
		String segment = "CAP_" + SEGMENTS.incrementAndGet();
		hardCap(segment, amount, currency);
		return segment;
	}

	private void hardCap(String segment, String amount, String currency) {
		as("admin", "ADMIN",
				() -> this.creditPolicies.upsert(new UpsertCreditPolicyInput(PolicyLevel.SEGMENT, segment, null,
						new MoneyInput(DecimalInput.of(amount), currency), null, null, null, null, null, null, null,
						null, "Hard cap of " + segment, null)));
	}

	private void usdToEur(String rate) {
		if (this.mongo.getCollection("fx_rates").countDocuments(new Document("base", "USD")) == 0) {
			this.mongo.getCollection("fx_rates")
				.insertOne(new Document("base", "USD").append("quote", "EUR")
					.append("rate", new org.bson.types.Decimal128(new BigDecimal(rate)))
					.append("validOn", java.util.Date.from(Instant.parse("2020-01-01T00:00:00Z"))));
		}
	}

	private Customer setLimit(String customer, String amount, String currency) {
		return this.customers.setCreditLimit(
				new SetCreditLimitInput(customer, DecimalInput.of(amount), currency, null, "Migration", null));
	}

	// ---- helpers ----

	private String customer(String currency) {
		return customer(currency, "SMB");
	}

	private String customer(String currency, String segment) {
		return as("admin", "ADMIN",
				() -> this.customers.create(new CreateCustomerInput(TestCustomers.uniqueRef(), "Limit Test",
						TestCustomers.uniqueGermanTaxId(), "DE", segment, "SILVER", "RETAIL", currency, null,
						LocalDate.parse(TestCustomers.SINCE))))
			.id();
	}

	/**
	 * A new segment with a matrix of its own: the shipped routes, with or without the
	 * next level taking escalated steps.
	 */
	private String segmentWithMatrix(boolean escalatedStepToNextLevel) {
		String segment = "SEG_" + SEGMENTS.incrementAndGet();
		ApprovalMatrix.Definition shipped = ApprovalMatrix.shippedDefault().toDefinition();
		as("admin", "ADMIN", () -> this.matrices.upsert(segment,
				new ApprovalMatrix.Definition(shipped.currency(), shipped.bands(), false, escalatedStepToNextLevel),
				"Escalation policy of " + segment, null));
		return segment;
	}

	private void verified(String customer) {
		as("ana", "CREDIT_ANALYST", () -> this.verifications.recordManual(this.mongo.findById(customer, Customer.class),
				"Register extract checked", "HRB 1"));
	}

	private static void score(String customer, RiskGrade grade) {
		SCORES.put(customer, new CustomerScores.Current(customer, false, grade, 0.01, "test-1", Instant.EPOCH));
	}

	private CreditLimitRequest request(String customer, String amount, RequestType type) {
		Customer c = this.mongo.findById(customer, Customer.class);
		return this.requests
			.request(new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of(amount), c.creditCurrency()),
					type, "More business", null, null, null, null));
	}

	private CreditLimitRequest approve(CreditLimitRequest request, String counterOffer) {
		CounterOfferInput offer = (counterOffer != null)
				? new CounterOfferInput(new MoneyInput(DecimalInput.of(counterOffer), "EUR"), null) : null;
		return this.requests.approve(new ApproveCreditLimitRequestInput(request.id(), "Looks fine", offer));
	}

	private CreditLimitRequest approve(CreditLimitRequest request, String counterOffer, LocalDate counterUntil) {
		return this.requests.approve(new ApproveCreditLimitRequestInput(request.id(), "Looks fine",
				new CounterOfferInput(new MoneyInput(DecimalInput.of(counterOffer), "EUR"), counterUntil)));
	}

	/** A verified customer with an approved temporary limit ending on {@code end}. */
	private String temporaryLimit(String amount, LocalDate end) {
		String customer = customer("EUR");
		verified(customer);
		CreditLimitRequest granted = approveAndComplete("ana", "CREDIT_ANALYST",
				as("sales", "SALES",
						() -> this.requests.request(
								new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of(amount), "EUR"),
										RequestType.TEMPORARY, "Framework contract", end, null, null, null))),
				null);
		assertThat(granted.status()).isEqualTo(RequestStatus.APPROVED);
		assertThat(this.mongo.findById(customer, Customer.class).creditLimit().validUntil()).isEqualTo(end);
		return customer;
	}

	private CreditLimitRequest approveAndComplete(String user, String role, CreditLimitRequest request,
			String counterOffer) {
		return as(user, role, () -> this.application.completeIfPending(approve(request, counterOffer)));
	}

	private CreditLimitRequest withdraw(CreditLimitRequest request) {
		return this.requests.withdraw(new RequestActionInput(request.id(), "Not needed"));
	}

	/** A new segment with a pre-analysis policy of its own: the shipped one, changed. */
	private String segmentWithPolicy(UnaryOperator<PreAnalysisPolicy.Definition> change) {
		String segment = "POL_" + SEGMENTS.incrementAndGet();
		as("admin", "ADMIN", () -> this.policies.upsert(segment, change.apply(PreAnalysisPolicy.DEFAULT.toDefinition()),
				"Policy of " + segment, null));
		return segment;
	}

	private static PreAnalysisPolicy.Definition with(PreAnalysisPolicy.Definition d, boolean verificationRequired,
			List<CheckCode> blocking, BigDecimal maxLimitToRevenue, int bureauReportMaxAgeMonths) {
		return with(d, verificationRequired, blocking, maxLimitToRevenue, bureauReportMaxAgeMonths, false);
	}

	private static PreAnalysisPolicy.Definition with(PreAnalysisPolicy.Definition d, boolean verificationRequired,
			List<CheckCode> blocking, BigDecimal maxLimitToRevenue, int bureauReportMaxAgeMonths,
			boolean bureauReportRequired) {
		BigDecimal warn = d.warnLimitToRevenue().min(maxLimitToRevenue);
		return new PreAnalysisPolicy.Definition(d.straightThroughMax(), d.straightThroughGrades(), d.maxOverdue(),
				d.maxOverdueDays(), warn, maxLimitToRevenue, d.warnAverageDaysBeyondTerms(),
				d.maxAverageDaysBeyondTerms(), d.warnOnTimeRate(), d.minOnTimeRate(), verificationRequired,
				d.warnFromGrade(), d.failFromGrade(), blocking, bureauReportMaxAgeMonths, bureauReportRequired);
	}

	private CreditLimitRequest requestWithRevenue(String customer, String amount, String revenue) {
		return this.requests.request(new RequestCreditLimitInput(customer,
				new MoneyInput(DecimalInput.of(amount), "EUR"), RequestType.INCREASE, "More business", null,
				new MoneyInput(DecimalInput.of(revenue), "EUR"), null, null));
	}

	private List<CreditLimitRequest> requestsOf(String customer, RequestType type) {
		return this.mongo.find(Query.query(Criteria.where("customerId").is(customer).and("type").is(type.name())),
				CreditLimitRequest.class);
	}

	private OrderService.OrderResult order(String customer, String amount) {
		return as("admin", "ADMIN", () -> this.orders.place(
				new PlaceOrderInput(TestCustomers.uniqueRef(), customer, DecimalInput.of(amount), "EUR", null, null)));
	}

	private CreditLimitRequest reload(CreditLimitRequest request) {
		return this.requests.find(request.id()).orElseThrow();
	}

	private List<String> outboxTypes(String requestId) {
		Document document = this.mongo.getCollection(RequestStore.COLLECTION)
			.find(new Document("_id", new ObjectId(requestId)))
			.first();
		assertThat(document).as("request " + requestId).isNotNull();
		List<String> types = new ArrayList<>();
		if (document.getList("outbox", Document.class) != null) {
			document.getList("outbox", Document.class).forEach((event) -> types.add(event.getString("type")));
		}
		return types;
	}

	/** The data of the customer's outbox events of this type. */
	private List<Document> customerOutbox(String customerId, String type) {
		Document document = this.mongo.findById(customerId, Document.class, "customers");
		assertThat(document).as("customer " + customerId).isNotNull();
		List<Document> found = new ArrayList<>();
		for (Document event : document.getList("outbox", Document.class, List.of())) {
			if (type.equals(event.getString("type"))) {
				found.add(Document.parse(event.getString("json")).get("data", Document.class));
			}
		}
		return found;
	}

	/** The data of the request's outbox event of this type (the last one). */
	private Document outboxData(String requestId, String type) {
		Document document = this.mongo.getCollection(RequestStore.COLLECTION)
			.find(new Document("_id", new ObjectId(requestId)))
			.first();
		assertThat(document).as("request " + requestId).isNotNull();
		Document found = null;
		for (Document event : document.getList("outbox", Document.class, List.of())) {
			if (type.equals(event.getString("type"))) {
				found = Document.parse(event.getString("json")).get("data", Document.class);
			}
		}
		assertThat(found).as(type + " of request " + requestId).isNotNull();
		return found;
	}

	private static void assertRefused(Runnable action, RequestErrorCode code) {
		assertRefused(action, code.name());
	}

	private static void assertRefused(Runnable action, String code) {
		assertThatThrownBy(action::run).isInstanceOf(CreditDeskException.class)
			.extracting((ex) -> ((CreditDeskException) ex).code())
			.isEqualTo(code);
	}

}
