package io.creditdesk.notification;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.MutableClock;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.MongoIndexes;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Rotating a subscription's signing secret and turning a disabled subscription back on,
 * end to end: GraphQL, the store, the real fan-out and dispatcher (called here rather
 * than on their schedule, so each delivery happens when the test says), a local stub
 * receiver (WireMock, admitted because {@code allow-private-targets} is set) and the
 * Standard Webhooks library as receivers verify with. The service runs on a
 * {@link MutableClock}, which starts two days behind and only moves forward: the library
 * accepts a delivery only within five minutes of the real time, so the tests that move
 * past a grace period run first: the sweep's well before the real now (its deliveries are
 * checked against the signatures computed for them), then the one that rotates a day
 * before the real now.
 */
@CreditDeskIntegrationTest
@TestPropertySource(properties = { "creditdesk.webhooks.allow-private-targets=true",
		"creditdesk.webhooks.poll-interval=1h", "creditdesk.webhooks.max-attempts=3",
		"creditdesk.webhooks.disable-after=2", "creditdesk.webhooks.initial-backoff=1s",
		"creditdesk.webhooks.max-backoff=2s", "creditdesk.webhooks.connect-timeout=1s",
		// Deliveries only when a test sends them: the scheduled round two seconds into
		// the context claimed the first test's delivery once (CI) and sent it after the
		// test had looked for it.
		"creditdesk.webhooks.poll-initial-delay=1d", "creditdesk.webhooks.response-timeout=5s",
		"creditdesk.events.relay-enabled=false",
		// The previous-secret sweep only when a test runs it (it moves the clock to an
		// expiry
		// and then asserts what its own run removed).
		"creditdesk.webhooks.previous-secret-sweep-initial-delay=1d",
		"creditdesk.webhooks.previous-secret-sweep-interval=1d" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookRotationIntegrationTests {

	static final MutableClock CLOCK = new MutableClock(Instant.now().minus(Duration.ofDays(2)));

	@TestConfiguration(proxyBeanMethods = false)
	static class Clock {

		@Bean
		@Primary
		MutableClock webhookRotationTestClock() {
			return CLOCK;
		}

	}

	@RegisterExtension
	static final WireMockExtension receiver = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private WebhookFanOut fanOut;

	@Autowired
	private WebhookDispatcher dispatcher;

	@Autowired
	private WebhookSecrets secrets;

	@Autowired
	private WebhookSecretMigration migration;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private WebhookStore store;

	@Autowired
	private AuditLog audit;

	@Autowired
	private WebhookPreviousSecretSweep sweep;

	@Autowired
	private JobLock lock;

	private final List<String> subscribed = new ArrayList<>();

	@AfterEach
	void deleteSubscriptions() {
		this.subscribed.forEach(id -> as("admin")
			.document("mutation { deleteWebhookSubscription(input: {id: \"" + id + "\"}) { userErrors { code } } }")
			.execute());
	}

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user)
			.mutate()
			.webTestClient(client -> client.responseTimeout(Duration.ofSeconds(30)))
			.build();
	}

	/** Moves the service's clock forward to {@code at}. */
	private static void clockAt(Instant at) {
		assertThat(at).as("the test clock only moves forward").isAfterOrEqualTo(CLOCK.instant());
		CLOCK.advance(Duration.between(CLOCK.instant(), at));
	}

	/** Moves the service's clock to the real time, where receivers accept deliveries. */
	private static void clockAtRealTime() {
		Instant now = Instant.now();
		if (now.isAfter(CLOCK.instant())) {
			clockAt(now);
		}
	}

	private record Subscription(String id, String secret) {
	}

	@SuppressWarnings("unchecked")
	private Subscription subscribe(String path) {
		receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
		Map<String, Object> created = as("integration")
			.document("mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) "
					+ "{ subscription { id } secret userErrors { field code } } }")
			.variable("input", Map.of("url", receiver.baseUrl() + path, "eventTypes", List.of("RiskFlagRaised")))
			.execute()
			.path("createWebhookSubscription.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createWebhookSubscription")
			.entity(Map.class)
			.get();
		String id = (String) ((Map<String, Object>) created.get("subscription")).get("id");
		this.subscribed.add(id);
		return new Subscription(id, (String) created.get("secret"));
	}

	private static final String ROTATE = "mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) "
			+ "{ subscription { id secretRotatedAt previousSecretExpiresAt } secret userErrors { field code message } } }";

	@SuppressWarnings("unchecked")
	private Map<String, Object> rotate(String user, String id, Integer hours) {
		Map<String, Object> input = new HashMap<>();
		input.put("id", id);
		if (hours != null) {
			input.put("previousSecretValidForHours", hours);
		}
		return as(user).document(ROTATE)
			.variable("input", input)
			.execute()
			.path("rotateWebhookSecret")
			.entity(Map.class)
			.get();
	}

	/** The new secret of a rotation that succeeded. */
	@SuppressWarnings("unchecked")
	private String rotated(String id, Integer hours) {
		Map<String, Object> payload = rotate("admin", id, hours);
		assertThat((List<Object>) payload.get("userErrors")).isEmpty();
		String secret = (String) payload.get("secret");
		assertThat(secret).startsWith("whsec_");
		return secret;
	}

	/**
	 * Queues a credit event for every subscription to its type (the real fan-out), sends
	 * what is due now and returns what {@code path} received for it.
	 */
	private LoggedRequest deliver(String path) {
		String eventId = new ObjectId().toHexString();
		this.fanOut.enqueue(new CreditEvent(eventId, CreditEventType.RISK_FLAG_RAISED, null, CLOCK.instant(), Map.of(),
				"{\"id\":\"" + eventId + "\",\"type\":\"RiskFlagRaised\"}"));
		this.dispatcher.deliverDue();
		List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo(path)))
			.stream()
			.filter(request -> eventId.equals(request.getHeader("webhook-id")))
			.toList();
		assertThat(received).hasSize(1);
		return received.get(0);
	}

	private static void verifies(String secret, LoggedRequest request) throws Exception {
		new Webhook(secret).verify(request.getBodyAsString(), headers(request));
	}

	private static void doesNotVerify(String secret, LoggedRequest request) {
		assertThatThrownBy(() -> verifies(secret, request)).isInstanceOf(WebhookVerificationException.class)
			.hasMessageContaining("No matching signature found");
	}

	private static Map<String, List<String>> headers(LoggedRequest request) {
		return Map.of("webhook-id", List.of(request.getHeader("webhook-id")), "webhook-timestamp",
				List.of(request.getHeader("webhook-timestamp")), "webhook-signature",
				List.of(request.getHeader("webhook-signature")));
	}

	private static int signatures(LoggedRequest request) {
		return request.getHeader("webhook-signature").split(" ").length;
	}

	private Document stored(String id) {
		return this.mongo.getCollection(WebhookSubscription.COLLECTION)
			.find(new Document("_id", new ObjectId(id)))
			.first();
	}

	private List<Document> trail(String id, String action) {
		return this.mongo.getCollection("audit_records")
			.find(new Document("entityId", id).append("action", action))
			.into(new ArrayList<>());
	}

	private static String key(String secret) {
		return secret.substring("whsec_".length());
	}

	@Test
	@Order(0)
	void theSweepRemovesAnExpiredPreviousSecretOnceWithItsAuditRecordAndKeepsOneStillValid() {
		// Well before the real now (the clock only moves forward; test 1 starts a day
		// before it).
		clockAt(Instant.now().minus(Duration.ofHours(30)));
		Subscription crashed = subscribe("/previous-crashed");
		rotated(crashed.id(), 1);
		String crashedPrevious = stored(crashed.id()).getString("previousSecret");
		clockAt(CLOCK.instant().plus(Duration.ofMinutes(1)));
		Subscription expiring = subscribe("/previous-expiring");
		Subscription keeping = subscribe("/previous-kept");
		String secret = rotated(expiring.id(), 1);
		String kept = rotated(keeping.id(), 2);
		Document rotatedRaw = stored(expiring.id());
		String sealedPrevious = rotatedRaw.getString("previousSecret");
		Instant expiresAt = rotatedRaw.getDate("previousSecretExpiresAt").toInstant();
		Document keptRaw = stored(keeping.id());
		assertThat(this.mongo.indexOps(WebhookSubscription.class).getIndexInfo())
			.anySatisfy(index -> assertThat(index.getName()).isEqualTo("previous_secret_expiry"));

		// The first expiry: that previous secret is removed with its audit record in the
		// same update. Seen with the process "crashing" right after the update, before
		// the record's move to the trail (which then puts it there, once).
		clockAt(stored(crashed.id()).getDate("previousSecretExpiresAt").toInstant());
		AuditLog unsettled = mock(AuditLog.class);
		WebhookPreviousSecretSweep crashing = new WebhookPreviousSecretSweep(
				new WebhookStore(this.mongo, mock(MongoIndexes.class), unsettled), this.lock, this.audit, CLOCK);
		assertThat(crashing.run()).isEqualTo(1);
		Document removedBeforeTheMove = stored(crashed.id());
		assertThat(removedBeforeTheMove).doesNotContainKey("previousSecret")
			.doesNotContainKey("previousSecretExpiresAt");
		assertThat(removedBeforeTheMove.getList(AuditOutbox.ENTRIES, Document.class)).singleElement()
			.satisfies(entry -> {
				assertThat(entry.getString("action")).isEqualTo(WebhookPreviousSecretSweep.ACTION);
				assertThat(entry.toJson()).doesNotContain(crashedPrevious).doesNotContain(key(crashed.secret()));
			});
		assertThat(trail(crashed.id(), WebhookPreviousSecretSweep.ACTION)).isEmpty();
		ArgumentCaptor<AuditRecord> record = ArgumentCaptor.forClass(AuditRecord.class);
		verify(unsettled).settle(eq(WebhookSubscription.class), eq(crashed.id()), record.capture());
		this.audit.settle(WebhookSubscription.class, crashed.id(), record.getValue());
		assertThat(stored(crashed.id())).doesNotContainKey(AuditOutbox.ENTRIES);
		assertThat(trail(crashed.id(), WebhookPreviousSecretSweep.ACTION)).hasSize(1);

		// A minute before the second expiry: that previous secret still signs and stays.
		assertThat(CLOCK.instant()).isBefore(expiresAt);
		assertThat(this.sweep.run()).isZero();
		assertThat(stored(expiring.id()).getString("previousSecret")).isEqualTo(sealedPrevious);
		// The update itself is conditional on the expiry and on the sealed value read.
		assertThat(this.store.removePreviousSecret(expiring.id(), sealedPrevious, CLOCK.instant(),
				this.audit.entry(WebhookPreviousSecretSweep.ACTION, "WEBHOOK", expiring.id(), null, null,
						new Changes().set("test", "not expired"))))
			.isFalse();
		clockAt(expiresAt);
		assertThat(this.store.removePreviousSecret(expiring.id(), "v1:another:value", CLOCK.instant(),
				this.audit.entry(WebhookPreviousSecretSweep.ACTION, "WEBHOOK", expiring.id(), null, null,
						new Changes().set("test", "another value"))))
			.isFalse();
		assertThat(trail(expiring.id(), WebhookPreviousSecretSweep.ACTION)).isEmpty();

		// From the expiry on: removed, the current secret untouched, one audit record by
		// system naming the expiry, never a secret.
		assertThat(this.sweep.run()).isEqualTo(1);
		Document raw = stored(expiring.id());
		assertThat(raw).doesNotContainKey("previousSecret").doesNotContainKey("previousSecretExpiresAt");
		assertThat(raw.getString("secret")).isEqualTo(rotatedRaw.getString("secret"));
		assertThat(raw.toJson()).doesNotContain(sealedPrevious);
		assertThat(trail(expiring.id(), WebhookPreviousSecretSweep.ACTION)).singleElement().satisfies(entry -> {
			assertThat(entry.getString("actor")).isEqualTo("system");
			assertThat(entry.getList("changes", Document.class)).singleElement()
				.satisfies(change -> assertThat(change).containsEntry("field", "previousSecretExpiresAt")
					.containsEntry("before", expiresAt.toString())
					.doesNotContainKey("after"));
			assertThat(entry.toJson()).doesNotContain(key(secret))
				.doesNotContain(key(expiring.secret()))
				.doesNotContain(sealedPrevious)
				.doesNotContain(raw.getString("secret"));
		});

		// A second run finds nothing to do.
		assertThat(this.sweep.run()).isZero();
		assertThat(trail(expiring.id(), WebhookPreviousSecretSweep.ACTION)).hasSize(1);
		assertThat(trail(crashed.id(), WebhookPreviousSecretSweep.ACTION)).hasSize(1);

		// The previous secret that is still valid stays, unchanged, and unaudited.
		Document stillKept = stored(keeping.id());
		assertThat(stillKept.getString("previousSecret")).isEqualTo(keptRaw.getString("previousSecret"));
		assertThat(stillKept.getDate("previousSecretExpiresAt")).isEqualTo(keptRaw.getDate("previousSecretExpiresAt"));
		assertThat(trail(keeping.id(), WebhookPreviousSecretSweep.ACTION)).isEmpty();

		// Deliveries: the current secret alone where the previous one was removed, both
		// where it is still valid.
		LoggedRequest alone = deliver("/previous-expiring");
		assertThat(alone.getHeader("webhook-signature")).isEqualTo(signed(List.of(secret), alone));
		LoggedRequest both = deliver("/previous-kept");
		assertThat(both.getHeader("webhook-signature")).isEqualTo(signed(List.of(kept, keeping.secret()), both));
	}

	/** The {@code webhook-signature} header {@code secrets} give {@code request}. */
	private static String signed(List<String> secrets, LoggedRequest request) {
		return new WebhookSignature(secrets)
			.headers(request.getHeader("webhook-id"),
					Instant.ofEpochSecond(Long.parseLong(request.getHeader("webhook-timestamp"))),
					request.getBodyAsString())
			.get("webhook-signature");
	}

	@Test
	@Order(1)
	@SuppressWarnings("unchecked")
	void afterARotationBothSecretsVerifyUntilTheGracePeriodEndsThenOnlyTheNewOne() throws Exception {
		// A day before the real now, so that the default grace period (24 h) ends now.
		clockAt(Instant.now().minus(Duration.ofHours(24)));
		Subscription subscription = subscribe("/rotated");
		Instant rotatedAt = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> payload = rotate("integration", subscription.id(), null);
		assertThat((List<Object>) payload.get("userErrors")).isEmpty();
		String secret = (String) payload.get("secret");
		assertThat(secret).startsWith("whsec_").isNotEqualTo(subscription.secret());
		Instant expiresAt = Instant
			.parse((String) ((Map<String, Object>) payload.get("subscription")).get("previousSecretExpiresAt"));
		assertThat(expiresAt).isEqualTo(rotatedAt.plus(Duration.ofHours(24)));
		assertThat(Instant.parse((String) ((Map<String, Object>) payload.get("subscription")).get("secretRotatedAt")))
			.isEqualTo(rotatedAt);

		// Neither secret is stored in plain text; both are sealed under the current key.
		Document raw = stored(subscription.id());
		assertThat(raw.toJson()).doesNotContain(key(secret)).doesNotContain(key(subscription.secret()));
		assertThat(raw.getString("secret")).startsWith("v1:");
		assertThat(raw.getString("previousSecret")).startsWith("v1:");
		// The audit record names who and until when, never a secret.
		assertThat(trail(subscription.id(), "WEBHOOK_SECRET_ROTATED")).singleElement().satisfies(entry -> {
			assertThat(entry.getString("actor")).isEqualTo("integration");
			assertThat(entry.getList("changes", Document.class))
				.anySatisfy(change -> assertThat(change).containsEntry("field", "previousSecretExpiresAt")
					.containsEntry("after", expiresAt.toString()))
				.anySatisfy(change -> assertThat(change).containsEntry("field", "previousSecretValidForHours")
					.containsEntry("after", "24"));
			assertThat(entry.toJson()).doesNotContain(key(secret))
				.doesNotContain(key(subscription.secret()))
				.doesNotContain(raw.getString("secret"))
				.doesNotContain(raw.getString("previousSecret"));
		});

		// A minute before the expiry: signed with both, the new first.
		clockAt(expiresAt.minus(Duration.ofMinutes(1)));
		LoggedRequest during = deliver("/rotated");
		assertThat(signatures(during)).isEqualTo(2);
		verifies(secret, during);
		verifies(subscription.secret(), during);
		assertThat(during.getHeader("webhook-signature")).startsWith(
				new WebhookSignature(secret)
					.headers(during.getHeader("webhook-id"),
							Instant.ofEpochSecond(Long.parseLong(during.getHeader("webhook-timestamp"))),
							during.getBodyAsString())
					.get("webhook-signature") + " ");

		// A minute after: the new secret alone; the expired one stays stored, unused,
		// until the sweep removes it (above).
		clockAt(expiresAt.plus(Duration.ofMinutes(1)));
		LoggedRequest after = deliver("/rotated");
		assertThat(signatures(after)).isEqualTo(1);
		verifies(secret, after);
		doesNotVerify(subscription.secret(), after);
		assertThat(stored(subscription.id()).getString("previousSecret")).startsWith("v1:");
	}

	@Test
	@Order(2)
	@SuppressWarnings("unchecked")
	void withZeroHoursTheOldSecretStopsAtOnceAndRotatingAgainKeepsOnlyTheSecretCurrentUntilThen() throws Exception {
		clockAtRealTime();
		Subscription subscription = subscribe("/at-once");
		Map<String, Object> payload = rotate("admin", subscription.id(), 0);
		assertThat((List<Object>) payload.get("userErrors")).isEmpty();
		String secret = (String) payload.get("secret");
		assertThat(((Map<String, Object>) payload.get("subscription")).get("previousSecretExpiresAt")).isNull();
		assertThat(stored(subscription.id()).containsKey("previousSecret")).isFalse();
		LoggedRequest request = deliver("/at-once");
		assertThat(signatures(request)).isEqualTo(1);
		verifies(secret, request);
		doesNotVerify(subscription.secret(), request);

		// Twice within the grace period: the second keeps the first's secret, not the
		// original.
		CLOCK.advance(WebhookSecretRotation.SAME_MOMENT);
		String second = rotated(subscription.id(), 2);
		// Within the same moment a rotation is refused and changes nothing.
		Map<String, Object> refused = rotate("admin", subscription.id(), 2);
		assertThat(refused.get("secret")).isNull();
		assertThat((List<Map<String, Object>>) refused.get("userErrors")).singleElement()
			.satisfies(
					error -> assertThat(error).containsEntry("code", "WEBHOOK_SECRET_CHANGED")
						.containsEntry("field", "id")
						.containsEntry("message", "The signing secret of webhook subscription '" + subscription.id()
								+ "' was rotated by another request at the same moment (less than 10 seconds ago); "
								+ "this rotation changed nothing. Read the subscription and rotate again later if it "
								+ "still needs a new secret."));
		CLOCK.advance(WebhookSecretRotation.SAME_MOMENT);
		String third = rotated(subscription.id(), 2);
		LoggedRequest again = deliver("/at-once");
		assertThat(signatures(again)).isEqualTo(2);
		verifies(third, again);
		verifies(second, again);
		doesNotVerify(secret, again);
		doesNotVerify(subscription.secret(), again);
		assertThat(trail(subscription.id(), "WEBHOOK_SECRET_ROTATED")).hasSize(3);
	}

	@Test
	@Order(3)
	@SuppressWarnings("unchecked")
	void ofRotationsSentTogetherExactlyOneWinsAndItsSecretSignsTheNextDelivery() throws Exception {
		clockAtRealTime();
		// Several rounds, each on a subscription of its own, two or four requests
		// released together: requests sent together reach the store one after the
		// other, which the conditional update alone let all win.
		int[] together = { 2, 2, 2, 4, 4 };
		for (int round = 0; round < together.length; round++) {
			String path = "/concurrent-" + round;
			Subscription subscription = subscribe(path);
			int n = together[round];
			CyclicBarrier start = new CyclicBarrier(n);
			ExecutorService threads = Executors.newFixedThreadPool(n);
			List<Map<String, Object>> answers = new ArrayList<>();
			try {
				List<Future<Map<String, Object>>> running = new ArrayList<>();
				for (int i = 0; i < n; i++) {
					running.add(threads.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return rotate("admin", subscription.id(), 24);
					}));
				}
				for (Future<Map<String, Object>> answer : running) {
					answers.add(answer.get(60, TimeUnit.SECONDS));
				}
			}
			finally {
				threads.shutdownNow();
			}
			List<String> won = answers.stream()
				.filter(answer -> ((List<Object>) answer.get("userErrors")).isEmpty())
				.map(answer -> (String) answer.get("secret"))
				.toList();
			assertThat(won).as("round %d: %d rotations sent together", round, n).hasSize(1);
			// The others changed nothing and were told so.
			assertThat(answers.stream().filter(answer -> !((List<Object>) answer.get("userErrors")).isEmpty()))
				.hasSize(n - 1)
				.allSatisfy(answer -> {
					assertThat(answer.get("secret")).isNull();
					assertThat((List<Map<String, Object>>) answer.get("userErrors")).singleElement()
						.satisfies(error -> assertThat(error).containsEntry("code", "WEBHOOK_SECRET_CHANGED")
							.containsEntry("field", "id"));
				});
			assertThat(trail(subscription.id(), "WEBHOOK_SECRET_ROTATED")).hasSize(1);
			// The winner's secret signs the next delivery, beside the original.
			LoggedRequest request = deliver(path);
			assertThat(signatures(request)).isEqualTo(2);
			verifies(won.get(0), request);
			verifies(subscription.secret(), request);
		}
	}

	@Test
	@Order(4)
	void ofTwoRotationsFromTheSameReadTheSecondChangesNothing() throws Exception {
		clockAtRealTime();
		Subscription subscription = subscribe("/same-read");
		WebhookSubscription read = this.mongo.findById(subscription.id(), WebhookSubscription.class);
		Instant now = CLOCK.instant().truncatedTo(ChronoUnit.MILLIS);
		String first = WebhookSignature.newSecret();
		String second = WebhookSignature.newSecret();
		assertThat(this.store.rotateSecret(rotation(read, first, now), read.secret(), this.audit
			.entry("WEBHOOK_SECRET_ROTATED", "WEBHOOK", read.id(), null, null, new Changes().set("test", "first"))))
			.isTrue();
		assertThat(this.store.rotateSecret(rotation(read, second, now), read.secret(), this.audit
			.entry("WEBHOOK_SECRET_ROTATED", "WEBHOOK", read.id(), null, null, new Changes().set("test", "second"))))
			.isFalse();
		// The first rotation stands whole, with its audit record alone.
		WebhookSubscription after = this.mongo.findById(subscription.id(), WebhookSubscription.class);
		assertThat(this.secrets.signingSecret(after)).contains(first);
		assertThat(this.secrets.previousSigningSecret(after)).contains(subscription.secret());
		assertThat(trail(subscription.id(), "WEBHOOK_SECRET_ROTATED")).singleElement()
			.satisfies(entry -> assertThat(entry.toJson()).contains("first").doesNotContain("second"));
		LoggedRequest request = deliver("/same-read");
		verifies(first, request);
		verifies(subscription.secret(), request);
		doesNotVerify(second, request);
	}

	private WebhookSubscription rotation(WebhookSubscription read, String secret, Instant at) {
		return read.rotated(this.secrets.seal(read.id(), secret), read.secret(),
				WebhookSecretRotation.previousExpiresAt(at, 24), at);
	}

	@Test
	@Order(5)
	void theRotationAndTheMigrationNeverLeaveAPreviousSecretInPlainText() throws Exception {
		clockAtRealTime();
		Subscription subscription = subscribe("/legacy-rotated");
		// A subscription from before encryption: its secret in plain text.
		set(subscription.id(), "secret", subscription.secret());
		String secret = rotated(subscription.id(), 24);
		Document raw = stored(subscription.id());
		assertThat(raw.toJson()).doesNotContain(key(subscription.secret())).doesNotContain(key(secret));
		assertThat(raw.getString("previousSecret")).startsWith("v1:");

		// A previous secret in plain text (as no rotation writes it) is sealed by the
		// start's migration, with its audit record, and still signs.
		set(subscription.id(), "previousSecret", subscription.secret());
		assertThat(this.migration.run()).isPositive();
		raw = stored(subscription.id());
		assertThat(raw.getString("previousSecret")).startsWith("v1:");
		assertThat(raw.toJson()).doesNotContain(key(subscription.secret()));
		assertThat(
				this.secrets.previousSigningSecret(this.mongo.findById(subscription.id(), WebhookSubscription.class)))
			.contains(subscription.secret());
		assertThat(trail(subscription.id(), "WEBHOOK_SECRET_RESEALED")).singleElement()
			.satisfies(entry -> assertThat(entry.getList("changes", Document.class)).singleElement()
				.satisfies(change -> assertThat(change).containsEntry("field", "previousSecretKeyId")
					.containsEntry("before", "plaintext")
					.containsEntry("after", stored(subscription.id()).getString("previousSecret").split(":")[1])));
		assertThat(this.migration.run()).isZero();
		LoggedRequest request = deliver("/legacy-rotated");
		verifies(secret, request);
		verifies(subscription.secret(), request);
	}

	@Test
	@Order(6)
	void aPreviousSecretThatDoesNotDecryptIsSkippedAndTheCurrentOneSignsAlone() throws Exception {
		clockAtRealTime();
		Subscription subscription = subscribe("/previous-unreadable");
		String secret = rotated(subscription.id(), 24);
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);
		set(subscription.id(), "previousSecret",
				new WebhookSecretCipher(otherKey, List.of()).seal(subscription.id(), subscription.secret()));
		double before = this.meters.counter(WebhookSecrets.UNREADABLE_METRIC, "cause", "UNKNOWN_KEY").count();
		LoggedRequest request = deliver("/previous-unreadable");
		assertThat(signatures(request)).isEqualTo(1);
		verifies(secret, request);
		assertThat(this.meters.counter(WebhookSecrets.UNREADABLE_METRIC, "cause", "UNKNOWN_KEY").count())
			.isEqualTo(before + 1);
	}

	@Test
	@Order(7)
	@SuppressWarnings("unchecked")
	void refusalsNameTheFieldWithAStableCode() {
		clockAtRealTime();
		Subscription subscription = subscribe("/refused");
		for (int hours : new int[] { -1, 169 }) {
			Map<String, Object> payload = rotate("admin", subscription.id(), hours);
			assertThat(payload.get("secret")).isNull();
			assertThat((List<Map<String, Object>>) payload.get("userErrors")).singleElement()
				.satisfies(error -> assertThat(error).containsEntry("code", "OUT_OF_RANGE")
					.containsEntry("field", "previousSecretValidForHours")
					.containsEntry("message",
							"The previous secret stays valid for 0 to 168 hours (0: it stops at once), got " + hours
									+ "."));
		}
		assertThat(trail(subscription.id(), "WEBHOOK_SECRET_ROTATED")).isEmpty();
		String missing = new ObjectId().toHexString();
		assertThat((List<Map<String, Object>>) rotate("admin", missing, null).get("userErrors")).singleElement()
			.satisfies(
					error -> assertThat(error).containsEntry("code", "WEBHOOK_NOT_FOUND").containsEntry("field", "id"));
		as("admin")
			.document("mutation { deleteWebhookSubscription(input: {id: \"" + subscription.id()
					+ "\"}) { userErrors { code } } }")
			.execute();
		assertThat((List<Map<String, Object>>) rotate("admin", subscription.id(), null).get("userErrors"))
			.singleElement()
			.satisfies(error -> assertThat(error).containsEntry("code", "WEBHOOK_NOT_FOUND"));
		assertThat(enable(subscription.id()).path("enableWebhookSubscription.userErrors[0].code")
			.entity(String.class)
			.get()).isEqualTo("WEBHOOK_NOT_FOUND");
	}

	private static final String ENABLE = "mutation { enableWebhookSubscription(input: {id: \"%s\"}) "
			+ "{ subscription { id enabled consecutiveFailures disabledAt } userErrors { field code message } } }";

	private GraphQlTester.Response enable(String id) {
		return as("admin").document(ENABLE.formatted(id)).execute();
	}

	private void set(String id, String field, Object value) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set(field, value),
				WebhookSubscription.class);
	}

	@SuppressWarnings("unchecked")
	private List<String> statuses(String id) {
		return this.mongo.find(Query.query(Criteria.where("subscriptionId").is(id)), WebhookDelivery.class)
			.stream()
			.map(delivery -> delivery.status().name())
			.toList();
	}

	@Test
	@Order(8)
	void aSubscriptionDisabledByFailuresIsTurnedBackOnAndNewEventsAreDeliveredSigned() throws Exception {
		clockAtRealTime();
		Subscription subscription = subscribe("/down-then-up");
		receiver.stubFor(post(urlEqualTo("/down-then-up")).willReturn(aResponse().withStatus(503)));
		// Two failures in a row (disable-after=2): disabled, both deliveries cancelled
		// while they waited for their retry.
		deliver("/down-then-up");
		deliver("/down-then-up");
		WebhookSubscription disabled = this.mongo.findById(subscription.id(), WebhookSubscription.class);
		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.consecutiveFailures()).isEqualTo(2);
		assertThat(statuses(subscription.id())).containsExactly("CANCELLED", "CANCELLED");

		receiver.stubFor(post(urlEqualTo("/down-then-up")).willReturn(aResponse().withStatus(204)));
		enable(subscription.id()).path("enableWebhookSubscription.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("enableWebhookSubscription.subscription.enabled")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("enableWebhookSubscription.subscription.consecutiveFailures")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("enableWebhookSubscription.subscription.disabledAt")
			.valueIsNull();
		assertThat(trail(subscription.id(), "WEBHOOK_SUBSCRIPTION_ENABLED")).singleElement()
			.satisfies(entry -> assertThat(entry.getString("actor")).isEqualTo("admin"));

		// The cancelled deliveries stay cancelled, past their retry time too; a new event
		// is delivered, signed.
		clockAt(CLOCK.instant().plus(Duration.ofSeconds(5)));
		LoggedRequest request = deliver("/down-then-up");
		verifies(subscription.secret(), request);
		assertThat(statuses(subscription.id())).containsExactlyInAnyOrder("CANCELLED", "CANCELLED", "DELIVERED");
		assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/down-then-up")))).hasSize(3);

		// On already: answered as it is, nothing written.
		enable(subscription.id()).path("enableWebhookSubscription.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("enableWebhookSubscription.subscription.enabled")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(trail(subscription.id(), "WEBHOOK_SUBSCRIPTION_ENABLED")).hasSize(1);
	}

	@Test
	@Order(9)
	void aSubscriptionWhoseUrlTheGuardRefusesNowStaysDisabled() {
		clockAtRealTime();
		Subscription subscription = subscribe("/moved");
		set(subscription.id(), "enabled", false);
		set(subscription.id(), "url", "ftp://erp.example.com/hooks");
		enable(subscription.id()).path("enableWebhookSubscription.subscription")
			.valueIsNull()
			.path("enableWebhookSubscription.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("WEBHOOK_URL_INVALID")
			.path("enableWebhookSubscription.userErrors[0].field")
			.entity(String.class)
			.isEqualTo("id");
		assertThat(this.mongo.findById(subscription.id(), WebhookSubscription.class).enabled()).isFalse();
		assertThat(trail(subscription.id(), "WEBHOOK_SUBSCRIPTION_ENABLED")).isEmpty();
	}

}
