package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static io.creditdesk.intake.IntakeAdapterAssertions.refused;
import static io.creditdesk.intake.IntakeAdapterAssertions.refusedForControlCharacter;
import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The web shop's JSON, from the committed samples to the canonical order. */
class IntakeWebShopAdapterTests {

	private final IntakeProcessor intake = IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer());

	@Test
	void validOrderBecomesTheCanonicalOrder() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.WEBSHOP, read("webshop/valid-order.json"));
		assertThat(order.orderId()).isEqualTo("webshop:WS-100234");
		assertThat(order.channel()).isEqualTo("webshop");
		assertThat(order.channelOrderNumber()).isEqualTo("WS-100234");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(order.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(order.lines()).containsExactly(
				new CanonicalOrder.Line("STEEL-PLATE-10", new BigDecimal("12"), new BigDecimal("149.90")),
				new CanonicalOrder.Line("BOLT-M12", new BigDecimal("250"), new BigDecimal("1.786")));
	}

	@Test
	void customerByTaxIdAndBlanksInCodesAreAccepted() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.WEBSHOP, read("webshop/valid-order-by-tax-id.json"));
		assertThat(order.orderId()).isEqualTo("webshop:WS-100235");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("3000.00"));
		assertThat(order.requestedDeliveryDate()).isNull();
	}

	@Test
	void unknownCustomerIsRefusedNamingTheReference() {
		var ex = refused(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, read("webshop/invalid-unknown-customer.json")),
				"UNKNOWN_CUSTOMER", "customer.externalRef");
		assertThat(ex.errors().get(0).message()).contains("ERP-99999");
	}

	@Test
	void totalThatDoesNotMatchTheLinesIsRefused() {
		var ex = refused(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, read("webshop/invalid-amount-mismatch.json")),
				"AMOUNT_MISMATCH", "total");
		assertThat(ex.errors().get(0).message()).contains("2,300.00 EUR").contains("2,245.30 EUR");
	}

	@Test
	void truncatedJsonIsMalformed() {
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP, read("webshop/invalid-malformed.json")),
				"MALFORMED_PAYLOAD", null);
	}

	@Test
	void missingFieldsAndBadValuesAreNamed() {
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP, "{\"customer\":{\"externalRef\":\"ERP-10042\"}}"),
				"REQUIRED", "orderNumber");
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP,
				"{\"orderNumber\":\"A1\",\"customer\":{\"externalRef\":\"ERP-10042\"},\"currency\":\"EUR\","
						+ "\"lines\":[{\"sku\":\"X\",\"quantity\":\"twelve\",\"unitPrice\":\"1\"}]}"),
				"MALFORMED_DECIMAL", "lines[0].quantity");
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP,
				"{\"orderNumber\":\"A1\",\"customer\":{\"externalRef\":\"ERP-10042\"},\"currency\":\"EURO\","
						+ "\"lines\":[{\"sku\":\"X\",\"quantity\":1,\"unitPrice\":\"1\"}]}"),
				"UNKNOWN_CURRENCY", "currency");
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP,
				"{\"orderNumber\":\"A1\",\"customer\":{\"externalRef\":\"ERP-10042\"},\"currency\":\"EUR\",\"lines\":[]}"),
				"NO_LINES", "lines");
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP, "[1,2]"), "MALFORMED_PAYLOAD", null);
	}

	/**
	 * A control character inside a text other than the order number is refused with
	 * CONTROL_CHARACTERS and the field (before, it stayed in the text or, at its end, was
	 * trimmed away unseen); blanks and line breaks around a text are trimmed as before.
	 */
	@Test
	void controlCharactersInsideTextsAreRefusedNamingTheField() {
		String valid = read("webshop/valid-order.json");
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("ERP-10042", "ERP-\\u000710042")),
				"customer.externalRef", "U+0007");
		assertThat(ex.errors().get(0).message()).contains("position 5");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP,
						valid.replace("\"externalRef\": \"ERP-10042\"",
								"\"taxId\": \"136695976\\u0000\", \"countryCode\": \"DE\"")),
				"customer.taxId", "U+0000");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP,
						valid.replace("\"externalRef\": \"ERP-10042\"",
								"\"taxId\": \"136695976\", \"countryCode\": \"D\\tE\"")),
				"customer.countryCode", "U+0009");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("\"eur\"", "\"eur\u007f\"")),
				"currency", "U+007F");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("BOLT-M12", "BOLT\\nM12")),
				"lines[1].sku", "U+000A");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.WEBSHOP,
				valid.replace("steel-plate-10", "steel-\u202eplate-10")), "lines[0].sku", "U+202E");
	}

	/**
	 * A control character in the order number, inside it or at an end, is refused with
	 * CONTROL_CHARACTERS, the field and the position, as in every other text; an
	 * invisible formatting character too, as in every id. Before, a tab inside became a
	 * space of the order id and a control character at an end was trimmed away unseen:
	 * another order id than the one sent. Blanks, tabs and line breaks around it are
	 * trimmed.
	 */
	@Test
	void aControlCharacterInTheOrderNumberIsRefusedNamingTheField() {
		String valid = read("webshop/valid-order.json");
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("WS-100234", "WS-\\t100234")),
				"orderNumber", "U+0009");
		assertThat(ex.errors().get(0).message()).contains("position 4");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("WS-100234", "WS-100234\\u0007")),
				"orderNumber", "U+0007");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("WS-100234", "\\u0000WS-100234")),
				"orderNumber", "U+0000");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.WEBSHOP, valid.replace("WS-100234", "WS-\u200b100234")),
				"orderNumber", "U+200B");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.WEBSHOP,
				valid.replace("WS-100234", "\\r\\n WS-100234\\t"));
		assertThat(order.orderId()).isEqualTo("webshop:WS-100234");
	}

	@Test
	void blanksAndLineBreaksAroundTextsAreTrimmed() {
		String payload = read("webshop/valid-order.json").replace("ERP-10042", "\\r\\n ERP-10042\\t\\n")
			.replace("\"eur\"", "\" eur\\r\\n\"")
			.replace("BOLT-M12", "\\tBOLT-M12\\r\\n");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.WEBSHOP, payload);
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("STEEL-PLATE-10", "BOLT-M12");
	}

	@Test
	void perLineRoundedTotalIsAcceptedButNotMore() {
		// 3 x 0.333 = 0.999 is 1.00 rounded overall; a shop that rounds each line first
		// states 3 x 0.33 = 0.99.
		String lines = "\"lines\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":\"0.333\"},"
				+ "{\"sku\":\"B\",\"quantity\":1,\"unitPrice\":\"0.333\"},{\"sku\":\"C\",\"quantity\":1,\"unitPrice\":\"0.333\"}]}";
		String head = "{\"orderNumber\":\"R1\",\"customer\":{\"externalRef\":\"erp-10042\"},\"currency\":\"EUR\",";
		assertThat(this.intake.normalize(IntakeChannel.WEBSHOP, head + "\"total\":\"1.00\"," + lines).amount())
			.isEqualTo(new BigDecimal("1.00"));
		assertThat(this.intake.normalize(IntakeChannel.WEBSHOP, head + "\"total\":0.99," + lines).amount())
			.isEqualTo(new BigDecimal("0.99"));
		refused(() -> this.intake.normalize(IntakeChannel.WEBSHOP, head + "\"total\":\"0.98\"," + lines),
				"AMOUNT_MISMATCH", "total");
	}

}
