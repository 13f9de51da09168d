package io.creditdesk.intake;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.common.Connection;
import io.creditdesk.common.Money;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.KafkaTemplate;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The failed-intake worklist through the GraphQL API: list, replay (fixed or as is),
 * discard, audit, health.
 */
@CreditDeskIntegrationTest
class IntakeFailuresIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private RecordingOrderGateway gateway;

	@Autowired
	private IntakeProperties properties;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	private HttpGraphQlTester analyst;

	private String customerId;

	@BeforeEach
	void signIn() {
		this.customerId = IntakeKafka.sampleCustomer(this.graphQl);
		this.analyst = GraphQlClients.as(this.graphQl, "analyst");
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	/** Sends a payload and waits until it is a failed intake record. */
	private IntakeFailure fail(IntakeChannel channel, String id, String payload) {
		this.kafka.send(this.properties.topic(channel), IntakeSamples.SAMPLE_REF, payload).join();
		await().atMost(WAIT).until(() -> this.mongo.findById(id, IntakeFailure.class) != null);
		return this.mongo.findById(id, IntakeFailure.class);
	}

	private IntakeFailure unknownCustomerOrder(String number, String quantity) {
		String payload = read("webshop/invalid-unknown-customer.json").replace("WS-100236", number)
			.replace("\"quantity\": 40", "\"quantity\": " + quantity);
		return fail(IntakeChannel.WEBSHOP, "webshop:" + number, payload);
	}

	@Test
	void aForgedCursorIsRefusedWithoutParsingIt() {
		for (String forged : List.of("1" + "3".repeat(40) + "|x", "1e999999999|x", "9".repeat(10_000) + "|x", "|x",
				"no-bar")) {
			this.analyst.documentName("intakeFailures")
				.variable("filter", Map.of("status", "OPEN"))
				.variable("first", 2)
				.variable("after", Connection.encode(forged))
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).as(forged.substring(0, Math.min(20, forged.length())))
					.anySatisfy(error -> assertThat(error.getExtensions()).containsEntry("code", "INVALID_CURSOR")));
		}
	}

	@Test
	void theWorklistShowsHighestOrderValueFirstWithReasonAndPayload() {
		String small = unique("WS");
		String large = unique("WS");
		unknownCustomerOrder(small, "1");
		unknownCustomerOrder(large, "1000");
		String poison = "not json " + unique("X");
		fail(IntakeChannel.WEBSHOP, "webshop:unread:" + sha(poison), poison);

		List<Map<String, Object>> nodes = new ArrayList<>();
		String after = null;
		do {
			GraphQlTester.Response page = this.analyst.documentName("intakeFailures")
				.variable("filter", Map.of("channel", "WEBSHOP", "status", "OPEN"))
				.variable("first", 2)
				.variable("after", after)
				.execute();
			nodes.addAll(page.path("intakeFailures.edges[*].node")
				.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.get());
			boolean more = page.path("intakeFailures.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = more ? page.path("intakeFailures.pageInfo.endCursor").entity(String.class).get() : null;
		}
		while (after != null);

		assertThat(nodes).allSatisfy(node -> {
			assertThat(node.get("channel")).isEqualTo("WEBSHOP");
			assertThat(node.get("status")).isEqualTo("OPEN");
		});
		List<String> ids = nodes.stream().map(n -> (String) n.get("id")).toList();
		assertThat(ids).doesNotHaveDuplicates().contains("webshop:" + large, "webshop:" + small);
		assertThat(ids.indexOf("webshop:" + large)).isLessThan(ids.indexOf("webshop:" + small));
		assertThat(ids.get(ids.size() - 1)).as("records without a value come last").startsWith("webshop:unread:");
		// (Orders in other currencies rank by their converted value: see the next test.)
		List<BigDecimal> values = nodes.stream()
			.map(n -> (Map<?, ?>) n.get("orderValue"))
			.filter(v -> v == null || "EUR".equals(v.get("currency")))
			.map(v -> (v != null) ? new BigDecimal((String) v.get("amount")) : BigDecimal.ONE.negate())
			.toList();
		assertThat(values).isSortedAccordingTo(Comparator.reverseOrder());

		Map<String, Object> largest = nodes.get(ids.indexOf("webshop:" + large));
		assertThat(largest.get("reasonCode")).isEqualTo("UNKNOWN_CUSTOMER");
		assertThat(largest.get("reasonField")).isEqualTo("customer.externalRef");
		assertThat((String) largest.get("reasonMessage")).contains("ERP-99999");
		assertThat((String) largest.get("payload")).contains(large);
		assertThat(largest.get("orderValue")).isEqualTo(Map.of("amount", "149900.00", "currency", "EUR"));
		assertThat(largest.get("topic")).isEqualTo("orders.raw.webshop");
		assertThat(largest.get("key")).isEqualTo(IntakeSamples.SAMPLE_REF);
		assertThat(largest.get("attempts")).isEqualTo(1);
	}

	@Test
	void ordersInOtherCurrenciesRankByTheirValueInTheWorklistCurrency() {
		GraphQlClients.as(this.graphQl, "cfo")
			.document("mutation { setFxRate(input: {base: \"NOK\", quote: \"EUR\", rate: \"0.1\", validOn: \""
					+ LocalDate.now().minusDays(1) + "\", reason: \"worklist test\"}) { userErrors { code } } }")
			.execute()
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String euros = unique("WS");
		String kroner = unique("WS");
		// 59,960.00 EUR against 499,600.00 NOK = 49,960.00 EUR: nominally the krone order
		// is larger.
		unknownCustomerOrder(euros, "400");
		IntakeFailure nok = fail(IntakeChannel.WEBSHOP, "webshop:" + kroner,
				read("webshop/invalid-unknown-customer.json").replace("WS-100236", kroner)
					.replace("\"EUR\"", "\"NOK\"")
					.replace("\"quantity\": 40", "\"quantity\": 400")
					.replace("149.90", "1249.00"));
		assertThat(nok.orderValue()).isEqualTo(new Money(new BigDecimal("499600.00"), "NOK"));
		assertThat(nok.sortAmount()).isEqualByComparingTo("49960.00");

		List<String> ids = this.analyst.documentName("intakeFailures")
			.variable("filter", Map.of("channel", "WEBSHOP", "status", "OPEN"))
			.variable("first", 100)
			.execute()
			.path("intakeFailures.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(ids.indexOf("webshop:" + euros)).isNotNegative().isLessThan(ids.indexOf("webshop:" + kroner));
	}

	@Test
	void aFixedPayloadIsReplayedSynchronouslyAndAudited() {
		String number = unique("WS");
		String orderId = "webshop:" + number;
		IntakeFailure failure = unknownCustomerOrder(number, "2");
		assertThat(failure.status()).isEqualTo(IntakeFailureStatus.OPEN);
		String corrected = failure.payloadText().replace("ERP-99999", " erp-10042 ");

		GraphQlTester.Response replayed = this.analyst.documentName("replayIntakeFailure")
			.variable("input",
					Map.of("id", orderId, "correctedPayload", corrected, "reason", "Customer typo in the shop"))
			.execute();
		replayed.path("replayIntakeFailure.userErrors").entityList(Object.class).hasSize(0);
		replayed.path("replayIntakeFailure.decision.status").entity(String.class).isEqualTo("APPROVED");
		replayed.path("replayIntakeFailure.decision.orderId").entity(String.class).isEqualTo(orderId);
		replayed.path("replayIntakeFailure.intakeFailure.status").entity(String.class).isEqualTo("REPLAYED");
		replayed.path("replayIntakeFailure.intakeFailure.resolvedBy").entity(String.class).isEqualTo("analyst");
		replayed.path("replayIntakeFailure.intakeFailure.correctedPayload").entity(String.class).isEqualTo(corrected);
		CanonicalOrder placed = this.gateway.placed(orderId).orElseThrow();
		assertThat(placed.customerId()).isEqualTo(this.customerId);
		assertThat(placed.amount()).isEqualTo(new BigDecimal("299.80"));

		GraphQlTester.Response read = GraphQlClients.as(this.graphQl, "manager")
			.documentName("intakeFailure")
			.variable("id", orderId)
			.execute();
		read.path("intakeFailure.auditTrail.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("INTAKE_FAILURE_REPLAYED");
		read.path("intakeFailure.auditTrail.edges[0].node.actor").entity(String.class).isEqualTo("analyst");
		read.path("intakeFailure.auditTrail.edges[0].node.reason")
			.entity(String.class)
			.isEqualTo("Customer typo in the shop");
		read.path("intakeFailure.auditTrail.edges[0].node.changes[?(@.field=='status')].after")
			.entityList(String.class)
			.containsExactly("REPLAYED");

		// Closed: neither a second replay nor a redelivery of the broken original reopens
		// it.
		this.analyst.documentName("replayIntakeFailure")
			.variable("input", Map.of("id", orderId, "reason", "again"))
			.execute()
			.path("replayIntakeFailure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INTAKE_FAILURE_NOT_OPEN");
		this.kafka.send(this.properties.topic(IntakeChannel.WEBSHOP), IntakeSamples.SAMPLE_REF, failure.payloadText())
			.join();
		await().atMost(WAIT).until(() -> this.mongo.findById(orderId, IntakeFailure.class).occurrences() == 2);
		assertThat(this.mongo.findById(orderId, IntakeFailure.class).status()).isEqualTo(IntakeFailureStatus.REPLAYED);
	}

	@Test
	void aReplayThatIsStillInvalidKeepsTheRecordOpenAndSaysWhy() {
		String number = unique("WS");
		String orderId = "webshop:" + number;
		IntakeFailure failure = unknownCustomerOrder(number, "2");

		GraphQlTester.Response unchanged = this.analyst.documentName("replayIntakeFailure")
			.variable("input", Map.of("id", orderId, "reason", "try as is"))
			.execute();
		unchanged.path("replayIntakeFailure.userErrors[0].code").entity(String.class).isEqualTo("UNKNOWN_CUSTOMER");
		unchanged.path("replayIntakeFailure.userErrors[0].field")
			.entity(String.class)
			.isEqualTo("payload.customer.externalRef");
		unchanged.path("replayIntakeFailure.intakeFailure").valueIsNull();

		String wrongTotal = failure.payloadText()
			.replace("ERP-99999", "ERP-10042")
			.replace("\"currency\"", "\"total\": \"1.00\", \"currency\"");
		this.analyst.documentName("replayIntakeFailure")
			.variable("input", Map.of("id", orderId, "correctedPayload", wrongTotal, "reason", "fix"))
			.execute()
			.path("replayIntakeFailure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("AMOUNT_MISMATCH")
			.path("replayIntakeFailure.userErrors[0].field")
			.entity(String.class)
			.isEqualTo("correctedPayload.total");

		String otherOrder = failure.payloadText().replace("ERP-99999", "ERP-10042").replace(number, number + "-B");
		this.analyst.documentName("replayIntakeFailure")
			.variable("input", Map.of("id", orderId, "correctedPayload", otherOrder, "reason", "fix"))
			.execute()
			.path("replayIntakeFailure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("ORDER_ID_CHANGED");

		this.analyst.documentName("replayIntakeFailure")
			.variable("input", Map.of("id", orderId, "reason", " "))
			.execute()
			.path("replayIntakeFailure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("REQUIRED");

		assertThat(this.mongo.findById(orderId, IntakeFailure.class).status()).isEqualTo(IntakeFailureStatus.OPEN);
		assertThat(this.gateway.calls(orderId)).isZero();
	}

	@Test
	void aRecordIsDiscardedWithAReasonByOperatorsOnly() {
		String number = unique("WS");
		String orderId = "webshop:" + number;
		unknownCustomerOrder(number, "3");

		GraphQlClients.as(this.graphQl, "sales")
			.documentName("discardIntakeFailure")
			.variable("input", Map.of("id", orderId, "reason", "test order"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors)
				.anySatisfy(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));

		GraphQlTester.Response discarded = this.analyst.documentName("discardIntakeFailure")
			.variable("input", Map.of("id", orderId, "reason", "Test order from the shop's staging system"))
			.execute();
		discarded.path("discardIntakeFailure.userErrors").entityList(Object.class).hasSize(0);
		discarded.path("discardIntakeFailure.intakeFailure.status").entity(String.class).isEqualTo("DISCARDED");
		discarded.path("discardIntakeFailure.intakeFailure.resolvedBy").entity(String.class).isEqualTo("analyst");
		this.analyst.documentName("intakeFailure")
			.variable("id", orderId)
			.execute()
			.path("intakeFailure.auditTrail.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("INTAKE_FAILURE_DISCARDED");

		this.analyst.documentName("discardIntakeFailure")
			.variable("input", Map.of("id", "webshop:NO-SUCH-ORDER", "reason", "x"))
			.execute()
			.path("discardIntakeFailure.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INTAKE_FAILURE_NOT_FOUND");
		assertThat(this.gateway.calls(orderId)).isZero();
	}

	@Test
	void intakeShowsInHealthWithItsLagAndTheLagIsAMetric() throws Exception {
		String number = unique("WS");
		this.kafka
			.send(this.properties.topic(IntakeChannel.WEBSHOP), IntakeSamples.SAMPLE_REF,
					read("webshop/valid-order.json").replace("WS-100234", number))
			.join();
		await().atMost(WAIT).until(() -> this.gateway.placed("webshop:" + number).isPresent());

		await().atMost(WAIT).untilAsserted(() -> {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
					// Details are shown to signed-in callers only: admin:demo.
					.header("Authorization", "Basic YWRtaW46ZGVtbw==")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).containsPattern("\"intake\":\\{\"details\":\\{[^}]*\"enabled\":true")
				.containsPattern("\"intake\":\\{\"details\":\\{.*\"lag\":\\{\"[a-z]+\":\\d+")
				.contains("\"state\":\"running\"");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					this.meters.find("creditdesk.intake.consumer.lag").tag("channel", "webshop").gauge())
				.isNotNull());
		// The Kafka client's own consumer metrics are bound too (records-lag-max and
		// friends).
		assertThat(this.meters.getMeters())
			.anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.consumer"));
	}

	private static String sha(String payload) throws RuntimeException {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
