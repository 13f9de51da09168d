package io.creditdesk.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;
import io.creditdesk.intake.IntakeChannel;
import io.creditdesk.intake.IntakeFailure;
import io.creditdesk.intake.IntakeFailureStatus;
import io.creditdesk.ledger.Order;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * Every audited change of the service, with the process "crashing" between the change and
 * the move of its audit record (the move throws, so nothing after it runs either): the
 * change is committed with its record in its own document, never without it, and the
 * mover then puts the record in the trail, once. The scheduled mover is held back so that
 * the test sees the state the crash left.
 */
@CreditDeskIntegrationTest
// This class has a context of its own (the spy) anyway: a request may also wait longer
// than the HTTP test client's default 5 s on a machine busy with other builds.
@TestPropertySource(properties = { "creditdesk.audit.mover-interval=1h", "spring.test.webtestclient.timeout=30s" })
class AuditOutboxCrashIntegrationTests {

	/**
	 * Which documents' moves fail now (null: none). The spy is stubbed once for the
	 * context and never reset: stubbing a spy while another thread calls it (the alerts
	 * reader settles its records too) confuses Mockito's stubbing of the two calls.
	 */
	private static final AtomicReference<Predicate<Class<?>>> CRASHING = new AtomicReference<>();

	@MockitoSpyBean(reset = MockReset.NONE)
	private AuditLog audit;

	@Autowired
	private AuditOutboxMover mover;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private HttpGraphQlTester graphQl;

	// ---- customers ----

	@BeforeEach
	void crashHook() {
		if (Mockito.mockingDetails(this.audit).getStubbings().isEmpty()) {
			doAnswer(invocation -> {
				Predicate<Class<?>> crashing = CRASHING.get();
				if (crashing != null && crashing.test(invocation.getArgument(0))) {
					throw new IllegalStateException("crashed between the change and the move");
				}
				return invocation.callRealMethod();
			}).when(this.audit).settle(any(), any(), any());
		}
	}

	@Test
	void aNewCustomerIsInsertedWithItsCreationRecord() {
		String ref = TestCustomers.uniqueRef();
		crashingAfterTheChange(null,
				() -> as("admin").documentName("createCustomer")
					.variable("input",
							Map.of("externalRef", ref, "name", "Crash GmbH", "taxId", TestCustomers.uniqueGermanTaxId(),
									"countryCode", "DE", "segment", "CRASH", "tier", "GOLD", "industry", "RETAIL",
									"creditCurrency", "EUR"))
					.execute());
		Document customer = this.mongo.getCollection("customers").find(new Document("externalRef", ref)).first();
		assertThat(customer).isNotNull();

		List<Document> waiting = waitingIn("customers", customer.get("_id"), "CUSTOMER_CREATED");
		movedToTheTrail("customers", customer.get("_id"), waiting);
	}

	@Test
	void aLimitChangeCommittedJustBeforeACrashKeepsItsRecord() {
		String id = customer();
		crashingAfterTheChange(null, () -> mutate("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", "5000", "reason", "Annual review")));
		assertThat(this.mongo.findById(id, Customer.class).creditLimit().amount())
			.isEqualTo(Money.of("5000.00", "EUR"));

		List<Document> waiting = waitingIn("customers", new ObjectId(id), "CREDIT_LIMIT_SET");
		movedToTheTrail("customers", new ObjectId(id), waiting);
	}

	// ---- policies and rates: a second change must not drop the first one's waiting
	// record ----

	@Test
	void aPolicyKeepsTheRecordsOfItsInsertAndOfItsUpdate() {
		String segment = "CRASH_" + TestCustomers.uniqueRef().replace("-", "_");
		for (String cap : List.of("100000", "200000")) {
			crashingAfterTheChange(null,
					() -> mutate("cfo", "upsertCreditPolicy", "UpsertCreditPolicyInput",
							Map.of("level", "SEGMENT", "code", segment, "hardCap",
									Map.of("amount", cap, "currency", "EUR"), "reason", "cap " + cap)));
		}
		String id = "SEGMENT:" + segment;
		assertThat(this.mongo.getCollection("credit_policies").find(new Document("_id", id)).first())
			.containsEntry("version", 2L);

		List<Document> waiting = waitingIn("credit_policies", id, "POLICY_UPSERTED", "POLICY_UPSERTED");
		movedToTheTrail("credit_policies", id, waiting);
	}

	@Test
	void aRateSetTwiceKeepsBothRecords() {
		LocalDate day = LocalDate.of(2001, 1, 1).plusDays(UUID.randomUUID().hashCode() & 0xfff);
		for (String rate : List.of("160.1", "160.2")) {
			crashingAfterTheChange(null, () -> mutate("cfo", "setFxRate", "SetFxRateInput", Map.of("base", "CHF",
					"quote", "JPY", "rate", rate, "validOn", day.toString(), "reason", "fixing")));
		}
		String id = "CHF:JPY:" + day;
		assertThat(this.mongo.getCollection("fx_rates").find(new Document("_id", id)).first().get("rate"))
			.isEqualTo(new Decimal128(new BigDecimal("160.2")));

		List<Document> waiting = waitingIn("fx_rates", id, "FX_RATE_SET", "FX_RATE_SET");
		movedToTheTrail("fx_rates", id, waiting);
	}

	// ---- ledger ----

	@Test
	void securitiesAndGroupLimitsKeepTheirRecords() {
		String id = activeCustomer("10000");
		crashingAfterTheChange(null,
				() -> mutate("cfo", "addCreditSecurity", "AddCreditSecurityInput",
						Map.of("customerId", id, "type", "GUARANTEE", "reference", "G-1", "amount",
								Map.of("amount", "1000", "currency", "EUR"), "reason", "guarantee")));
		Object security = this.mongo.getCollection("credit_securities")
			.find(new Document("customerId", id))
			.first()
			.get("_id");
		crashingAfterTheChange(null, () -> mutate("cfo", "releaseCreditSecurity", "ReleaseCreditSecurityInput",
				Map.of("securityId", security.toString(), "reason", "expired")));
		crashingAfterTheChange(null, () -> mutate("cfo", "setGroupCreditLimit", "SetGroupCreditLimitInput",
				Map.of("parentId", id, "amount", "50000", "reason", "group")));

		List<Document> securityRecords = waitingIn("credit_securities", security, "CREDIT_SECURITY_ADDED",
				"CREDIT_SECURITY_RELEASED");
		List<Document> groupRecord = waitingIn("customers", new ObjectId(id), "GROUP_LIMIT_SET");
		movedToTheTrail("credit_securities", security, securityRecords);
		movedToTheTrail("customers", new ObjectId(id), groupRecord);
	}

	@Test
	void everyChangeOfAnOrderKeepsItsRecord() {
		String id = activeCustomer("10000");
		String order = "CRASH-" + UUID.randomUUID();
		place(order, id, "1000");
		crashingAfterTheChange(null, () -> mutate("admin", "amendOrder", "AmendOrderInput",
				Map.of("orderId", order, "amount", "1500", "reason", "more")));
		crashingAfterTheChange(null,
				() -> mutate("admin", "cancelOrder", "CancelOrderInput", Map.of("orderId", order, "reason", "stop")));
		crashingAfterTheChange(null,
				() -> mutate("admin", "reopenOrder", "ReopenOrderInput", Map.of("orderId", order, "reason", "go")));

		List<Document> waiting = waitingIn("orders", order, "ORDER_AMENDMENT_APPROVED", "ORDER_CANCELLED",
				"ORDER_REOPENED");
		movedToTheTrail("orders", order, waiting);
	}

	@Test
	void financeDecisionsOnHeldOrdersKeepTheirRecords() {
		String id = activeCustomer("1000");
		String rejected = "CRASH-" + UUID.randomUUID();
		String released = "CRASH-" + UUID.randomUUID();
		place(rejected, id, "5000");
		place(released, id, "5000");
		crashingAfterTheChange(null, () -> mutate("manager", "rejectOrder", "RejectOrderInput",
				Map.of("orderId", rejected, "reason", "no")));
		crashingAfterTheChange(null, () -> mutate("manager", "releaseOrder", "ReleaseOrderInput",
				Map.of("orderId", released, "reason", "known customer", "overrideLimit", true)));

		List<Document> rejection = waitingIn("orders", rejected, "ORDER_REJECTED");
		List<Document> release = waitingIn("orders", released, "ORDER_RELEASED_WITH_OVERRIDE");
		movedToTheTrail("orders", rejected, rejection);
		movedToTheTrail("orders", released, release);
	}

	@Test
	void anAutomaticReleaseKeepsItsRecord() {
		String id = activeCustomer("1000");
		String held = "CRASH-" + UUID.randomUUID();
		place(held, id, "1500");
		// Only the order's move fails: the limit change itself completes and frees the
		// credit.
		crashingAfterTheChange(Order.class, () -> mutate("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", "5000", "reason", "raise")));
		assertThat(this.mongo.getCollection("orders").find(new Document("_id", held)).first()).containsEntry("status",
				"OPEN");

		List<Document> waiting = waitingIn("orders", held, "ORDER_AUTO_RELEASED");
		movedToTheTrail("orders", held, waiting);
	}

	@Test
	void anInvoiceKeepsTheRecordsOfItsIssueAndOfItsPayment() {
		String id = activeCustomer("10000");
		String invoice = "INV-" + UUID.randomUUID();
		crashingAfterTheChange(null, () -> mutate("admin", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", invoice, "customerId", id, "amount", "100", "currency", "EUR")));
		crashingAfterTheChange(null, () -> mutate("admin", "recordPayment", "RecordPaymentInput",
				Map.of("paymentId", "PAY-1", "invoiceId", invoice, "amount", "40")));

		List<Document> waiting = waitingIn("invoices", invoice, "INVOICE_ISSUED", "INVOICE_PAYMENT");
		movedToTheTrail("invoices", invoice, waiting);
	}

	@Test
	void aReconciliationThatCorrectsCountersKeepsItsRecord() {
		String id = activeCustomer("10000");
		this.mongo.getCollection("customers")
			.updateOne(new Document("_id", new ObjectId(id)),
					new Document("$set", new Document("exposure.openOrders", new Decimal128(new BigDecimal("77.00")))));
		crashingAfterTheChange(null, () -> mutate("manager", "reconcileExposure", "ReconcileExposureInput",
				Map.of("customerId", id, "fix", true)));

		List<Document> waiting = waitingIn("customers", new ObjectId(id), "EXPOSURE_RECONCILED");
		movedToTheTrail("customers", new ObjectId(id), waiting);
	}

	// ---- intake ----

	@Test
	void aDiscardedIntakeFailureKeepsItsRecord() {
		String id = "webshop:CRASH-" + UUID.randomUUID();
		Instant now = Instant.now();
		this.mongo.insert(new IntakeFailure(id, IntakeChannel.WEBSHOP, "orders.raw.webshop", 0, 1L, "k",
				"{}".getBytes(StandardCharsets.UTF_8), null, "UNKNOWN_CUSTOMER", null, "no such customer", null, null,
				null, BigDecimal.ONE.negate(), null, IntakeFailureStatus.OPEN, 1, 1, now, now, null, null, null, null,
				null));
		crashingAfterTheChange(null, () -> mutate("analyst", "discardIntakeFailure", "DiscardIntakeFailureInput",
				Map.of("id", id, "reason", "test order")));
		assertThat(this.mongo.getCollection("intake_failures").find(new Document("_id", id)).first())
			.containsEntry("status", "DISCARDED");

		List<Document> waiting = waitingIn("intake_failures", id, "INTAKE_FAILURE_DISCARDED");
		movedToTheTrail("intake_failures", id, waiting);
	}

	// ---- helpers ----

	/**
	 * Runs {@code change} with the move of audit records (of {@code entity} documents, or
	 * of any when null) failing as if the process died right after the change's write.
	 */
	private void crashingAfterTheChange(Class<?> entity, Runnable change) {
		CRASHING.set((entity == null) ? type -> true : entity::equals);
		try {
			change.run();
		}
		finally {
			CRASHING.set(null);
		}
	}

	/**
	 * The document holds the records of {@code actions} (in this order), and the trail
	 * none of them: the changes are there with their records, in the document.
	 */
	private List<Document> waitingIn(String collection, Object id, String... actions) {
		Document document = this.mongo.getCollection(collection).find(new Document("_id", id)).first();
		assertThat(document).as("%s %s", collection, id).isNotNull();
		List<Document> entries = document.getList(AuditOutbox.ENTRIES, Document.class, List.of());
		assertThat(entries).extracting(entry -> entry.getString("action")).containsExactly(actions);
		assertThat(document.get(AuditOutbox.SINCE)).isNotNull();
		for (Document entry : entries) {
			assertThat(inTrail(entry.get("_id"))).isZero();
		}
		return entries;
	}

	/**
	 * After the mover has run: each record once in the trail as written, none left in the
	 * document.
	 */
	private void movedToTheTrail(String collection, Object id, List<Document> entries) {
		this.mover.moveWrittenBefore(Instant.now().plusSeconds(1));
		for (Document entry : entries) {
			assertThat(this.mongo.getCollection("audit_records")
				.find(new Document("_id", entry.get("_id")))
				.into(new ArrayList<>())).containsExactly(entry);
		}
		assertThat(this.mongo.getCollection(collection).find(new Document("_id", id)).first())
			.doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
	}

	private long inTrail(Object recordId) {
		return this.mongo.getCollection("audit_records").countDocuments(new Document("_id", recordId));
	}

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

	private void mutate(String user, String mutation, String inputType, Map<String, Object> input) {
		as(user).document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { __typename } }")
			.variable("input", input)
			.execute();
	}

	private String customer() {
		return TestCustomers.create(as("admin"), "CRASH_" + TestCustomers.uniqueRef().replace("-", "_"), "SILVER",
				"RETAIL", "EUR");
	}

	private String activeCustomer(String limit) {
		String id = customer();
		TestCustomers.setLimit(as("admin"), id, limit);
		return id;
	}

	private void place(String orderId, String customerId, String amount) {
		as("admin").document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { userErrors { code } } }")
			.variable("input",
					Map.of("orderId", orderId, "customerId", customerId, "amount", amount, "currency", "EUR"))
			.execute()
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

}
