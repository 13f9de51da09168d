package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.CommonErrorCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake on the shared context's real broker: samples of every channel through their
 * raw topics to the gateway, duplicates, poison messages, retries and dead letters.
 */
@CreditDeskIntegrationTest
class IntakeIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private ConsumerFactory<?, ?> consumers;

	@Autowired
	private RecordingOrderGateway gateway;

	@Autowired
	private IntakeProperties properties;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private IntakeConsumers intake;

	private String customerId;

	@BeforeEach
	void sampleCustomer() {
		this.customerId = IntakeKafka.sampleCustomer(this.graphQl);
	}

	private void send(IntakeChannel channel, String payload) {
		this.kafka.send(this.properties.topic(channel), IntakeSamples.SAMPLE_REF, payload).join();
	}

	private CanonicalOrder awaitPlaced(String orderId) {
		await().atMost(WAIT).until(() -> this.gateway.placed(orderId).isPresent());
		return this.gateway.placed(orderId).orElseThrow();
	}

	private IntakeFailure awaitFailure(String id) {
		await().atMost(WAIT).until(() -> this.mongo.findById(id, IntakeFailure.class) != null);
		return this.mongo.findById(id, IntakeFailure.class);
	}

	@Test
	void thePartitionsOfAllRawTopicsAreSpreadEvenlyOverTheConsumerThreads() {
		int partitions = this.properties.topics().size() * this.properties.partitions();
		int threads = this.properties.concurrency();
		assertThat(threads).isGreaterThan(1);
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Collection<TopicPartition>> assigned = this.intake.assignments();
			assertThat(assigned).hasSize(threads);
			assertThat(assigned.values().stream().mapToInt(Collection::size).sum()).isEqualTo(partitions);
			// 24 partitions over 4 threads: 6 each (the range assignor would give 8, 8, 4
			// and 4).
			assertThat(assigned.values()).allSatisfy(held -> assertThat(held.size()).isBetween(partitions / threads,
					(partitions + threads - 1) / threads));
		});
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	@Test
	void everyChannelsSamplesArriveAsTheRightCanonicalOrder() {
		send(IntakeChannel.WEBSHOP, read("webshop/valid-order.json"));
		send(IntakeChannel.WEBSHOP, read("webshop/valid-order-by-tax-id.json"));
		send(IntakeChannel.EDI, read("edi/valid-850.edi"));
		send(IntakeChannel.EDI, read("edi/valid-850-tax-id-no-currency.edi"));
		send(IntakeChannel.MARKETPLACE, read("marketplace/valid-order.json"));
		send(IntakeChannel.MARKETPLACE, read("marketplace/valid-order-rounded-total.json"));
		send(IntakeChannel.SALESREP, read("salesrep/valid-order.csv"));
		send(IntakeChannel.SALESREP, read("salesrep/valid-order-with-header.csv"));

		for (String orderId : List.of("webshop:WS-100234", "edi:PO-77812", "marketplace:MP-5531-0098",
				"marketplace:MP-5531-0099", "salesrep:SR-2026-0042")) {
			CanonicalOrder order = awaitPlaced(orderId);
			assertThat(order.customerId()).as(orderId).isEqualTo(this.customerId);
			assertThat(order.currency()).as(orderId).isEqualTo("EUR");
			assertThat(order.amount()).as(orderId).isEqualTo(new BigDecimal("2245.30"));
			assertThat(order.lines()).as(orderId).hasSize(2);
			assertThat(order.lines().get(1)).as(orderId).satisfies(line -> {
				assertThat(line.sku()).isEqualTo("BOLT-M12");
				assertThat(line.quantity()).isEqualByComparingTo("250");
				assertThat(line.unitPrice()).isEqualByComparingTo("1.786");
			});
		}
		assertThat(awaitPlaced("webshop:WS-100234").requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(awaitPlaced("edi:PO-77812").requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(awaitPlaced("salesrep:SR-2026-0042").lines().get(0).sku()).isEqualTo("STEEL-PLATE-10, 10MM");
		for (String orderId : List.of("webshop:WS-100235", "edi:PO-77813", "salesrep:SR-2026-0043")) {
			CanonicalOrder order = awaitPlaced(orderId);
			assertThat(order.customerId()).as(orderId).isEqualTo(this.customerId);
			assertThat(order.amount()).as(orderId).isEqualTo(new BigDecimal("3000.00"));
			assertThat(order.currency()).as(orderId).isEqualTo("EUR");
		}
	}

	@Test
	void aRedeliveredOrderReachesTheGatewaysIdempotencyAndFailsIntoOneRecordAtMost() {
		String number = unique("WS");
		String valid = read("webshop/valid-order.json").replace("WS-100234", number);
		send(IntakeChannel.WEBSHOP, valid);
		send(IntakeChannel.WEBSHOP, valid);
		await().atMost(WAIT).until(() -> this.gateway.calls("webshop:" + number) == 2);
		assertThat(this.gateway.placed("webshop:" + number)).isPresent();

		String unknown = unique("WS");
		String invalid = read("webshop/invalid-unknown-customer.json").replace("WS-100236", unknown);
		send(IntakeChannel.WEBSHOP, invalid);
		send(IntakeChannel.WEBSHOP, invalid);
		String id = "webshop:" + unknown;
		await().atMost(WAIT).until(() -> {
			IntakeFailure failure = this.mongo.findById(id, IntakeFailure.class);
			return failure != null && failure.occurrences() == 2;
		});
		assertThat(this.mongo.count(Query.query(Criteria.where("orderId").is(id)), IntakeFailure.class)).isEqualTo(1);
		assertThat(this.gateway.calls(id)).isZero();
	}

	@Test
	void aPoisonMessageIsDeadLetteredWithItsReasonAndTheNextMessageIsProcessed() {
		String poison = "{\"orderNumber\": \"" + unique("POISON") + "\", \"customer\": ";
		String next = unique("WS");
		send(IntakeChannel.WEBSHOP, poison);
		send(IntakeChannel.WEBSHOP, read("webshop/valid-order.json").replace("WS-100234", next));

		awaitPlaced("webshop:" + next);
		String dlt = this.properties.deadLetterTopic(IntakeChannel.WEBSHOP);
		ConsumerRecord<String, String> dead = IntakeKafka.awaitRecord(this.consumers, dlt,
				r -> poison.equals(r.value()));
		assertThat(dead.key()).isEqualTo(IntakeSamples.SAMPLE_REF);
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_CODE)).isEqualTo("MALFORMED_PAYLOAD");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_MESSAGE)).contains("not valid JSON");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.CHANNEL)).isEqualTo("webshop");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_TOPIC)).isEqualTo("orders.raw.webshop");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_PARTITION)).matches("\\d+");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.EXCEPTION_CLASS))
			.isEqualTo("io.creditdesk.common.CreditDeskException");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.ATTEMPTS)).isEqualTo("1");
		// Spring Kafka's own headers are kept as well.
		assertThat(IntakeKafka.header(dead, "kafka_dlt-original-topic")).isEqualTo("orders.raw.webshop");

		IntakeFailure failure = this.mongo.findOne(
				Query.query(Criteria.where("topic")
					.is("orders.raw.webshop")
					.and("partition")
					.is(Integer.parseInt(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_PARTITION)))
					.and("offset")
					.is(Long.parseLong(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_OFFSET)))),
				IntakeFailure.class);
		assertThat(failure).isNotNull();
		assertThat(failure.payloadText()).isEqualTo(poison);
		assertThat(failure.id()).startsWith("webshop:unread:");
		assertThat(failure.status()).isEqualTo(IntakeFailureStatus.OPEN);
		assertThat(failure.reasonCode()).isEqualTo("MALFORMED_PAYLOAD");
		assertThat(failure.offset())
			.isEqualTo(Long.parseLong(IntakeKafka.header(dead, IntakeDeadLetters.ORIGINAL_OFFSET)));
		assertThat(failure.orderValue()).isNull();
	}

	@Test
	void transientFailuresAreRetriedWithBackoffThenSucceed() {
		String number = unique("PO");
		String orderId = "edi:" + number;
		this.gateway.failTransiently(orderId, 2);
		send(IntakeChannel.EDI, read("edi/valid-850.edi").replace("PO-77812", number));
		awaitPlaced(orderId);
		assertThat(this.gateway.calls(orderId)).isEqualTo(3);
		assertThat(this.mongo.findById(orderId, IntakeFailure.class)).isNull();
	}

	@Test
	void aTransientFailureOnEveryAttemptIsDeadLetteredAfterTheLastAttempt() {
		String number = unique("MP");
		String orderId = "marketplace:" + number;
		this.gateway.failTransiently(orderId, 1000);
		send(IntakeChannel.MARKETPLACE, read("marketplace/valid-order.json").replace("mp-5531-0098", number));

		IntakeFailure failure = awaitFailure(orderId);
		assertThat(this.gateway.calls(orderId)).isEqualTo(this.properties.maxAttempts());
		assertThat(failure.reasonCode()).isEqualTo(IntakeDeadLetters.RETRIES_EXHAUSTED);
		assertThat(failure.reasonMessage()).contains("exposure store is unavailable");
		assertThat(failure.exceptionClass()).isEqualTo(DataAccessResourceFailureException.class.getName());
		assertThat(failure.attempts()).isEqualTo(this.properties.maxAttempts());
		assertThat(failure.orderValue().amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(failure.customerId()).isEqualTo(this.customerId);
		ConsumerRecord<String, String> dead = IntakeKafka.awaitRecord(this.consumers,
				this.properties.deadLetterTopic(IntakeChannel.MARKETPLACE),
				r -> orderId.equals(IntakeKafka.header(r, IntakeDeadLetters.ORDER_ID)));
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.ATTEMPTS))
			.isEqualTo(String.valueOf(this.properties.maxAttempts()));
	}

	@Test
	void anOrderTheGatewayRefusesIsDeadLetteredWithoutRetries() {
		String number = unique("SR");
		String orderId = "salesrep:" + number;
		this.gateway.refuse(orderId, CommonErrorCode.CUSTOMER_NOT_FOUND);
		send(IntakeChannel.SALESREP, read("salesrep/valid-order.csv").replace("SR-2026-0042", number));

		IntakeFailure failure = awaitFailure(orderId);
		assertThat(failure.reasonCode()).isEqualTo("CUSTOMER_NOT_FOUND");
		assertThat(failure.reasonField()).isEqualTo("customerId");
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(this.gateway.calls(orderId)).isEqualTo(1);
	}

	/**
	 * An order dated far in the future (BEG05, the web shop's orderDate) is refused like
	 * any ledger document.
	 */
	@Test
	void anOrderDatedInTheFutureIsDeadLetteredWithDateInFuture() {
		String web = unique("WS");
		send(IntakeChannel.WEBSHOP, read("webshop/valid-order.json").replace("WS-100234", web)
			.replace("\"currency\"", "\"orderDate\": \"2030-01-01\", \"currency\""));
		String edi = unique("PO");
		String future = LocalDate.now().plusYears(3).toString().replace("-", "");
		send(IntakeChannel.EDI,
				read("edi/valid-850.edi").replace("PO-77812", edi).replace("**20261122~", "**" + future + "~"));

		IntakeFailure webFailure = awaitFailure("webshop:" + web);
		assertThat(webFailure.reasonCode()).isEqualTo("DATE_IN_FUTURE");
		assertThat(webFailure.reasonField()).isEqualTo("orderDate");
		assertThat(webFailure.reasonMessage()).contains("2030-01-01");
		assertThat(awaitFailure("edi:" + edi).reasonCode()).isEqualTo("DATE_IN_FUTURE");
		assertThat(this.gateway.placed("webshop:" + web)).isEmpty();
		assertThat(this.gateway.placed("edi:" + edi)).isEmpty();
	}

	@Test
	void invalidSamplesAreDeadLetteredWithTheirPreciseReason() {
		String edi = unique("PO");
		send(IntakeChannel.EDI, read("edi/invalid-line-count.edi").replace("PO-77814", edi));
		String market = unique("MP");
		send(IntakeChannel.MARKETPLACE,
				read("marketplace/invalid-unknown-currency.json").replace("MP-5531-0100", market));

		IntakeFailure lines = awaitFailure("edi:" + edi);
		assertThat(lines.reasonCode()).isEqualTo("LINE_COUNT_MISMATCH");
		assertThat(lines.reasonField()).isEqualTo("CTT01");
		assertThat(lines.channel()).isEqualTo(IntakeChannel.EDI);
		IntakeFailure currency = awaitFailure("marketplace:" + market);
		assertThat(currency.reasonCode()).isEqualTo("UNKNOWN_CURRENCY");
		assertThat(currency.reasonField()).isEqualTo("currencyNumeric");
	}

}
