package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.Money;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new order is written without the template's converter ({@link OrderDocuments}): the
 * same document as the converter writes, for orders of every shape, and read back as the
 * same order.
 */
@CreditDeskIntegrationTest
class OrderDocumentsIntegrationTests {

	private static final Instant T = Instant.parse("2026-12-01T08:00:00.125Z");

	@Autowired
	private MongoTemplate mongo;

	@Test
	void writesEveryOrderAsTheConverterDoes() {
		CreditDecision held = new CreditDecision(DecisionStatus.PENDING_APPROVAL,
				List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT, CreditReasonCode.ORDER_ABOVE_MAX_VALUE),
				List.of(new CreditReason(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT, "1000.00 EUR", "1500.00 EUR"),
						new CreditReason(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "20000.00 EUR", "25000.00 EUR",
								"SEGMENT:SMB")),
				Money.of("25000", "EUR"), Money.of("100000", "EUR"), Money.of("99000.5", "EUR"),
				Money.of("1000", "EUR"), Money.of("-24000", "EUR"), T, "sales");
		// An amendment's hold: on the increase, to the order's new total.
		CreditDecision heldIncrease = held.onIncreaseTo("30000.00 EUR");
		CreditDecision approved = new CreditDecision(DecisionStatus.APPROVED,
				List.of(CreditReasonCode.WITHIN_AVAILABLE_CREDIT), null, Money.of("10", "USD"), null, null, null, null,
				T, null);
		Order full = new Order("O-" + UUID.randomUUID(), "C-1", "SMB", "WEB_SHOP", Money.of("23000", "USD"),
				Money.of("21275.00", "EUR"), new BigDecimal("0.925"), LocalDate.of(2026, 11, 30),
				LocalDate.of(2027, 2, 1), true, OrderStatus.HELD, held, new BigDecimal("1.5"), new BigDecimal("0.5"),
				new BigDecimal("1.62"), new BigDecimal("0.54"), List.of("S-1", "S-2"),
				List.of(new Order.Shipment("S-1", Money.of("1.00", "USD"), false),
						new Order.Shipment("S-2", Money.of("0.62", "USD"), true)),
				new Order.PendingAmendment(Money.of("30000", "EUR"), Money.of("30000", "EUR"),
						List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT), "sales", T.plusSeconds(60), heldIncrease),
				"sales", T, T.plusSeconds(1), "C-1|23000|USD|WEB_SHOP|2027-02-01", "wl-1", 3);
		Order plain = new Order("O-" + UUID.randomUUID(), "C-2", null, "API", Money.of("10", "USD"),
				Money.of("10", "USD"), null, null, null, false, OrderStatus.OPEN, approved, BigDecimal.ZERO,
				BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), List.of(), null, "integration", T, T,
				"C-2|10|USD|API|null", null, 1);
		Order objectIdLike = new Order(new ObjectId().toHexString(), "C-3", "ENT", "EDI", Money.of("5000", "JPY"),
				Money.of("5000", "JPY"), BigDecimal.ONE, LocalDate.of(2026, 12, 1), null, false, OrderStatus.OPEN,
				approved, null, null, null, null, null, null, null, null, null, null, null, null, 0);
		for (Order order : List.of(full, plain, objectIdLike)) {
			Document converted = new Document();
			this.mongo.getConverter().write(order, converted);
			Document written = OrderDocuments.write(order);
			assertThat(written).as(order.id()).isEqualTo(converted);
			assertThat(written.keySet()).as("field order").containsExactlyElementsOf(converted.keySet());
			this.mongo.getCollection(Order.COLLECTION).insertOne(written);
			assertThat(this.mongo.findById(order.id(), Order.class)).isEqualTo(order);
		}
	}

}
