package io.creditdesk.intake;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.ledger.OrderService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Out-of-range amounts of every channel through the raw topics, for a customer whose
 * orders go to the real credit check: each is dead-lettered at once with
 * {@code AMOUNT_OUT_OF_RANGE} and the field, and no order exists for it (a web-shop
 * {@code unitPrice} of {@code 1e400} used to become a held order of 10^400).
 */
@CreditDeskIntegrationTest
class IntakeAmountBoundsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

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
	private OrderService orders;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Test
	void everyChannelsOutOfRangeAmountIsDeadLetteredWithTheReasonAndNeverBecomesAnOrder() {
		String suffix = "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		String ref = "BOUNDS" + suffix;
		String taxId = TestCustomers.uniqueGermanTaxId();
		this.gateway.placeForReal(customer(ref, taxId));
		String webShop = "WS-100234" + suffix;
		String edi = "PO-77812" + suffix;
		String marketplace = "MP-5531-0098" + suffix;
		String salesRep = "SR-2026-0042" + suffix;
		Map<String, Payload> sent = Map.of("webshop:" + webShop,
				new Payload(IntakeChannel.WEBSHOP,
						read("webshop/valid-order.json").replace("WS-100234", webShop)
							.replace("ERP-10042", ref)
							.replace("\"unitPrice\": 1.786", "\"unitPrice\": 1e400")
							.replace("\"total\": \"2245.30\",", ""),
						"lines[1].unitPrice"),
				"edi:" + edi,
				new Payload(IntakeChannel.EDI,
						read("edi/valid-850.edi").replace("PO-77812", edi)
							.replace("ERP-10042", ref)
							.replace("PO1*2*250*", "PO1*2*1234567890123456789012345678901234567890*"),
						"PO1[2].PO102"),
				"marketplace:" + marketplace,
				new Payload(IntakeChannel.MARKETPLACE,
						read("marketplace/valid-order.json").replace("mp-5531-0098", marketplace)
							.replace("de 136.695.976", taxId.toLowerCase())
							.replace("\"totalMinor\": 224530", "\"totalMinor\": 1e400"),
						"totalMinor"),
				"salesrep:" + salesRep,
				new Payload(IntakeChannel.SALESREP,
						read("salesrep/valid-order.csv").replace("SR-2026-0042", salesRep)
							.replace("erp-10042", ref.toLowerCase())
							.replace(",1.786", ",1e400"),
						"lines[1].unit_price"));
		sent.values().forEach(p -> this.kafka.send(this.properties.topic(p.channel()), ref, p.payload()).join());

		sent.forEach((orderId, payload) -> {
			await().atMost(WAIT).until(() -> this.mongo.findById(orderId, IntakeFailure.class) != null);
			IntakeFailure failure = this.mongo.findById(orderId, IntakeFailure.class);
			assertThat(failure.reasonCode()).as(orderId).isEqualTo("AMOUNT_OUT_OF_RANGE");
			assertThat(failure.reasonField()).as(orderId).isEqualTo(payload.field());
			assertThat(failure.reasonMessage()).as(orderId).isNotBlank().hasSizeLessThan(300);
			assertThat(failure.attempts()).as(orderId).isEqualTo(1);
			assertThat(failure.orderValue()).as(orderId).isNull();
			assertThat(this.gateway.calls(orderId)).as(orderId).isZero();
			assertThat(this.orders.find(orderId)).as(orderId).isEmpty();
		});
		ConsumerRecord<String, String> dead = IntakeKafka.awaitRecord(this.consumers,
				this.properties.deadLetterTopic(IntakeChannel.WEBSHOP), r -> r.value().contains(webShop));
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_CODE)).isEqualTo("AMOUNT_OUT_OF_RANGE");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_FIELD)).isEqualTo("lines[1].unitPrice");
	}

	private String customer(String ref, String taxId) {
		String id = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"),
				Map.of("externalRef", ref, "name", "Bounds " + ref, "taxId", taxId, "countryCode", "DE", "segment",
						"MID_MARKET", "tier", "GOLD", "industry", "MANUFACTURING", "creditCurrency", "EUR"));
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + id
					+ "\", amount: \"10000\", reason: \"bounds\"}) { userErrors { code } } }")
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	private record Payload(IntakeChannel channel, String payload, String field) {
	}

}
