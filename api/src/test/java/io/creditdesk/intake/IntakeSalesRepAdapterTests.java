package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.creditdesk.intake.IntakeAdapterAssertions.refused;
import static io.creditdesk.intake.IntakeAdapterAssertions.refusedForControlCharacter;
import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The sales-rep app's CSV line. */
class IntakeSalesRepAdapterTests {

	private final IntakeProcessor intake = IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer());

	@Test
	void quotedFieldsDecimalCommaAndLowerCaseReferenceAreAccepted() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.SALESREP, read("salesrep/valid-order.csv"));
		assertThat(order.orderId()).isEqualTo("salesrep:SR-2026-0042");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(order.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku)
			.containsExactly("STEEL-PLATE-10, 10MM", "BOLT-M12");
		assertThat(order.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("149.90"));
	}

	@Test
	void headerLineIsSkippedAndTaxIdFindsTheCustomer() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.SALESREP,
				read("salesrep/valid-order-with-header.csv"));
		assertThat(order.orderId()).isEqualTo("salesrep:SR-2026-0043");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.amount()).isEqualTo(new BigDecimal("3000.00"));
	}

	@Test
	void wrongNumberOfColumnsIsMalformed() {
		var ex = refused(() -> this.intake.normalize(IntakeChannel.SALESREP, read("salesrep/invalid-columns.csv")),
				"MALFORMED_PAYLOAD", null);
		assertThat(ex.errors().get(0).message()).contains("9 columns");
	}

	@Test
	void zeroQuantityIsRefused() {
		refused(() -> this.intake.normalize(IntakeChannel.SALESREP, read("salesrep/invalid-quantity.csv")),
				"INVALID_QUANTITY", "lines[0].quantity");
	}

	/**
	 * A control character inside a column other than the order number is refused with
	 * CONTROL_CHARACTERS and the column (before, it stayed in the value or, at its end,
	 * was trimmed away unseen); blanks around a column are trimmed as before.
	 */
	@Test
	void controlCharactersInsideColumnsAreRefusedNamingTheColumn() {
		String valid = read("salesrep/valid-order.csv").strip();
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.SALESREP, valid.replace(" erp-10042 ", " erp-\u000710042 ")),
				"customer_ref", "U+0007");
		assertThat(ex.errors().get(0).message()).contains("position 6");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.SALESREP,
				valid.replace(" erp-10042 ,,,", ",DE,136695976\u0000,")), "tax_id", "U+0000");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.SALESREP,
				valid.replace(" erp-10042 ,,,", ",\"D\tE\",136695976,")), "country", "U+0009");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.SALESREP, valid.replace(",Eur,", ",Eur\u0001,")), "currency",
				"U+0001");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.SALESREP, valid.replace("BOLT-M12", "BOLT\u001bM12")),
				"lines[1].sku", "U+001B");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.SALESREP, valid.replace("15.12.2026", "15.12.2026\u0000")),
				"requested_delivery_date", "U+0000");
	}

	/**
	 * A control character in the order number, inside it or at an end, is refused with
	 * CONTROL_CHARACTERS, the column and the position, as in every other column. Before,
	 * a tab inside became a space of the order id and a control character at an end was
	 * trimmed away unseen. Blanks and tabs around it are trimmed.
	 */
	@Test
	void aControlCharacterInTheOrderNumberIsRefusedNamingTheColumn() {
		String valid = read("salesrep/valid-order.csv").strip();
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.SALESREP, valid.replace("SR-2026-0042", "SR-2026\t-0042")),
				"order_number", "U+0009");
		assertThat(ex.errors().get(0).message()).contains("position 8");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.SALESREP,
				valid.replace("SR-2026-0042", "SR-2026-0042\u0001")), "order_number", "U+0001");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.SALESREP,
				valid.replace("SR-2026-0042", "\u001bSR-2026-0042")), "order_number", "U+001B");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.SALESREP,
				valid.replace("SR-2026-0042", "SR-2026-0042 \t"));
		assertThat(order.orderId()).isEqualTo("salesrep:SR-2026-0042");
	}

	@Test
	void blanksAroundColumnsAreTrimmed() {
		String payload = read("salesrep/valid-order.csv").strip()
			.replace(" erp-10042 ", "\t erp-10042\t")
			.replace(",Eur,", ", Eur\t,")
			.replace("BOLT-M12", "\tBOLT-M12\r");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.SALESREP, payload);
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku)
			.containsExactly("STEEL-PLATE-10, 10MM", "BOLT-M12");
	}

	@Test
	void csvQuotingFollowsRfc4180() {
		refused(() -> this.intake.normalize(IntakeChannel.SALESREP, "SR-1,ERP-10042,,,EUR,,,\"A,1,2"),
				"MALFORMED_PAYLOAD", "column 8");
		refused(() -> this.intake.normalize(IntakeChannel.SALESREP, "SR-1,ERP-10042,,,EUR,,,A\"B,1,2"),
				"MALFORMED_PAYLOAD", "column 8");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.SALESREP,
				"SR-1,ERP-10042,,,EUR,,,\"say \"\"hi\"\"\",1,2\nSR-2,ERP-10042,,,EUR,,,A,1,2".split("\n")[0]);
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).isEqualTo(List.of("SAY \"HI\""));
		refused(() -> this.intake.normalize(IntakeChannel.SALESREP,
				"SR-1,ERP-10042,,,EUR,,,A,1,2\nSR-2,ERP-10042,,,EUR,,,A,1,2"), "MALFORMED_PAYLOAD", null);
	}

}
