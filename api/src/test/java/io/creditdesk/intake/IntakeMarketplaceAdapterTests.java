package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static io.creditdesk.intake.IntakeAdapterAssertions.refused;
import static io.creditdesk.intake.IntakeAdapterAssertions.refusedForControlCharacter;
import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The marketplace feed: minor units and numeric currency codes. */
class IntakeMarketplaceAdapterTests {

	private final IntakeProcessor intake = IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()
		.add("cust-jp", "JP-7", "JP", "JP1234567", "JPY")
		.add("cust-bh", "BH-3", "BH", "BH12345", "BHD"));

	@Test
	void minorUnitsAndNumericCurrencyBecomeTheCanonicalOrder() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.MARKETPLACE, read("marketplace/valid-order.json"));
		assertThat(order.orderId()).isEqualTo("marketplace:MP-5531-0098");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(order.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(order.lines().get(0).unitPrice()).isEqualByComparingTo("149.90");
		assertThat(order.lines().get(1).unitPrice()).isEqualByComparingTo("1.786");
	}

	@Test
	void aTotalOffByAFractionOfAMinorUnitIsRounded() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.MARKETPLACE,
				read("marketplace/valid-order-rounded-total.json"));
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
	}

	@Test
	void minorUnitsFollowTheCurrencysDigits() {
		String yen = "{\"marketplaceOrderId\":\"J1\",\"buyer\":{\"accountRef\":\"JP-7\"},\"currencyNumeric\":392,"
				+ "\"totalMinor\":14990,\"items\":[{\"articleNumber\":\"A\",\"qty\":1,\"unitPriceMinor\":14990}]}";
		CanonicalOrder jpy = this.intake.normalize(IntakeChannel.MARKETPLACE, yen);
		assertThat(jpy.currency()).isEqualTo("JPY");
		assertThat(jpy.amount()).isEqualTo(new BigDecimal("14990"));
		String dinar = "{\"marketplaceOrderId\":\"B1\",\"buyer\":{\"accountRef\":\"BH-3\"},\"currencyNumeric\":\"048\","
				+ "\"totalMinor\":14990,\"items\":[{\"articleNumber\":\"A\",\"qty\":1,\"unitPriceMinor\":14990}]}";
		CanonicalOrder bhd = this.intake.normalize(IntakeChannel.MARKETPLACE, dinar);
		assertThat(bhd.currency()).isEqualTo("BHD");
		assertThat(bhd.amount()).isEqualTo(new BigDecimal("14.990"));
	}

	@Test
	void unknownNumericCurrencyIsRefused() {
		refused(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				read("marketplace/invalid-unknown-currency.json")), "UNKNOWN_CURRENCY", "currencyNumeric");
		refused(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				read("marketplace/valid-order.json").replace("\"978\"", "\"EUR\"")), "UNKNOWN_CURRENCY",
				"currencyNumeric");
	}

	@Test
	void totalThatDoesNotMatchTheItemsIsRefused() {
		refused(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				read("marketplace/valid-order.json").replace("224530", "224630")), "AMOUNT_MISMATCH", "total");
	}

	/**
	 * A control character inside a text other than the order id is refused with
	 * CONTROL_CHARACTERS and the field (before, it stayed in the text or, at its end, was
	 * trimmed away unseen); blanks and line breaks around a text are trimmed as before.
	 */
	@Test
	void controlCharactersInsideTextsAreRefusedNamingTheField() {
		String valid = read("marketplace/valid-order.json");
		var ex = refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("de 136.695.976", "de 136.\\u0007695.976")), "buyer.vatId", "U+0007");
		assertThat(ex.errors().get(0).message()).contains("position 8");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("\"country\": \"de\"", "\"country\": \"de\\u0000\"")), "buyer.country", "U+0000");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.MARKETPLACE, valid
					.replace("\"vatId\": \"de 136.695.976\", \"country\": \"de\"", "\"accountRef\": \"ERP\\t10042\"")),
				"buyer.accountRef", "U+0009");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.MARKETPLACE, valid.replace("\"978\"", "\"978\\u0001\"")),
				"currencyNumeric", "U+0001");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.MARKETPLACE, valid.replace("BOLT-M12", "BOLT\\nM12")),
				"items[1].articleNumber", "U+000A");
	}

	/**
	 * A control character in the marketplace's order id, inside it or at an end, is
	 * refused with CONTROL_CHARACTERS, the field and the position, as in every other
	 * text. Before, a line break inside became a space of the order id and a control
	 * character at an end was trimmed away unseen. Blanks and line breaks around it are
	 * trimmed.
	 */
	@Test
	void aControlCharacterInTheOrderIdIsRefusedNamingTheField() {
		String valid = read("marketplace/valid-order.json");
		var ex = refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("mp-5531-0098", "mp-5531\\n-0098")), "marketplaceOrderId", "U+000A");
		assertThat(ex.errors().get(0).message()).contains("position 8");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("mp-5531-0098", "\\u0001mp-5531-0098")), "marketplaceOrderId", "U+0001");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("mp-5531-0098", "mp-5531-0098\\u007f")), "marketplaceOrderId", "U+007F");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.MARKETPLACE,
				valid.replace("mp-5531-0098", "\\t mp-5531-0098\\r\\n"));
		assertThat(order.orderId()).isEqualTo("marketplace:MP-5531-0098");
	}

	@Test
	void blanksAndLineBreaksAroundTextsAreTrimmed() {
		String payload = read("marketplace/valid-order.json").replace("de 136.695.976", "\\r\\nde 136.695.976\\t")
			.replace("\"978\"", "\" 978\\n\"")
			.replace("BOLT-M12", "\\tBOLT-M12\\r\\n");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.MARKETPLACE, payload);
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("STEEL-PLATE-10", "BOLT-M12");
	}

	@Test
	void missingBuyerIsRefused() {
		refused(() -> this.intake.normalize(IntakeChannel.MARKETPLACE,
				"{\"marketplaceOrderId\":\"X\",\"currencyNumeric\":978,\"items\":[]}"), "REQUIRED", "buyer");
	}

}
