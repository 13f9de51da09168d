package io.creditdesk.notification;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications on the shared service (demo users, no mail server): the credit events
 * reach the right inboxes through the notifications' own consumer group, each once, in
 * the reader's language; inboxes are read and marked per person; the webhook guard
 * refuses internal targets.
 */
@CreditDeskIntegrationTest
class NotificationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String INBOX = """
			query($unread: Boolean) {
			  myNotifications(unreadOnly: $unread, first: 200) {
			    totalCount
			    edges { node { id type customerId subject body link read } }
			  }
			}""";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Outbox outbox;

	private HttpGraphQlTester as(String user) {
		// The first requests after a context start may queue on a busy machine beyond the
		// web test client's own 5 s.
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	/** The user's notifications about {@code customerId}, newest first. */
	private List<Map<String, Object>> inbox(String user, String customerId, boolean unreadOnly) {
		List<Map<String, Object>> nodes = as(user).document(INBOX)
			.variable("unread", unreadOnly)
			.execute()
			.path("myNotifications.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		return nodes.stream().filter(node -> customerId.equals(node.get("customerId"))).toList();
	}

	private List<String> types(String user, String customerId) {
		return inbox(user, customerId, false).stream().map(node -> (String) node.get("type")).toList();
	}

	private String customerAssignedTo(String analyst, String salesOwner) {
		String id = TestCustomers.create(as("admin"), "SMB", "GOLD", "RETAIL", "EUR");
		as("manager")
			.document(
					"mutation($input: AssignCustomerInput!) { assignCustomer(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("customerId", id, "creditAnalyst", analyst, "salesOwner", salesOwner))
			.execute()
			.path("assignCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	@Test
	void aRaisedFlagTellsTheAnalystTheSalesOwnerAndTheManagersButNotWhoRaisedIt() {
		String customer = customerAssignedTo("analyst", "sales");
		as("cfo").document("mutation { raiseRiskFlag(input: {customerId: \"" + customer
				+ "\", type: FRAUD, reason: \"card testing\", source: \"internal-review\"}) { userErrors { code } } }")
			.execute()
			.path("raiseRiskFlag.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(types("analyst", customer)).containsExactly("RISK_FLAG_RAISED");
			assertThat(types("sales", customer)).containsExactly("RISK_FLAG_RAISED");
			assertThat(types("manager", customer)).containsExactly("RISK_FLAG_RAISED");
		});
		assertThat(types("cfo", customer)).isEmpty();
		Map<String, Object> told = inbox("analyst", customer, false).get(0);
		assertThat((String) told.get("subject")).startsWith("Risk flag on Test Customer")
			.endsWith(" (suspected fraud): orders are refused");
		assertThat((String) told.get("body")).contains("card testing", "internal-review");
		assertThat((String) told.get("link")).isEqualTo("http://localhost:8080/customers/" + customer);
	}

	@Test
	void anInboxIsMarkedReadPerPersonAndOnlyByItsOwner() {
		String customer = customerAssignedTo("analyst", "datasci");
		as("manager")
			.document("mutation { setCustomerStatus(input: {customerId: \"" + customer
					+ "\", status: ON_HOLD, reason: \"documents missing\"}) { userErrors { code } } }")
			.execute();
		await().atMost(WAIT).untilAsserted(() -> assertThat(types("datasci", customer)).hasSize(1));
		String id = (String) inbox("datasci", customer, false).get(0).get("id");
		String mark = "mutation($ids: [ID!]!) { markNotificationsRead(input: {ids: $ids}) { notifications { id read } userErrors { code } } }";
		// Somebody else's id: nothing is marked.
		as("analyst").document(mark)
			.variable("ids", List.of(id))
			.execute()
			.path("markNotificationsRead.notifications")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(inbox("datasci", customer, true)).hasSize(1);
		as("datasci").document(mark)
			.variable("ids", List.of(id))
			.execute()
			.path("markNotificationsRead.notifications[0].read")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(inbox("datasci", customer, true)).isEmpty();
		assertThat(inbox("datasci", customer, false)).hasSize(1);
		// The analyst's copy of the same notice is still unread.
		assertThat(inbox("analyst", customer, true)).hasSize(1);
		as("datasci").document(mark)
			.variable("ids", List.of())
			.execute()
			.path("markNotificationsRead.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REQUIRED");
	}

	@Test
	void anAlertWrittenTwiceWithTheSameEventIdNotifiesOnce() {
		String customer = customerAssignedTo("analyst", "sales");
		Map<String, Object> data = new LinkedHashMap<>();
		// As the alerts write it (AlertEvents.raised).
		data.put("alertId", "alert-" + customer);
		data.put("type", "UTILIZATION_THRESHOLD");
		data.put("key", "0.8");
		data.put("severity", "WARNING");
		data.put("threshold", "80 %");
		data.put("actual", "83 %");
		data.put("source", null);
		data.put("raisedAt", "2026-12-05T10:00:00Z");
		Outbox.Event alert = this.outbox.event(CreditEventType.ALERT_RAISED, customer, data);
		// The same event in two relay rounds (a crash between Kafka's acknowledgement and
		// the removal sends an event again with its id).
		for (int i = 0; i < 2; i++) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)), Outbox.push(new Update(), alert),
					"customers");
			await().atMost(WAIT)
				.until(() -> !this.mongo.exists(
						Query.query(Criteria.where("_id").is(customer).and(Outbox.EVENTS).exists(true)), "customers"));
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(types("manager", customer)).containsExactly("ALERT_RAISED"));
		assertThat(types("analyst", customer)).containsExactly("ALERT_RAISED");
		// The alert's own sentence, not "none".
		assertThat((String) inbox("analyst", customer, false).get(0).get("body"))
			.endsWith("(Utilization threshold, warning): Utilization reached 83 %, at or above the alert threshold "
					+ "of 80 %.");
		// The sales owner is not told of alerts by default.
		assertThat(types("sales", customer)).isEmpty();
	}

	@Test
	void aRequestAsksEachStepsApproversAndItsDecisionTellsTheRequesterAndTheSalesOwner() {
		String customer = customerAssignedTo("analyst", "datasci");
		as("analyst")
			.document("mutation { recordVerification(input: {customerId: \"" + customer
					+ "\", evidence: \"Register extract\", reference: \"HRB 1\"}) { userErrors { code } } }")
			.execute();
		String requestId = as("sales").document("mutation { requestCreditLimit(input: {customerId: \"" + customer
				+ "\", type: NEW_CUSTOMER, requestedLimit: {amount: \"300000\", currency: \"EUR\"}, "
				+ "justification: \"Framework contract\", annualRevenue: {amount: \"12000000\", currency: \"EUR\"}, "
				+ "yearsInBusiness: 18, references: [\"Bank\"]}) { request { id status } userErrors { code } } }")
			.execute()
			.path("requestCreditLimit.request.status")
			.entity(String.class)
			.isEqualTo("IN_APPROVAL")
			.path("requestCreditLimit.request.id")
			.entity(String.class)
			.get();
		await().atMost(WAIT).untilAsserted(() -> assertThat(types("manager", customer)).contains("APPROVAL_REQUESTED"));
		// The due time in words and the business calendar's zone, not a raw UTC instant.
		assertThat((String) inbox("manager", customer, false).get(0).get("body"))
			.contains("300,000.00 EUR", "credit manager", "due by")
			.containsPattern("due by \\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} CES?T")
			.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
		assertThat(types("cfo", customer)).doesNotContain("APPROVAL_REQUESTED");
		String approve = "mutation { approveCreditLimitRequest(input: {requestId: \"" + requestId
				+ "\", justification: \"fine\"}) { request { status } userErrors { code } } }";
		as("manager").document(approve)
			.execute()
			.path("approveCreditLimitRequest.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		await().atMost(WAIT).untilAsserted(() -> assertThat(types("cfo", customer)).contains("APPROVAL_REQUESTED"));
		as("cfo").document(approve)
			.execute()
			.path("approveCreditLimitRequest.request.status")
			.entity(String.class)
			.isEqualTo("APPROVED");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(types("sales", customer)).contains("REQUEST_DECIDED");
			assertThat(types("datasci", customer)).contains("REQUEST_DECIDED");
		});
		Map<String, Object> decided = inbox("sales", customer, false).stream()
			.filter(node -> node.get("type").equals("REQUEST_DECIDED"))
			.findFirst()
			.orElseThrow();
		assertThat((String) decided.get("body")).contains("is approved", "300,000.00 EUR");
		assertThat((String) decided.get("link")).endsWith("/credit-limit-requests/" + requestId);
	}

	@Test
	void preferencesChooseTheLanguageAndTheEmailModePerType() {
		String read = "{ myNotificationPreferences { language emailEnabled emailAddress email { type mode } } }";
		as("analyst").document(read)
			.execute()
			.path("myNotificationPreferences.emailEnabled")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("myNotificationPreferences.emailAddress")
			.entity(String.class)
			.isEqualTo("analyst@creditdesk.example")
			.path("myNotificationPreferences.email[?(@.type=='APPROVAL_REQUESTED')].mode")
			.entityList(String.class)
			.containsExactly("IMMEDIATE");
		String update = "mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) "
				+ "{ preferences { language email { type mode } } userErrors { field code message } } }";
		as("integration").document(update)
			.variable("input", Map.of("language", "fr"))
			.execute()
			.path("updateNotificationPreferences.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("UNSUPPORTED_LANGUAGE");
		as("integration").document(update)
			.variable("input",
					Map.of("language", "de", "email",
							List.of(Map.of("type", "CUSTOMER_STATUS_CHANGED", "mode", "OFF"))))
			.execute()
			.path("updateNotificationPreferences.preferences.language")
			.entity(String.class)
			.isEqualTo("de")
			.path("updateNotificationPreferences.preferences.email[?(@.type=='CUSTOMER_STATUS_CHANGED')].mode")
			.entityList(String.class)
			.containsExactly("OFF");
		// Written in German from now on.
		String customer = customerAssignedTo("analyst", "integration");
		as("manager")
			.document("mutation { setCustomerStatus(input: {customerId: \"" + customer
					+ "\", status: ON_HOLD, reason: \"Unterlagen fehlen\"}) { userErrors { code } } }")
			.execute();
		await().atMost(WAIT).untilAsserted(() -> assertThat(types("integration", customer)).hasSize(1));
		assertThat((String) inbox("integration", customer, false).get(0).get("body"))
			.startsWith("Der Kreditstatus von Test Customer")
			.endsWith("wechselte von „in Prüfung“ zu „zurückgestellt“: Unterlagen fehlen");
	}

	@Test
	void aWebhookToAnInternalAddressOrAnUnknownEventTypeIsRefused() {
		String create = "mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) "
				+ "{ subscription { id } secret userErrors { field code message } } }";
		as("admin").document(create)
			.variable("input", Map.of("url", "http://127.0.0.1:8080/hook", "eventTypes", List.of("CreditLimitChanged")))
			.execute()
			.path("createWebhookSubscription.subscription")
			.valueIsNull()
			.path("createWebhookSubscription.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("WEBHOOK_URL_NOT_ALLOWED")
			.path("createWebhookSubscription.userErrors[0].field")
			.entity(String.class)
			.isEqualTo("url");
		as("integration").document(create)
			.variable("input",
					Map.of("url", "http://169.254.169.254/latest/meta-data", "eventTypes",
							List.of("CreditLimitChanged")))
			.execute()
			.path("createWebhookSubscription.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("WEBHOOK_URL_NOT_ALLOWED");
		as("admin").document(create)
			.variable("input", Map.of("url", "ftp://erp.example.com/hook", "eventTypes", List.of("NoSuchEvent")))
			.execute()
			.path("createWebhookSubscription.userErrors[*].code")
			.entityList(String.class)
			.contains("WEBHOOK_URL_INVALID", "UNKNOWN_CREDIT_EVENT_TYPE");
	}

}
