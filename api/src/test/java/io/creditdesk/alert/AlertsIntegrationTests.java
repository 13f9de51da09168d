package io.creditdesk.alert;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderService;
import io.creditdesk.policy.CreditPolicyChanged;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.model.RiskGrade;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Alerts on the whole service (embedded store and broker): raised from the ledger's own
 * changes through the credit events topic, once per crossing, resolved when the condition
 * clears, acknowledged by people.
 */
@CreditDeskIntegrationTest
class AlertsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String ALERT_FIELDS = "id type key severity customerId threshold actual message status acknowledgedBy note resolvedAt";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private AlertEvaluator evaluator;

	@Autowired
	private Clock clock;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private AlertSweep sweep;

	@Autowired
	private AlertStore store;

	@Autowired
	private Outbox outbox;

	@Autowired
	private OrderService orders;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CustomerScores scores;

	@LocalServerPort
	private int port;

	@Test
	void thirtyTwoConcurrentOrdersCrossingEightyPercentRaiseOneAlert() throws Exception {
		String customer = customer("10000");
		// 32 orders of 260 (83.2 % together): one of them crosses 80 %.
		concurrently(32, i -> {
			SecurityContextHolder.getContext()
				.setAuthentication(new UsernamePasswordAuthenticationToken("sales", null,
						AuthorityUtils.createAuthorityList("ROLE_SALES")));
			try {
				return this.orders.place(new PlaceOrderInput("x80-" + customer + "-" + i, customer,
						new DecimalInput("260"), "EUR", "API", null));
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		});
		await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).hasSize(1));
		// Every instance evaluating the same crossing at once still raises it once.
		concurrently(32, i -> this.evaluator.evaluate(customer, AlertEvaluator.CUSTOMER_TYPES));
		List<Map<String, Object>> alerts = alerts(customer, "UTILIZATION_THRESHOLD");
		assertThat(alerts).singleElement().satisfies(alert -> {
			assertThat(alert).containsEntry("key", "0.8")
				.containsEntry("severity", "WARNING")
				.containsEntry("threshold", "80 %")
				.containsEntry("status", "OPEN");
			assertThat((String) alert.get("message")).startsWith("Utilization reached 8").contains("80 %");
		});
		// One AlertRaised event, written with the decision, in the state document's
		// outbox or already relayed; and one audit record of the raise.
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.mongo.count(
					Query
						.query(Criteria.where("entityId").is(alerts.get(0).get("id")).and("action").is("ALERT_RAISED")),
					"audit_records"))
				.isEqualTo(1));
	}

	@Test
	void thirtyTwoConcurrentDecisionsOnOneCrossingRaiseItOnce() throws Exception {
		// A customer id no credit event concerns: only these 32 writers decide.
		String customer = "race-" + TestCustomers.uniqueRef();
		Observation at83 = new Observation("EUR", new BigDecimal("0.83"), BigDecimal.ZERO, 0, List.of(), null,
				LocalDate.now(ZoneOffset.UTC), null, null, null, null);
		List<List<Alert>> decided = concurrently(32,
				i -> this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null, state -> AlertStore.Decision
					.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at83))));
		assertThat(decided.stream().flatMap(List::stream)).singleElement()
			.satisfies(alert -> assertThat(alert.key()).isEqualTo("0.8"));
		assertThat(this.mongo.count(Query.query(Criteria.where("customerId").is(customer)), Alert.class)).isOne();
	}

	@Test
	void aDecisionFromStatesReadBeforeAnotherWriterChangedThemReadsAgainAndRaisesOnce() {
		String customer = "stale-" + TestCustomers.uniqueRef();
		Observation at83 = new Observation("EUR", new BigDecimal("0.83"), BigDecimal.ZERO, 0, List.of(), null,
				LocalDate.now(ZoneOffset.UTC), null, null, null, null);
		Observation at50 = new Observation("EUR", new BigDecimal("0.50"), BigDecimal.ZERO, 0, List.of(), null,
				LocalDate.now(ZoneOffset.UTC), null, null, null, null);
		// Figures that raise nothing store nothing: no state of either type.
		assertThat(this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null,
				state -> AlertStore.Decision.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at50))))
			.isEmpty();
		assertThat(this.store.decide(customer, AlertType.OVERDUE, null,
				state -> AlertStore.Decision.of(AlertRules.overdue(AlertPolicy.DEFAULT, state.raisedKeys(), at50))))
			.isEmpty();
		Set<AlertType> types = Set.of(AlertType.UTILIZATION_THRESHOLD, AlertType.OVERDUE, AlertType.LIMIT_EXPIRING);
		assertThat(this.store.states(customer, types)).isEmpty();
		// A raise and its resolve leave a state with nothing raised.
		assertThat(this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null,
				state -> AlertStore.Decision.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at83))))
			.singleElement()
			.satisfies(alert -> assertThat(alert.key()).isEqualTo("0.8"));
		assertThat(this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null,
				state -> AlertStore.Decision.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at50))))
			.singleElement()
			.satisfies(alert -> assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED));
		// Read in one go, as an evaluation does; then another writer decides the 80 %
		// crossing again.
		Map<AlertType, AlertState> read = this.store.states(customer, types);
		assertThat(read).containsOnlyKeys(AlertType.UTILIZATION_THRESHOLD);
		assertThat(read.get(AlertType.UTILIZATION_THRESHOLD).raisedKeys()).isEmpty();
		assertThat(this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null,
				state -> AlertStore.Decision.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at83))))
			.singleElement()
			.satisfies(alert -> assertThat(alert.key()).isEqualTo("0.8"));
		// The decision from the stale reading loses the conditional update, reads again
		// and finds the crossing decided.
		assertThat(this.store.decide(customer, AlertType.UTILIZATION_THRESHOLD, null,
				read.get(AlertType.UTILIZATION_THRESHOLD),
				state -> AlertStore.Decision.of(AlertRules.utilization(AlertPolicy.DEFAULT, state.raisedKeys(), at83))))
			.isEmpty();
		assertThat(this.mongo.count(
				Query.query(Criteria.where("customerId").is(customer).and("status").is(AlertStatus.OPEN.name())),
				Alert.class))
			.isOne();
	}

	@Test
	void anExposureSnapshotAnEvaluationBegunAfterItSawIsSkippedAndALaterChangeStillRaises() {
		String customer = customer("10000");
		place(customer, "fr1-" + customer, "5000");
		awaitQuiet(customer);
		Instant stamped = this.clock.instant();
		await().atMost(WAIT).until(() -> this.clock.instant().isAfter(stamped.plus(FiguresRead.MARGIN)));
		this.evaluator.evaluate(customer, AlertEvaluator.EXPOSURE_TYPES);
		// A snapshot stamped before that evaluation began (a reader that fell behind):
		// seen, skipped, counted.
		double skipped = this.meters.counter("creditdesk.alerts.evaluations.skipped").count();
		assertThat(this.evaluator.onCreditEvent(new CreditEvent("late-" + customer, CreditEventType.EXPOSURE_CHANGED,
				customer, stamped, Map.of(), "{}")))
			.isEmpty();
		assertThat(this.meters.counter("creditdesk.alerts.evaluations.skipped").count())
			.isGreaterThanOrEqualTo(skipped + 1);
		// A change made after it: its snapshot is stamped later, evaluated, and raises.
		place(customer, "fr2-" + customer, "3300");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).singleElement()
				.satisfies(alert -> assertThat(alert).containsEntry("key", "0.8")));
	}

	@Test
	void utilizationMovingEightyOneEightyThreeSeventyNineEightyTwoRaisesOnceAndTwiceOnlyAfterTheMargin() {
		String customer = customer("10000");
		place(customer, "h-" + customer, "8100");
		// The limit moves utilization: 81 %, 83 %, 79 %, 82 % (exposure 8,100).
		for (String limit : List.of("10000", "9759", "10253", "9878")) {
			TestCustomers.setLimit(as("admin"), customer, limit);
			this.evaluator.evaluate(customer, AlertEvaluator.CUSTOMER_TYPES);
		}
		awaitQuiet(customer);
		assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("status", "OPEN"));
		// 74 % re-arms (and resolves) it; 82 % raises it a second time.
		TestCustomers.setLimit(as("admin"), customer, "10946");
		this.evaluator.evaluate(customer, AlertEvaluator.CUSTOMER_TYPES);
		TestCustomers.setLimit(as("admin"), customer, "9878");
		this.evaluator.evaluate(customer, AlertEvaluator.CUSTOMER_TYPES);
		awaitQuiet(customer);
		List<Map<String, Object>> alerts = alerts(customer, "UTILIZATION_THRESHOLD");
		assertThat(alerts).extracting(a -> a.get("status")).containsExactly("OPEN", "RESOLVED");
	}

	@Test
	void overdueInvoicesRaiseAndResolveWhenPaid() {
		String customer = customer("10000");
		LocalDate invoiceDate = LocalDate.now(ZoneOffset.UTC).minusDays(90);
		as("admin").document(
				"mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { userErrors { code message } } }")
			.variable("input",
					Map.of("invoiceId", "od-" + customer, "customerId", customer, "amount", "500", "currency", "EUR",
							"invoiceDate", invoiceDate.toString(), "overrideCredit", true, "reason", "test"))
			.execute()
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "OVERDUE")).extracting(a -> a.get("key"))
				.contains("invoice:od-" + customer, "age"));
		as("admin")
			.document("mutation { recordPayment(input: {paymentId: \"p-" + customer + "\", invoiceId: \"od-" + customer
					+ "\", amount: \"500\"}) { userErrors { code message } } }")
			.execute()
			.path("recordPayment.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "OVERDUE")).isNotEmpty()
				.allSatisfy(alert -> assertThat(alert).containsEntry("status", "RESOLVED")));
	}

	@Test
	void aLimitAboutToExpireRaisesAndItsRenewalResolves() {
		String customer = customer("10000");
		TestCustomers.setLimit(as("admin"), customer, "10000", LocalDate.now(ZoneOffset.UTC).plusDays(10).toString());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "LIMIT_EXPIRING")).singleElement()
				.satisfies(alert -> assertThat(alert).containsEntry("status", "OPEN")
					.containsEntry("severity", "WARNING")));
		TestCustomers.setLimit(as("admin"), customer, "10000", LocalDate.now(ZoneOffset.UTC).plusYears(1).toString());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "LIMIT_EXPIRING")).singleElement()
				.satisfies(alert -> assertThat(alert).containsEntry("status", "RESOLVED")));
	}

	@Test
	void anAppliedExternalRiskEventRaisesOneAlertUntilTheFlagsAreCleared() {
		String customer = customer("10000");
		as("analyst")
			.document("mutation { raiseRiskFlag(input: {customerId: \"" + customer
					+ "\", type: BUREAU, reason: \"insolvency\", source: \"bureau\"}) { userErrors { code } } }")
			.execute()
			.path("raiseRiskFlag.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		// What the external risk events capability writes with the changes it applies.
		Outbox.Event applied = this.outbox.event(CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, customer,
				Map.of("customerId", customer, "eventId", "ext-" + customer, "source", "creditsafe", "eventType",
						"INSOLVENCY_FILING", "oldValue", "B", "newValue", "E", "occurredAt", "2026-12-01T00:00:00Z",
						"actions", List.of("RAISE_FLAG", "ALERT")));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)), Outbox.push(new Update(), applied),
				"customers");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "BUREAU_EVENT")).singleElement()
				.satisfies(alert -> assertThat(alert).containsEntry("key", "event:ext-" + customer)
					.containsEntry("severity", "CRITICAL")
					.containsEntry("status", "OPEN")));
		// Delivered again (same event id): nothing more.
		this.evaluator.onCreditEvent(CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, customer, applied.eventId(),
				Map.of("eventId", "ext-" + customer, "eventType", "INSOLVENCY_FILING"));
		assertThat(alerts(customer, "BUREAU_EVENT")).hasSize(1);
		as("manager")
			.document("mutation { clearRiskFlag(input: {customerId: \"" + customer
					+ "\", type: BUREAU, reason: \"resolved\"}) { userErrors { code } } }")
			.execute()
			.path("clearRiskFlag.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "BUREAU_EVENT")).singleElement()
				.satisfies(alert -> assertThat(alert).containsEntry("status", "RESOLVED")));
		// A redelivery after the resolution raises nothing again.
		this.evaluator.onCreditEvent(CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, customer, applied.eventId(),
				Map.of("eventId", "ext-" + customer, "eventType", "INSOLVENCY_FILING"));
		assertThat(alerts(customer, "BUREAU_EVENT")).hasSize(1);
	}

	@Test
	void anExternalRiskEventWhosePolicyWantsNoAlertRaisesNone() {
		String customer = customer("10000");
		this.evaluator.onCreditEvent(CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, customer, "upgrade-" + customer,
				Map.of("customerId", customer, "eventId", "up-" + customer, "source", "creditsafe", "eventType",
						"RATING_UPGRADE", "actions", List.of()));
		assertThat(alerts(customer, "BUREAU_EVENT")).isEmpty();
	}

	@Test
	void aBreachedRequestStepRaisesOnceAndItsDecisionResolves() {
		String customer = customer("10000");
		Map<String, Object> escalated = Map.of("requestId", "r-" + customer, "status", "IN_APPROVAL", "step", 1, "role",
				"CREDIT_MANAGER", "dueAt", "2026-12-01T12:00:00Z", "notifiedRole", "CFO");
		this.evaluator.onCreditEvent(CreditEventType.CREDIT_LIMIT_REQUEST_ESCALATED, customer, "esc-1-" + customer,
				escalated);
		this.evaluator.onCreditEvent(CreditEventType.CREDIT_LIMIT_REQUEST_ESCALATED, customer, "esc-2-" + customer,
				escalated);
		assertThat(alerts(customer, "REQUEST_SLA_BREACHED")).singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("key", "request:r-" + customer + ":1")
				.containsEntry("status", "OPEN"));
		this.evaluator.onCreditEvent(CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED, customer, "dec-" + customer,
				Map.of("requestId", "r-" + customer, "step", 1, "outcome", "APPROVED"));
		assertThat(alerts(customer, "REQUEST_SLA_BREACHED")).singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("status", "RESOLVED"));
	}

	@Test
	void aDeterioratedScoreIsRaisedAgainstTheFirstScoreSeenAndResolvesWhenItRecovers() {
		String customer = customer("10000");
		Observation base = new Observation("EUR", BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), null,
				LocalDate.now(ZoneOffset.UTC), null, null, null, null);
		// The first score becomes the reference: nothing to raise.
		assertThat(this.evaluator.scoreDeteriorated(customer, AlertPolicy.DEFAULT, base, score(customer, "B", 0.06)))
			.isEmpty();
		assertThat(this.evaluator.scoreDeteriorated(customer, AlertPolicy.DEFAULT, base, score(customer, "C", 0.12)))
			.extracting(Alert::key)
			.containsExactly("grade", "pd");
		// The same score again raises nothing more.
		assertThat(this.evaluator.scoreDeteriorated(customer, AlertPolicy.DEFAULT, base, score(customer, "C", 0.12)))
			.isEmpty();
		assertThat(this.evaluator.scoreDeteriorated(customer, AlertPolicy.DEFAULT, base, score(customer, "B", 0.07)))
			.extracting(Alert::status)
			.containsOnly(AlertStatus.RESOLVED)
			.hasSize(2);
		assertThat(alerts(customer, "SCORE_DETERIORATED")).extracting(a -> a.get("status"))
			.containsOnly("RESOLVED")
			.hasSize(2);
	}

	@Test
	void theDailySweepRaisesADeterioratedChampionScore() {
		String customer = customer("30000");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String ref = TestCustomers.uniqueRef();
		// Twelve months of invoices, paid on time: enough history for the champion.
		for (int m = 11; m >= 0; m--) {
			LocalDate date = (m == 0) ? today : today.minusMonths(m).withDayOfMonth(1 + (m * 7) % 27);
			String invoiceId = ref + "-" + m;
			Map<String, Object> invoice = Map.of("invoiceId", invoiceId, "customerId", customer, "amount", "1000.00",
					"currency", "EUR", "invoiceDate", date.toString());
			as("integration").document(
					"mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { userErrors { code message } } }")
				.variable("input", invoice)
				.execute()
				.path("issueInvoice.userErrors")
				.entityList(Object.class)
				.hasSize(0);
			if (m > 1) {
				Map<String, Object> payment = Map.of("paymentId", invoiceId + "-P", "invoiceId", invoiceId, "amount",
						"1000.00", "paymentDate", date.plusDays(10).toString());
				as("integration").document(
						"mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { userErrors { code message } } }")
					.variable("input", payment)
					.execute()
					.path("recordPayment.userErrors")
					.entityList(Object.class)
					.hasSize(0);
			}
		}
		// Scored by the champion from its whole ledger (the debounced refresh after the
		// last payment; a refresh between two slow requests scores part of it: open
		// invoices without their payments).
		Instant written = this.clock.instant();
		await().atMost(WAIT)
			.until(() -> this.scores.current(customer)
				.filter(score -> !score.insufficientHistory() && score.grade() != null
						&& score.scoredAt().isAfter(written))
				.isPresent());
		CustomerScores.Current first = this.scores.current(customer).orElseThrow();
		assertThat(first.grade()).as("a good payer's grade can still worsen").isNotEqualTo(RiskGrade.E);
		// The first sweep takes the score as the reference: nothing raised.
		assertThat(this.sweep.sweep())
			.noneMatch(a -> customer.equals(a.customerId()) && a.type() == AlertType.SCORE_DETERIORATED);
		assertThat(alerts(customer, "SCORE_DETERIORATED")).isEmpty();
		// The score document changes (as a rescore with a new champion would write it):
		// grade E, PD 30 points up; the next sweep raises both conditions.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
				new Update().set("champion.grade", RiskGrade.E.name())
					.set("champion.probabilityOfDefault", first.probabilityOfDefault() + 0.30),
				"customer_scores");
		assertThat(this.sweep.sweep())
			.filteredOn(a -> customer.equals(a.customerId()) && a.type() == AlertType.SCORE_DETERIORATED)
			.extracting(Alert::type, Alert::key, Alert::status)
			.containsExactlyInAnyOrder(tuple(AlertType.SCORE_DETERIORATED, "grade", AlertStatus.OPEN),
					tuple(AlertType.SCORE_DETERIORATED, "pd", AlertStatus.OPEN));
		assertThat(alerts(customer, "SCORE_DETERIORATED")).filteredOn(a -> "grade".equals(a.get("key")))
			.singleElement()
			.satisfies(alert -> {
				assertThat(alert).containsEntry("severity", "CRITICAL")
					.containsEntry("threshold", first.grade().name())
					.containsEntry("actual", "E");
				assertThat((String) alert.get("message"))
					.isEqualTo("The risk grade worsened from " + first.grade().name() + " to E.");
			});
	}

	private static CustomerScores.Current score(String customer, String grade, double pd) {
		return new CustomerScores.Current(customer, false, RiskGrade.valueOf(grade), pd, "test", Instant.now());
	}

	@Test
	void twoSweepsAtOnceRaiseDriftOnceAndALaterSweepResolvesIt() throws Exception {
		this.mongo.insert(new Document("computedAt", new Date()).append("model", "test")
			.append("version", "1")
			.append("customers", 10)
			.append("psi", 0.41)
			.append("flagged", true), "model_drift");
		List<List<Alert>> sweeps = concurrently(2, i -> this.sweep.sweep());
		assertThat(sweeps.stream().flatMap(List::stream).filter(a -> a.type() == AlertType.MODEL_DRIFT)).singleElement()
			.satisfies(alert -> assertThat(alert.actual()).isEqualTo("0.410"));
		assertThat(driftAlerts()).extracting(a -> a.get("status")).containsExactly("OPEN");
		this.mongo
			.insert(new Document("computedAt", new Date(System.currentTimeMillis() + 1000)).append("model", "test")
				.append("version", "1")
				.append("customers", 10)
				.append("psi", 0.05)
				.append("flagged", false), "model_drift");
		this.sweep.sweep();
		assertThat(driftAlerts()).extracting(a -> a.get("status")).containsExactly("RESOLVED");
	}

	@Test
	void anAnalystAcknowledgesAnOpenAlertWithANoteOnce() {
		String customer = customer("1000");
		place(customer, "ack-" + customer, "900");
		await().atMost(WAIT).untilAsserted(() -> assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).isNotEmpty());
		String alertId = (String) alerts(customer, "UTILIZATION_THRESHOLD").get(0).get("id");
		GraphQlTester.Response ack = acknowledge("analyst", alertId, "called the customer");
		ack.path("acknowledgeAlert.userErrors").entityList(Object.class).hasSize(0);
		ack.path("acknowledgeAlert.alert.status").entity(String.class).isEqualTo("ACKNOWLEDGED");
		ack.path("acknowledgeAlert.alert.acknowledgedBy").entity(String.class).isEqualTo("analyst");
		ack.path("acknowledgeAlert.alert.note").entity(String.class).isEqualTo("called the customer");
		acknowledge("manager", alertId, "again").path("acknowledgeAlert.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("ALERT_NOT_OPEN");
		acknowledge("manager", "0123456789abcdef01234567", null).path("acknowledgeAlert.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("ALERT_NOT_FOUND");
		assertThat(this.mongo.count(
				Query.query(Criteria.where("entityId").is(alertId).and("action").is("ALERT_ACKNOWLEDGED")),
				"audit_records"))
			.isEqualTo(1);
		// The customer's own alerts list them too, for credit staff only.
		as("manager")
			.document(
					"{ customer(id: \"" + customer + "\") { alerts(status: ACKNOWLEDGED) { edges { node { id } } } } }")
			.execute()
			.path("customer.alerts.edges[0].node.id")
			.entity(String.class)
			.isEqualTo(alertId);
		GraphQlTester.Response sales = as("sales")
			.document("{ customer(id: \"" + customer + "\") { name alerts { edges { node { id } } } } }")
			.execute();
		sales.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
		sales.path("customer.alerts").valueIsNull();
	}

	@Test
	void aSalespersonReadsTheAlertsOfTheCustomersItOwnsOnly() {
		String own = customer("1000");
		String other = customer("1000");
		assign(own, "sales");
		assign(other, "manager");
		place(own, "ALERT-OWN-" + TestCustomers.uniqueRef(), "900");
		place(other, "ALERT-OTHER-" + TestCustomers.uniqueRef(), "900");
		awaitQuiet(own);
		awaitQuiet(other);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					alerts(own, "UTILIZATION_THRESHOLD").size() + alerts(other, "UTILIZATION_THRESHOLD").size())
				.isEqualTo(2));
		List<String> listed = as("sales")
			.document("{ alerts(filter: {type: UTILIZATION_THRESHOLD}, first: 200) { edges { node { customerId } } } }")
			.execute()
			.path("alerts.edges[*].node.customerId")
			.entityList(String.class)
			.get();
		assertThat(listed).contains(own).doesNotContain(other);
		as("sales").document("{ alerts(filter: {customerId: \"" + other + "\"}) { edges { node { id } } } }")
			.execute()
			.path("alerts.edges")
			.entityList(Object.class)
			.hasSize(0);
		as("sales").document("{ customer(id: \"" + own + "\") { alerts { edges { node { customerId type } } } } }")
			.execute()
			.path("customer.alerts.edges[0].node.customerId")
			.entity(String.class)
			.isEqualTo(own);
		GraphQlTester.Response notOwned = as("sales")
			.document("{ customer(id: \"" + other + "\") { name alerts { edges { node { id } } } } }")
			.execute();
		notOwned.errors().expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code"))).verify();
		notOwned.path("customer.alerts").valueIsNull();
		// The count over all pages, as each reader may see them.
		String count = "{ alerts(filter: {customerId: \"%s\", type: UTILIZATION_THRESHOLD}, first: 0) { totalCount edges { node { id } } } }";
		as("sales").document(count.formatted(own))
			.execute()
			.path("alerts.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
		as("sales").document(count.formatted(other))
			.execute()
			.path("alerts.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
		as("analyst").document("{ customer(id: \"" + other + "\") { alerts { totalCount } } }")
			.execute()
			.path("customer.alerts.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
		as("analyst").document(count.formatted(other))
			.execute()
			.path("alerts.edges")
			.entityList(Object.class)
			.hasSize(0);
	}

	private void assign(String customer, String salesOwner) {
		as("manager")
			.document(
					"mutation($input: AssignCustomerInput!) { assignCustomer(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("customerId", customer, "salesOwner", salesOwner))
			.execute()
			.path("assignCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Autowired
	private ApplicationEventMulticaster multicaster;

	/**
	 * The re-evaluation after a policy change reads the effective policy through the
	 * credit check's cache, on its own thread: the cache must have forgotten the old
	 * policy before that thread is handed the change, whatever order the listeners were
	 * registered in (before, the alerts' listener came first, and an evaluation that ran
	 * at once raised on the old thresholds).
	 */
	@Test
	void theCacheForgetsAChangedPolicyBeforeTheAlertsAreHandedTheChange() {
		CreditPolicyChanged changed = new CreditPolicyChanged(PolicyLevel.SEGMENT, "ANY");
		Collection<ApplicationListener<?>> listeners = ReflectionTestUtils.invokeMethod(this.multicaster,
				"getApplicationListeners", new PayloadApplicationEvent<>(this, changed),
				ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, CreditPolicyChanged.class));
		List<String> names = listeners.stream().map(Object::toString).toList();
		int forget = indexOf(names, "AccountContexts.onPolicyChanged");
		int reEvaluate = indexOf(names, "PolicyChanges.onPolicyChanged");
		assertThat(forget).as(names.toString()).isNotNegative().isLessThan(reEvaluate);
	}

	private static int indexOf(List<String> names, String listener) {
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).contains(listener)) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void aChangedPolicyReEvaluatesItsCustomers() {
		String segment = "ALERTS_" + TestCustomers.uniqueRef().replace("-", "_");
		String customer = TestCustomers.create(as("admin"), segment, "SILVER", "RETAIL", "EUR");
		TestCustomers.setLimit(as("admin"), customer, "10000");
		place(customer, "pol-" + customer, "7500");
		awaitQuiet(customer);
		assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).isEmpty();
		as("cfo").document(
				"mutation($input: UpsertCreditPolicyInput!) { upsertCreditPolicy(input: $input) { userErrors { code message } } }")
			.variable("input",
					Map.of("level", "SEGMENT", "code", segment, "reason", "earlier warning", "alertThresholds",
							List.of(0.5, 0.7)))
			.execute()
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "UTILIZATION_THRESHOLD")).extracting(a -> a.get("key"))
				.containsExactlyInAnyOrder("0.5", "0.7"));
		// Back to the defaults: the thresholds the policy no longer has resolve.
		as("cfo").document(
				"mutation($input: UpsertCreditPolicyInput!) { upsertCreditPolicy(input: $input) { userErrors { code message } } }")
			.variable("input", Map.of("level", "SEGMENT", "code", segment, "reason", "back"))
			.execute()
			.path("upsertCreditPolicy.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alerts(customer, "UTILIZATION_THRESHOLD"))
				.allSatisfy(alert -> assertThat(alert).containsEntry("status", "RESOLVED"))
				.hasSize(2));
	}

	@Test
	void subscribersHearOfAnAlertRaisedOnAnyInstance() {
		String customer = customer("10000");
		WebSocketGraphQlTester socket = socket("analyst");
		Flux<Map> raised = socket
			.document("subscription { alertRaised(filter: {customerId: \"" + customer
					+ "\"}) { type key severity status customerId message } }")
			.executeSubscription()
			.toFlux("alertRaised", Map.class);
		StepVerifier.create(raised)
			.thenAwait(Duration.ofSeconds(1))
			.then(() -> place(customer, "sub-" + customer, "8500"))
			.expectNextMatches(
					alert -> "UTILIZATION_THRESHOLD".equals(alert.get("type")) && "0.8".equals(alert.get("key"))
							&& "OPEN".equals(alert.get("status")) && customer.equals(alert.get("customerId")))
			.thenCancel()
			.verify(WAIT);
		socket.stop().block(Duration.ofSeconds(5));
		WebSocketGraphQlTester sales = socket("sales");
		StepVerifier
			.create(sales.document("subscription { alertRaised { id } }")
				.executeSubscription()
				.toFlux("alertRaised", Map.class))
			.expectError()
			.verify(WAIT);
		sales.stop().block(Duration.ofSeconds(5));
	}

	private WebSocketGraphQlTester socket(String user) {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
			.headers(h -> h.setBasicAuth(user, "demo"))
			.build();
	}

	/**
	 * A tester signed in as {@code user}, patient with a busy machine (the HTTP client
	 * waits 30 s, not 5).
	 */
	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	private GraphQlTester.Response acknowledge(String user, String alertId, String note) {
		Map<String, Object> input = new HashMap<>();
		input.put("alertId", alertId);
		input.put("note", note);
		return as(user)
			.document("mutation($input: AcknowledgeAlertInput!) { acknowledgeAlert(input: $input) { alert { "
					+ ALERT_FIELDS + " } userErrors { code message } } }")
			.variable("input", input)
			.execute();
	}

	private List<Map<String, Object>> alerts(String customer, String type) {
		return as("analyst")
			.document("{ alerts(filter: {customerId: \"" + customer + "\", type: " + type
					+ "}, first: 50) { edges { node { " + ALERT_FIELDS + " } } } }")
			.execute()
			.path("alerts.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	private List<Map<String, Object>> driftAlerts() {
		return as("analyst")
			.document("{ alerts(filter: {type: MODEL_DRIFT}, first: 50) { edges { node { " + ALERT_FIELDS + " } } } }")
			.execute()
			.path("alerts.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

	/**
	 * Waits until the events of the customer's last change have been evaluated: its
	 * outboxes are empty and the consumer had a moment.
	 */
	private void awaitQuiet(String customer) {
		await().atMost(WAIT)
			.until(() -> this.mongo.count(
					Query.query(Criteria.where("_id").is(customer).and(Outbox.SINCE).exists(true)), "customers") == 0);
		this.evaluator.evaluate(customer, AlertEvaluator.CUSTOMER_TYPES);
	}

	private String customer(String limit) {
		HttpGraphQlTester admin = as("admin");
		String id = TestCustomers.create(admin, "ALERTS_" + TestCustomers.uniqueRef().replace("-", "_"), "SILVER",
				"RETAIL", "EUR");
		TestCustomers.setLimit(admin, id, limit);
		return id;
	}

	private void place(String customer, String orderId, String amount) {
		as("sales")
			.document("mutation { placeOrder(input: {orderId: \"" + orderId + "\", customerId: \"" + customer
					+ "\", amount: \"" + amount + "\", currency: \"EUR\"}) { userErrors { code message } } }")
			.execute()
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	interface Task<T> {

		T run(int index) throws Exception;

	}

	private static <T> List<T> concurrently(int threads, Task<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int index = t;
			Callable<T> call = () -> {
				start.await();
				return task.run(index);
			};
			futures.add(pool.submit(call));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		pool.shutdown();
		return results;
	}

}
