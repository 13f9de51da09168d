package io.creditdesk.intake;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

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
 * Records every channel's adapter refuses, through the raw topics, for a customer whose
 * orders go to the real credit check: each is dead-lettered at once with its reason code
 * and the field, and no order exists for it.
 * <ul>
 * <li>Out-of-range amounts: {@code AMOUNT_OUT_OF_RANGE} (a web-shop {@code unitPrice} of
 * {@code 1e400} used to become a held order of 10^400).</li>
 * <li>A control character inside a text (a customer reference, a tax id, an item id, a
 * currency): {@code CONTROL_CHARACTERS} (before, the character stayed in the text or was
 * trimmed away unseen and the order was placed), in the order number (a tab inside became
 * a space of the order id, one at an end was trimmed away) or in an EDI segment id (the
 * segment was ignored): {@code CONTROL_CHARACTERS}; the same orders with blanks and line
 * breaks around their texts and order numbers are placed.</li>
 * </ul>
 */
@CreditDeskIntegrationTest
class IntakeRefusedRecordsIntegrationTests {

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
		this.gateway.placeForReal(customer(ref, taxId, "Bounds", "10000"));
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
		refused(ref, sent, "AMOUNT_OUT_OF_RANGE", failure -> {
			assertThat(failure.reasonMessage()).isNotBlank().hasSizeLessThan(300);
			assertThat(failure.orderValue()).isNull();
		});
		ConsumerRecord<String, String> dead = IntakeKafka.awaitRecord(this.consumers,
				this.properties.deadLetterTopic(IntakeChannel.WEBSHOP), r -> r.value().contains(webShop));
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_CODE)).isEqualTo("AMOUNT_OUT_OF_RANGE");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_FIELD)).isEqualTo("lines[1].unitPrice");
	}

	@Test
	void aControlCharacterInEveryChannelsTextsIsDeadLetteredNamingTheFieldAndNeverBecomesAnOrder() {
		String suffix = "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		String ref = "CTRL" + suffix;
		String taxId = TestCustomers.uniqueGermanTaxId();
		this.gateway.placeForReal(customer(ref, taxId, "Control", "100000"));
		String webShop = "WS-100234" + suffix;
		String edi = "PO-77812" + suffix;
		String marketplace = "MP-5531-0098" + suffix;
		String salesRep = "SR-2026-0042" + suffix;
		Map<String, Payload> sent = Map
			.of("webshop:" + webShop,
					new Payload(IntakeChannel.WEBSHOP,
							read("webshop/valid-order.json").replace("WS-100234", webShop)
								.replace("ERP-10042", ref.replace("-", "-\\u0007")),
							"customer.externalRef"),
					"edi:" + edi,
					new Payload(IntakeChannel.EDI,
							read("edi/valid-850.edi").replace("PO-77812", edi)
								.replace("ERP-10042", ref)
								.replace("*VP*BOLT-M12", "*VP*BOLT-M12\u0000"),
							"PO1[2].PO107"),
					"marketplace:" + marketplace,
					new Payload(IntakeChannel.MARKETPLACE,
							read("marketplace/valid-order.json").replace("mp-5531-0098", marketplace)
								.replace("de 136.695.976", taxId.toLowerCase() + "\\u0001"),
							"buyer.vatId"),
					"salesrep:" + salesRep,
					new Payload(IntakeChannel.SALESREP,
							read("salesrep/valid-order.csv").replace("SR-2026-0042", salesRep)
								.replace("erp-10042", ref.toLowerCase())
								.replace(",Eur,", ",E\tur,"),
							"currency"),
					// A control character in the order number: a tab inside used to
					// become a
					// space of the order id, one at an end was trimmed away unseen.
					"webshop:WS- 100235" + suffix,
					new Payload(IntakeChannel.WEBSHOP,
							read("webshop/valid-order.json").replace("WS-100234", "WS-\\t100235" + suffix)
								.replace("ERP-10042", ref),
							"orderNumber"),
					"edi:PO-77813" + suffix,
					new Payload(IntakeChannel.EDI,
							read("edi/valid-850.edi").replace("PO-77812", "PO-77813" + suffix + "\u0007")
								.replace("ERP-10042", ref),
							"BEG03"),
					"marketplace:MP-5531- 0099" + suffix,
					new Payload(IntakeChannel.MARKETPLACE,
							read("marketplace/valid-order.json").replace("mp-5531-0098", "MP-5531-\\n0099" + suffix)
								.replace("de 136.695.976", taxId.toLowerCase()),
							"marketplaceOrderId"),
					"salesrep:SR-2026-0043" + suffix,
					new Payload(IntakeChannel.SALESREP,
							read("salesrep/valid-order.csv").replace("SR-2026-0042", "\u0001SR-2026-0043" + suffix)
								.replace("erp-10042", ref.toLowerCase()),
							"order_number"),
					// A control character in a segment id: the segment (here CUR) used to
					// be
					// ignored unseen.
					"edi:PO-77814" + suffix,
					new Payload(IntakeChannel.EDI,
							read("edi/valid-850.edi").replace("PO-77812", "PO-77814" + suffix)
								.replace("ERP-10042", ref)
								.replace("CUR*BY*EUR", "C\u0001UR*BY*EUR"),
							"segment 5"));
		refused(ref, sent, "CONTROL_CHARACTERS",
				failure -> assertThat(failure.reasonMessage()).startsWith(failure.reasonField() + " contains"));
		ConsumerRecord<String, String> dead = IntakeKafka.awaitRecord(this.consumers,
				this.properties.deadLetterTopic(IntakeChannel.SALESREP), r -> r.value().contains(salesRep));
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_CODE)).isEqualTo("CONTROL_CHARACTERS");
		assertThat(IntakeKafka.header(dead, IntakeDeadLetters.REASON_FIELD)).isEqualTo("currency");

		// The same orders with blanks and line breaks around their texts go through.
		Map<IntakeChannel, String> trimmed = Map.of(IntakeChannel.WEBSHOP,
				read("webshop/valid-order.json").replace("WS-100234", "\\r\\n " + webShop + "-T\\t")
					.replace("ERP-10042", "\\r\\n " + ref + "\\t\\n")
					.replace("\"eur\"", "\" eur\\r\\n\""),
				IntakeChannel.EDI,
				read("edi/valid-850.edi").replace("PO-77812", "\r\n " + edi + "-T\t")
					.replace("*92*ERP-10042", "*92*\r\n " + ref + "\t")
					.replace("*VP*BOLT-M12", "*VP*\tBOLT-M12 "),
				IntakeChannel.MARKETPLACE,
				read("marketplace/valid-order.json").replace("mp-5531-0098", marketplace + "-T")
					.replace("de 136.695.976", "\\r\\n" + taxId.toLowerCase() + "\\t"),
				IntakeChannel.SALESREP,
				read("salesrep/valid-order.csv").replace("SR-2026-0042", salesRep + "-T")
					.replace(" erp-10042 ", "\t" + ref.toLowerCase() + "\t")
					.replace(",Eur,", ", Eur\t,"));
		trimmed.forEach((channel, payload) -> this.kafka.send(this.properties.topic(channel), ref, payload).join());
		Map.of(IntakeChannel.WEBSHOP, webShop, IntakeChannel.EDI, edi, IntakeChannel.MARKETPLACE, marketplace,
				IntakeChannel.SALESREP, salesRep)
			.forEach((channel, number) -> {
				String orderId = channel.code() + ":" + number + "-T";
				await().atMost(WAIT).until(() -> this.orders.find(orderId).isPresent());
				assertThat(this.gateway.placed(orderId)).as(orderId).hasValueSatisfying(order -> {
					assertThat(order.currency()).isEqualTo("EUR");
					assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).contains("BOLT-M12");
				});
				assertThat(this.mongo.findById(orderId, IntakeFailure.class)).as(orderId).isNull();
			});
	}

	/**
	 * Sends the records, then each is refused with {@code code} and its field, at the
	 * first attempt, never handed to the credit check and never an order; {@code more}
	 * checks the rest of its failure.
	 */
	private void refused(String key, Map<String, Payload> sent, String code, Consumer<IntakeFailure> more) {
		sent.values().forEach(p -> this.kafka.send(this.properties.topic(p.channel()), key, p.payload()).join());
		sent.forEach((orderId, payload) -> {
			await().atMost(WAIT).until(() -> this.mongo.findById(orderId, IntakeFailure.class) != null);
			IntakeFailure failure = this.mongo.findById(orderId, IntakeFailure.class);
			assertThat(failure.reasonCode()).as(orderId).isEqualTo(code);
			assertThat(failure.reasonField()).as(orderId).isEqualTo(payload.field());
			assertThat(failure.attempts()).as(orderId).isEqualTo(1);
			assertThat(failure).as(orderId).satisfies(more);
			assertThat(this.gateway.calls(orderId)).as(orderId).isZero();
			assertThat(this.orders.find(orderId)).as(orderId).isEmpty();
		});
	}

	private String customer(String ref, String taxId, String name, String limit) {
		String id = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"),
				Map.of("externalRef", ref, "name", name + " " + ref, "taxId", taxId, "countryCode", "DE", "segment",
						"MID_MARKET", "tier", "GOLD", "industry", "MANUFACTURING", "creditCurrency", "EUR"));
		GraphQlClients.as(this.graphQl, "admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + id + "\", amount: \"" + limit
					+ "\", reason: \"refused records\"}) { userErrors { code } } }")
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	private record Payload(IntakeChannel channel, String payload, String field) {
	}

}
