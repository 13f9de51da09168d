package io.creditdesk.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No poison pill: a record that cannot be placed is dead-lettered once, at once, its
 * offset is committed, and the next order on the same partition (another customer's) is
 * decided. Amounts out of every range go through the real credit check, so the test holds
 * whatever the adapters and the ledger make of them; an exception nobody anticipated
 * comes from the gateway itself.
 */
@CreditDeskIntegrationTest
class IntakePoisonIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(45);

	private static final String FORTY_DIGITS = "1234567890123456789012345678901234567890";

	/**
	 * Spreads the tests over the partitions, so one test's stall cannot hide behind
	 * another's.
	 */
	private static final AtomicInteger PARTITIONS = new AtomicInteger();

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
	private SharedKafkaAdminClient admin;

	/**
	 * Amounts beyond every range: the channel adapters refuse them (amount bounds), and
	 * whatever the adapters did, the intake must dead-letter each once, never retry it,
	 * and go on with the partition.
	 */
	static Stream<Arguments> poisons() {
		return Stream.of(
				Arguments.of("web shop unitPrice of 40 digits", IntakeChannel.WEBSHOP,
						webShop("\"" + FORTY_DIGITS + "\"")),
				Arguments.of("web shop unitPrice the JSON number 1e400", IntakeChannel.WEBSHOP, webShop("1e400")),
				Arguments.of("EDI PO104 of 40 digits", IntakeChannel.EDI, edi(FORTY_DIGITS)),
				Arguments.of("marketplace unitPriceMinor of 40 digits", IntakeChannel.MARKETPLACE,
						marketplace(FORTY_DIGITS)),
				Arguments.of("sales-rep unit_price of 40 digits", IntakeChannel.SALESREP, salesRep(FORTY_DIGITS)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("poisons")
	void anAmountOutOfEveryRangeIsDeadLetteredOnceAndTheNextOrderIsDecided(String name, IntakeChannel channel,
			Payload poison) {
		Customer poisoned = customer(true);
		Customer other = customer(true);
		String number = unique("POISON");
		int partition = partition();

		Sent bad = send(channel, partition, poisoned.ref(), number, poison);
		Sent next = send(channel, partition, other.ref(), unique("NEXT"), valid(channel));

		awaitDecided(next);
		assertThat(this.gateway.calls(bad.orderId())).as("no retry").isLessThanOrEqualTo(1);
		assertThat(this.gateway.placed(bad.orderId())).as("never an order").isEmpty();
		assertDeadLetteredOnce(bad);
		awaitCommittedPast(next);
	}

	@Test
	void anExceptionNobodyAnticipatedIsDeadLetteredAtOnceAndTheNextOrderIsDecided() {
		Customer surprised = customer(false);
		Customer other = customer(false);
		String number = unique("SURPRISE");
		String orderId = "webshop:" + number;
		this.gateway.failWith(orderId, new UnsupportedOperationException("Simulated: a failure nobody planned for"));
		int partition = partition();

		Sent bad = send(IntakeChannel.WEBSHOP, partition, surprised.ref(), number, valid(IntakeChannel.WEBSHOP));
		Sent next = send(IntakeChannel.WEBSHOP, partition, other.ref(), unique("NEXT"), valid(IntakeChannel.WEBSHOP));

		awaitDecided(next);
		IntakeFailure failure = assertDeadLetteredOnce(bad);
		assertThat(this.gateway.calls(orderId)).as("dead-lettered at once, not retried").isEqualTo(1);
		assertThat(failure.attempts()).isEqualTo(1);
		assertThat(failure.exceptionClass()).isEqualTo(UnsupportedOperationException.class.getName());
		awaitCommittedPast(next);
	}

	/** A raw payload of the channel, for an order number and a customer reference. */
	@FunctionalInterface
	interface Payload {

		String of(String number, String ref);

	}

	private static Payload webShop(String unitPrice) {
		return (number, ref) -> "{\"orderNumber\": \"" + number + "\", \"customer\": {\"externalRef\": \"" + ref
				+ "\"}, \"currency\": \"EUR\", \"lines\": [{\"sku\": \"STEEL-PLATE-10\", \"quantity\": 2, \"unitPrice\": "
				+ unitPrice + "}]}";
	}

	private static Payload edi(String unitPrice) {
		return (number, ref) -> "ST*850*0001~\nBEG*00*SA*" + number + "**20261122~\nCUR*BY*EUR~\nN1*BY*Buyer*92*" + ref
				+ "~\nPO1*1*2*EA*" + unitPrice + "**VP*STEEL-PLATE-10~\nCTT*1~\nSE*7*0001~\n";
	}

	private static Payload marketplace(String unitPriceMinor) {
		return (number, ref) -> "{\"marketplaceOrderId\": \"" + number + "\", \"buyer\": {\"accountRef\": \"" + ref
				+ "\"}, \"currencyNumeric\": \"978\", \"items\": [{\"articleNumber\": \"STEEL-PLATE-10\", \"qty\": 2, "
				+ "\"unitPriceMinor\": " + unitPriceMinor + "}]}";
	}

	private static Payload salesRep(String unitPrice) {
		return (number, ref) -> number + "," + ref + ",,,EUR,,,STEEL-PLATE-10,2," + unitPrice;
	}

	private static Payload valid(IntakeChannel channel) {
		return switch (channel) {
			case WEBSHOP -> webShop("\"149.90\"");
			case EDI -> edi("149.90");
			case MARKETPLACE -> marketplace("14990");
			case SALESREP -> salesRep("149.90");
		};
	}

	record Customer(String id, String ref) {
	}

	/**
	 * A new customer with a limit; its orders go to the real credit check when
	 * {@code real}.
	 */
	private Customer customer(boolean real) {
		HttpGraphQlTester admin = GraphQlClients.as(this.graphQl, "admin");
		String ref = TestCustomers.uniqueRef();
		String id = TestCustomers.create(admin,
				Map.of("externalRef", ref, "name", "Poison Test " + ref, "taxId", TestCustomers.uniqueGermanTaxId(),
						"countryCode", "DE", "segment", "SMB", "tier", "SILVER", "industry", "RETAIL", "creditCurrency",
						"EUR"));
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + id
					+ "\", amount: \"10000\", reason: \"poison test\"}) { userErrors { code } } }")
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		if (real) {
			this.gateway.placeForReal(id);
		}
		return new Customer(id, ref);
	}

	record Sent(String topic, int partition, long offset, String orderId, String payload) {
	}

	/**
	 * Sends the order to this partition of the channel's raw topic, keyed by the
	 * customer.
	 */
	private Sent send(IntakeChannel channel, int partition, String ref, String number, Payload payload) {
		String topic = this.properties.topic(channel);
		String value = payload.of(number, ref);
		var result = this.kafka.send(new ProducerRecord<>(topic, partition, ref, value)).join();
		return new Sent(topic, partition, result.getRecordMetadata().offset(), channel.code() + ":" + number, value);
	}

	private int partition() {
		return PARTITIONS.getAndIncrement() % this.properties.partitions();
	}

	private void awaitDecided(Sent next) {
		await().atMost(WAIT)
			.alias("the next order on " + next.topic() + "-" + next.partition() + " is decided")
			.until(() -> this.gateway.placed(next.orderId()).isPresent());
	}

	private IntakeFailure assertDeadLetteredOnce(Sent bad) {
		List<ConsumerRecord<String, String>> dead = IntakeKafka
			.readAll(this.consumers, bad.topic() + this.properties.deadLetterSuffix())
			.stream()
			.filter(r -> bad.topic().equals(IntakeKafka.header(r, IntakeDeadLetters.ORIGINAL_TOPIC))
					&& String.valueOf(bad.partition())
						.equals(IntakeKafka.header(r, IntakeDeadLetters.ORIGINAL_PARTITION))
					&& String.valueOf(bad.offset()).equals(IntakeKafka.header(r, IntakeDeadLetters.ORIGINAL_OFFSET)))
			.toList();
		assertThat(dead).as("dead letters of %s-%d@%d", bad.topic(), bad.partition(), bad.offset()).hasSize(1);
		assertThat(dead.get(0).value()).isEqualTo(bad.payload());
		List<IntakeFailure> recorded = this.mongo.find(Query.query(Criteria.where("topic")
			.is(bad.topic())
			.and("partition")
			.is(bad.partition())
			.and("offset")
			.is(bad.offset())), IntakeFailure.class);
		assertThat(recorded).hasSize(1);
		assertThat(recorded.get(0).occurrences()).isEqualTo(1);
		assertThat(recorded.get(0).attempts()).isEqualTo(1);
		return recorded.get(0);
	}

	private void awaitCommittedPast(Sent next) {
		TopicPartition partition = new TopicPartition(next.topic(), next.partition());
		await().atMost(WAIT).untilAsserted(() -> {
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.client()
				.listConsumerGroupOffsets(this.properties.groupId())
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			assertThat(committed.get(partition)).isNotNull();
			assertThat(committed.get(partition).offset()).isGreaterThan(next.offset());
		});
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

}
