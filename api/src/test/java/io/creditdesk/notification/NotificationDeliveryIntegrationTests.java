package io.creditdesk.notification;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * E-mail and webhooks end to end, on a service of their own: a real SMTP server in the
 * test (GreenMail) as the configured mail server, and a local stub receiver (WireMock)
 * for the webhooks, which the SSRF guard admits here only because
 * {@code creditdesk.webhooks.allow-private-targets} is set (it is off by default). Short
 * retry waits so that retries and disabling take seconds.
 */
@CreditDeskIntegrationTest
@TestPropertySource(properties = { "creditdesk.webhooks.allow-private-targets=true",
		"creditdesk.webhooks.initial-backoff=200ms", "creditdesk.webhooks.max-backoff=400ms",
		"creditdesk.webhooks.max-attempts=3", "creditdesk.webhooks.disable-after=4",
		"creditdesk.webhooks.poll-interval=100ms", "creditdesk.webhooks.connect-timeout=1s",
		"creditdesk.webhooks.response-timeout=5s", "creditdesk.webhooks.claim=20s",
		"creditdesk.notifications.mail-poll-interval=100ms", "creditdesk.notifications.digest-check-interval=1h",
		"creditdesk.notifications.base-url=https://credit.example.com/" })
class NotificationDeliveryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@RegisterExtension
	static final WireMockExtension receiver = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private EmailDispatcher emails;

	@Autowired
	private MailQueue queue;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private WebhookEncryptionProperties encryption;

	@Autowired
	private WebhookSecrets secrets;

	@Autowired
	private WebhookSecretMigration migration;

	@Autowired
	private MeterRegistry meters;

	/** Subscriptions made by the test, deleted after it even when it failed. */
	private final List<String> subscribed = new ArrayList<>();

	@AfterEach
	void deleteSubscriptions() {
		this.subscribed.forEach(id -> as("admin")
			.document("mutation { deleteWebhookSubscription(input: {id: \"" + id + "\"}) { userErrors { code } } }")
			.execute());
	}

	private HttpGraphQlTester as(String user) {
		// The first requests after a context start may queue on a busy machine beyond the
		// web test client's own 5 s.
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	private String customer(String name, String analyst, String salesOwner) {
		Map<String, Object> input = new HashMap<>();
		input.put("externalRef", TestCustomers.uniqueRef());
		input.put("name", name);
		input.put("taxId", TestCustomers.uniqueGermanTaxId());
		input.put("countryCode", "DE");
		input.put("segment", "SMB");
		input.put("tier", "GOLD");
		input.put("industry", "LOGISTICS");
		input.put("creditCurrency", "EUR");
		String id = TestCustomers.create(as("admin"), input);
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

	private void raiseFlag(String customerId, String reason) {
		as("cfo")
			.document("mutation { raiseRiskFlag(input: {customerId: \"" + customerId + "\", type: FRAUD, reason: \""
					+ reason + "\", source: \"internal-review\"}) { userErrors { code } } }")
			.execute()
			.path("raiseRiskFlag.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static List<MimeMessage> mailsTo(String address, String subjectPart) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)
					&& message.getSubject().contains(subjectPart)) {
				found.add(message);
			}
		}
		return found;
	}

	@Test
	void anImmediateEmailNamesTheCustomerTheFiguresAndTheLinkInTextAndHtml() throws Exception {
		String name = "Nordhafen Logistik " + TestCustomers.uniqueRef();
		String customer = customer(name, "analyst", "sales");
		raiseFlag(customer, "card testing");
		await().atMost(WAIT).until(() -> mailsTo("analyst@creditdesk.example", name).size() == 1);
		MimeMessage mail = mailsTo("analyst@creditdesk.example", name).get(0);
		assertThat(mail.getSubject())
			.isEqualTo("[CreditDesk] Risk flag on " + name + " (suspected fraud): orders are refused");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("creditdesk@localhost");
		String raw = GreenMailUtil.getWholeMessage(mail);
		assertThat(raw).contains("multipart/alternative", "text/plain", "text/html");
		String body = GreenMailUtil.getBody(mail);
		assertThat(body).contains("Hello analyst,", "card testing", "internal-review",
				"https://credit.example.com/customers/" + customer,
				"<a href=\"https://credit.example.com/customers/" + customer);
		// The sales owner gets it too; the CFO, who raised it, does not.
		await().atMost(WAIT).until(() -> mailsTo("sales@creditdesk.example", name).size() == 1);
		assertThat(mailsTo("cfo@creditdesk.example", name)).isEmpty();
	}

	@Test
	void theDailyDigestCollectsWhatAPersonChoseToGetOnceADay() throws Exception {
		as("datasci").document("mutation { updateNotificationPreferences(input: {language: \"de\", email: ["
				+ "{type: RISK_FLAG_RAISED, mode: DAILY_DIGEST}, {type: CUSTOMER_STATUS_CHANGED, mode: DAILY_DIGEST}]}) "
				+ "{ userErrors { code } } }")
			.execute()
			.path("updateNotificationPreferences.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String name = "Elbe Kontor " + TestCustomers.uniqueRef();
		String customer = customer(name, "analyst", "datasci");
		raiseFlag(customer, "Kartentests");
		as("manager")
			.document("mutation { setCustomerStatus(input: {customerId: \"" + customer
					+ "\", status: SUSPENDED, reason: \"Betrugsprüfung\"}) { userErrors { code } } }")
			.execute();
		await().atMost(WAIT)
			.until(() -> this.queue.ofRecipient("datasci")
				.stream()
				.filter(e -> e.subject().contains(name))
				.count() == 2);
		assertThat(mailsTo("datasci@creditdesk.example", name)).isEmpty();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		// One digest per person with digest e-mails waiting (the analyst has the status
		// change in theirs).
		assertThat(this.emails.sendDigest(today, Instant.now())).isPositive();
		List<MimeMessage> digests = mailsTo("datasci@creditdesk.example", "Tageszusammenfassung");
		assertThat(digests).hasSize(1);
		String body = GreenMailUtil.getBody(digests.get(0));
		assertThat(body).contains("Hallo datasci,", name, "Kartentests", "Betrugspr");
		// Sent once: a second run finds nothing left.
		assertThat(this.emails.sendDigest(today, Instant.now())).isZero();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> subscribe(String path, String eventType) {
		Map<String, Object> created = as("integration")
			.document("mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) "
					+ "{ subscription { id enabled } secret userErrors { field code } } }")
			.variable("input",
					Map.of("url", receiver.baseUrl() + path, "eventTypes", List.of(eventType), "description",
							"ERP credit hold"))
			.execute()
			.path("createWebhookSubscription.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createWebhookSubscription")
			.entity(Map.class)
			.get();
		this.subscribed.add((String) ((Map<String, Object>) created.get("subscription")).get("id"));
		return created;
	}

	private void unsubscribe(String id) {
		as("admin")
			.document("mutation { deleteWebhookSubscription(input: {id: \"" + id + "\", reason: \"test done\"}) "
					+ "{ userErrors { code } } }")
			.execute()
			.path("deleteWebhookSubscription.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> deliveries(String subscriptionId) {
		return as("admin").document("{ webhookDeliveries(subscriptionId: \"" + subscriptionId
				+ "\", first: 10) { totalCount "
				+ "edges { node { eventId eventType status attemptCount lastStatusCode attempts { statusCode error } } } } }")
			.execute()
			.path("webhookDeliveries")
			.entity(Map.class)
			.get();
	}

	/** Every attempt of the subscription's deliveries: status code, error and reason. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> attempts(String subscriptionId) {
		return as("admin")
			.document("{ webhookDeliveries(subscriptionId: \"" + subscriptionId + "\", first: 10) "
					+ "{ edges { node { attempts { statusCode error reason } } } } }")
			.execute()
			.path("webhookDeliveries.edges[*].node.attempts[*]")
			.entityList(Object.class)
			.get()
			.stream()
			.map(attempt -> (Map<String, Object>) attempt)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> firstDelivery(Map<String, Object> deliveries) {
		List<Map<String, Object>> edges = (List<Map<String, Object>>) deliveries.get("edges");
		return edges.isEmpty() ? Map.of() : (Map<String, Object>) edges.get(0).get("node");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aDeliveryIsSignedSoTheReceiverVerifiesItAndATamperedPayloadFails() throws Exception {
		receiver.stubFor(post(urlEqualTo("/signed")).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = subscribe("/signed", "RiskFlagRaised");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		String secret = (String) created.get("secret");
		assertThat(secret).startsWith("whsec_");
		String customer = customer("Signed Hooks " + TestCustomers.uniqueRef(), "analyst", "sales");
		raiseFlag(customer, "chargebacks");
		await().atMost(WAIT).until(() -> "DELIVERED".equals(firstDelivery(deliveries(id)).get("status")));
		List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/signed")));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		String payload = request.getBodyAsString();
		assertThat(payload).contains("\"type\":\"RiskFlagRaised\"", "\"customerId\":\"" + customer + "\"",
				"chargebacks");
		Map<String, List<String>> headers = Map.of("webhook-id", List.of(request.getHeader("webhook-id")),
				"webhook-timestamp", List.of(request.getHeader("webhook-timestamp")), "webhook-signature",
				List.of(request.getHeader("webhook-signature")));
		assertThat(request.getHeader("webhook-id")).isEqualTo(firstDelivery(deliveries(id)).get("eventId"));
		new Webhook(secret).verify(payload, headers);
		assertThatThrownBy(() -> new Webhook(secret).verify(payload.replace("chargebacks", "all fine"), headers))
			.isInstanceOf(WebhookVerificationException.class);
		assertThat(firstDelivery(deliveries(id)).get("lastStatusCode")).isEqualTo(204);
		unsubscribe(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aFailedDeliveryIsRetriedWithBackoffUntilTheReceiverTakesIt() {
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("second"));
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		receiver.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)));
		Map<String, Object> created = subscribe("/flaky", "CustomerStatusChanged");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		String customer = customer("Flaky Hooks " + TestCustomers.uniqueRef(), "analyst", "sales");
		as("manager")
			.document("mutation { setCustomerStatus(input: {customerId: \"" + customer
					+ "\", status: ON_HOLD, reason: \"review\"}) { userErrors { code } } }")
			.execute();
		await().atMost(WAIT).until(() -> "DELIVERED".equals(firstDelivery(deliveries(id)).get("status")));
		Map<String, Object> delivery = firstDelivery(deliveries(id));
		assertThat(delivery.get("attemptCount")).isEqualTo(3);
		assertThat(((List<Map<String, Object>>) delivery.get("attempts")).stream().map(a -> a.get("statusCode")))
			.containsExactly(500, 503, 200);
		// Every attempt carried the same webhook-id, so the receiver can drop duplicates.
		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/flaky")))
			.stream()
			.map(r -> r.getHeader("webhook-id"))
			.distinct()).containsExactly((String) delivery.get("eventId"));
		unsubscribe(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSubscriptionThatKeepsFailingIsDisabledAndTheAdminsAreTold() {
		receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
		Map<String, Object> created = subscribe("/down", "RiskFlagCleared");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		for (int i = 0; i < 2; i++) {
			String customer = customer("Down Hooks " + TestCustomers.uniqueRef(), "analyst", "sales");
			raiseFlag(customer, "check");
			as("manager")
				.document("mutation { clearRiskFlag(input: {customerId: \"" + customer
						+ "\", type: FRAUD, reason: \"cleared\"}) { userErrors { code } } }")
				.execute();
		}
		String list = "{ webhookSubscriptions { id enabled consecutiveFailures lastError disabledAt } }";
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(as("admin").document(list)
				.execute()
				.path("webhookSubscriptions[?(@.id=='" + id + "')].enabled")
				.entityList(Boolean.class)
				.get()).containsExactly(false));
		assertThat(as("admin").document(list)
			.execute()
			.path("webhookSubscriptions[?(@.id=='" + id + "')].consecutiveFailures")
			.entityList(Integer.class)
			.get()).containsExactly(4);
		// Nothing more is sent to it: 4 attempts, the rest cancelled.
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(((List<Map<String, Object>>) deliveries(id).get("edges")).stream()
				.map(edge -> ((Map<String, Object>) edge.get("node")).get("status"))
				.filter("PENDING"::equals)).isEmpty());
		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(4);
		// Each attempt says why, with a code and a sentence from the catalogue.
		assertThat(attempts(id)).hasSize(4)
			.allSatisfy(attempt -> assertThat(attempt).containsEntry("statusCode", 503)
				.containsEntry("reason", "RECEIVER_STATUS")
				.containsEntry("error", "The receiver answered HTTP 503; only a 2xx answer counts as delivered."));
		assertThat(as("admin").document(list)
			.execute()
			.path("webhookSubscriptions[?(@.id=='" + id + "')].lastError")
			.entityList(String.class)
			.get()).containsExactly("The receiver answered HTTP 503; only a 2xx answer counts as delivered.");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					as("admin").document("{ myNotifications(first: 50) { edges { node { type subject } } } }")
						.execute()
						.path("myNotifications.edges[*].node.subject")
						.entityList(String.class)
						.get())
				.contains("Webhook disabled: " + receiver.baseUrl() + "/down"));
	}

	/** The raw document as the database holds it (a hex id is stored as an ObjectId). */
	private Document stored(String id) {
		return this.mongo.getCollection(WebhookSubscription.COLLECTION)
			.find(new Document("_id", new ObjectId(id)))
			.first();
	}

	private void store(String id, String secret) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("secret", secret),
				WebhookSubscription.class);
	}

	private static Map<String, List<String>> signatureHeaders(LoggedRequest request) {
		return Map.of("webhook-id", List.of(request.getHeader("webhook-id")), "webhook-timestamp",
				List.of(request.getHeader("webhook-timestamp")), "webhook-signature",
				List.of(request.getHeader("webhook-signature")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theSecretIsStoredEncryptedAndSignsTheSameAfterARestartWithTheSameKey() throws Exception {
		receiver.stubFor(post(urlEqualTo("/sealed")).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = subscribe("/sealed", "RiskFlagRaised");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		String secret = (String) created.get("secret");
		Document raw = stored(id);
		assertThat(raw.toJson()).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
		assertThat(raw.getString("secret")).startsWith("v1:");

		raiseFlag(customer("Sealed Hooks " + TestCustomers.uniqueRef(), "analyst", "sales"), "sealed");
		await().atMost(WAIT).until(() -> "DELIVERED".equals(firstDelivery(deliveries(id)).get("status")));
		LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/sealed"))).get(0);
		new Webhook(secret).verify(request.getBodyAsString(), signatureHeaders(request));

		// A restart: the key read again from configuration (here the generated key file)
		// opens the stored value and signs exactly as the receiver was sent.
		WebhookSecrets restarted = new WebhookSecrets(this.encryption, this.meters);
		WebhookSubscription reread = this.mongo.findById(id, WebhookSubscription.class);
		String opened = restarted.signingSecret(reread).orElseThrow();
		assertThat(opened).isEqualTo(secret);
		assertThat(new WebhookSignature(opened)
			.headers(request.getHeader("webhook-id"),
					Instant.ofEpochSecond(Long.parseLong(request.getHeader("webhook-timestamp"))),
					request.getBodyAsString())
			.get("webhook-signature")).isEqualTo(request.getHeader("webhook-signature"));
		unsubscribe(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aPlaintextSecretStoredBeforeEncryptionStillSignsAndIsEncryptedOnce() throws Exception {
		receiver.stubFor(post(urlEqualTo("/legacy")).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = subscribe("/legacy", "RiskFlagRaised");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		String secret = (String) created.get("secret");
		store(id, secret);

		raiseFlag(customer("Legacy Hooks " + TestCustomers.uniqueRef(), "analyst", "sales"), "legacy");
		await().atMost(WAIT).until(() -> "DELIVERED".equals(firstDelivery(deliveries(id)).get("status")));
		LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/legacy"))).get(0);
		new Webhook(secret).verify(request.getBodyAsString(), signatureHeaders(request));

		assertThat(this.migration.run()).isPositive();
		Document raw = stored(id);
		assertThat(raw.getString("secret")).startsWith("v1:");
		assertThat(raw.toJson()).doesNotContain(secret.substring("whsec_".length()));
		assertThat(this.secrets.signingSecret(this.mongo.findById(id, WebhookSubscription.class))).contains(secret);
		// With its audit record, by the system, naming keys, never the secret; the record
		// left the document for the trail.
		List<Document> trail = this.mongo.getCollection("audit_records")
			.find(new Document("entityId", id).append("action", "WEBHOOK_SECRET_RESEALED"))
			.into(new ArrayList<>());
		assertThat(trail).hasSize(1);
		assertThat(trail.get(0).getString("actor")).isEqualTo("system");
		assertThat(trail.get(0).getString("entityType")).isEqualTo("WEBHOOK");
		assertThat(trail.get(0).getList("changes", Document.class)).singleElement()
			.satisfies(change -> assertThat(change).containsEntry("field", "secretKeyId")
				.containsEntry("before", "plaintext")
				.containsEntry("after", raw.getString("secret").split(":")[1]));
		assertThat(trail.get(0).toJson()).doesNotContain(secret.substring("whsec_".length()))
			.doesNotContain(raw.getString("secret"));
		assertThat(stored(id).containsKey("auditOutbox")).isFalse();
		// Once: a second run finds nothing left to encrypt.
		assertThat(this.migration.run()).isZero();
		assertThat(this.mongo.getCollection("audit_records")
			.countDocuments(new Document("entityId", id).append("action", "WEBHOOK_SECRET_RESEALED"))).isEqualTo(1);
		unsubscribe(id);
	}

	/**
	 * Attempts logged before every failure had a code (their error a text built in code,
	 * no reason): one the receiver answered with an error status reads with the code and
	 * the catalogue's sentence; one without an answer keeps what it had.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void attemptsLoggedBeforeReasonsReadWithTheReceiversStatus() {
		receiver.stubFor(post(urlEqualTo("/old-log")).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = subscribe("/old-log", "RiskFlagRaised");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		Date at = Date.from(Instant.parse("2026-11-30T10:00:00Z"));
		this.mongo.getCollection("webhook_deliveries")
			.insertOne(new Document("_id", "old-event:" + id).append("subscriptionId", id)
				.append("eventId", "old-event")
				.append("eventType", "RiskFlagRaised")
				.append("payload", "{}")
				.append("status", "FAILED")
				.append("attemptCount", 2)
				.append("attempts",
						List.of(new Document("at", at).append("statusCode", 500)
							.append("error", "HTTP 500")
							.append("durationMillis", 12L),
								new Document("at", at).append("error", "java.net.ConnectException")
									.append("durationMillis", 3L)))
				.append("createdAt", at));
		assertThat(attempts(id)).hasSize(2);
		assertThat(attempts(id).get(0)).containsEntry("statusCode", 500)
			.containsEntry("reason", "RECEIVER_STATUS")
			.containsEntry("error", "The receiver answered HTTP 500; only a 2xx answer counts as delivered.");
		assertThat(attempts(id).get(1)).containsEntry("error", "java.net.ConnectException")
			.containsEntry("reason", null);
		unsubscribe(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void aSecretThatDoesNotDecryptIsNeverSentUnsignedAndTheLogSaysWhy() {
		receiver.stubFor(post(urlEqualTo("/unreadable")).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = subscribe("/unreadable", "RiskFlagRaised");
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);
		store(id, new WebhookSecretCipher(otherKey, List.of()).seal(id, (String) created.get("secret")));
		double before = this.meters.counter(WebhookSecrets.UNREADABLE_METRIC, "cause", "UNKNOWN_KEY").count();

		raiseFlag(customer("Unreadable Hooks " + TestCustomers.uniqueRef(), "analyst", "sales"), "unreadable");
		String query = "{ webhookDeliveries(subscriptionId: \"" + id + "\", first: 10) "
				+ "{ edges { node { status attempts { statusCode error reason } } } } }";
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(as("admin").document(query)
				.execute()
				.path("webhookDeliveries.edges[*].node.status")
				.entityList(String.class)
				.get()).containsExactly("FAILED"));
		assertThat(attempts(id)).hasSize(3).allSatisfy(attempt -> {
			assertThat(attempt.get("reason")).isEqualTo("SECRET_UNREADABLE");
			assertThat(attempt.get("statusCode")).isNull();
			assertThat((String) attempt.get("error")).startsWith("Not sent: the subscription's signing secret");
		});
		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/unreadable")))).isEmpty();
		assertThat(this.meters.counter(WebhookSecrets.UNREADABLE_METRIC, "cause", "UNKNOWN_KEY").count())
			.isEqualTo(before + 3);
		// The start's migration leaves it as it is: it cannot be opened, so it is not
		// replaced.
		String unreadable = stored(id).getString("secret");
		this.migration.run();
		assertThat(stored(id).getString("secret")).isEqualTo(unreadable);
		unsubscribe(id);
	}

}
