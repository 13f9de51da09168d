package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static io.creditdesk.intake.IntakeAdapterAssertions.refused;
import static io.creditdesk.intake.IntakeAdapterAssertions.refusedForControlCharacter;
import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/** X12 850 purchase orders, from the committed samples to the canonical order. */
class IntakeEdiAdapterTests {

	private final IntakeProcessor intake = IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer());

	@Test
	void purchaseOrderInItsEnvelopeBecomesTheCanonicalOrder() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.EDI, read("edi/valid-850.edi"));
		assertThat(order.orderId()).isEqualTo("edi:PO-77812");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
		assertThat(order.requestedDeliveryDate()).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("STEEL-PLATE-10", "BOLT-M12");
		assertThat(order.lines().get(1).quantity()).isEqualTo(new BigDecimal("250"));
		assertThat(order.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("1.786"));
	}

	@Test
	void buyerByTaxIdWithoutCurrencyUsesTheAccountsCreditCurrency() {
		CanonicalOrder order = this.intake.normalize(IntakeChannel.EDI, read("edi/valid-850-tax-id-no-currency.edi"));
		assertThat(order.orderId()).isEqualTo("edi:PO-77813");
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.amount()).isEqualTo(new BigDecimal("3000.00"));
		assertThat(order.lines()).singleElement().extracting(CanonicalOrder.Line::sku).isEqualTo("PRESS-TOOL");
	}

	@Test
	void lineCountThatDoesNotMatchIsRefused() {
		var ex = refused(() -> this.intake.normalize(IntakeChannel.EDI, read("edi/invalid-line-count.edi")),
				"LINE_COUNT_MISMATCH", "CTT01");
		assertThat(ex.errors().get(0).message()).contains("3").contains("2 PO1");
	}

	@Test
	void otherTransactionSetsAreRefused() {
		refused(() -> this.intake.normalize(IntakeChannel.EDI, read("edi/invalid-not-850.edi")),
				"UNSUPPORTED_TRANSACTION", "ST01");
	}

	@Test
	void truncatedOrMiscountedTransactionsAreRefused() {
		String valid = read("edi/valid-850.edi");
		refused(() -> this.intake.normalize(IntakeChannel.EDI, valid.substring(0, valid.indexOf("CTT"))),
				"MALFORMED_PAYLOAD", "SE");
		refused(() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("SE*9*", "SE*12*")),
				"SEGMENT_COUNT_MISMATCH", "SE01");
		refused(() -> this.intake.normalize(IntakeChannel.EDI, "this is not EDI"), "MALFORMED_PAYLOAD", null);
		refused(() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*92*ERP-10042", "*ZZ*ERP-00000")),
				"UNKNOWN_CUSTOMER", "customer.externalRef");
		refused(() -> this.intake.normalize(IntakeChannel.EDI,
				valid.replace("PO1*2*250*EA*1.786", "PO1*2*250*EA*1,7x")), "MALFORMED_DECIMAL", "PO1[2].PO104");
	}

	/**
	 * A control character inside an element the adapter reads (other than BEG03) is
	 * refused with CONTROL_CHARACTERS and the element (before, it stayed in the value or,
	 * at its end, was trimmed away unseen); blanks and line breaks around an element are
	 * trimmed as before.
	 */
	@Test
	void controlCharactersInsideElementsAreRefusedNamingTheElement() {
		String valid = read("edi/valid-850.edi");
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*92*ERP-10042", "*92*ERP-\u000710042")),
				"N104", "U+0007");
		assertThat(ex.errors().get(0).message()).contains("position 5");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*92*ERP-10042", "*92\u0001*ERP-10042")),
				"N103", "U+0001");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("CUR*BY*EUR", "CUR*BY*EUR\u0000")),
				"CUR02", "U+0000");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*VP*BOLT-M12", "*VP*BOLT\tM12")),
				"PO1[2].PO107", "U+0009");
		refusedForControlCharacter(() -> this.intake.normalize(IntakeChannel.EDI,
				valid.replace("*92*ERP-10042", "*VA*DE136695976~N4*Duisburg**47057*D\u0085E")
					.replace("SE*9*", "SE*10*")),
				"N404", "U+0085");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("DTM*002*", "DTM*00\u001b2*")), "DTM01",
				"U+001B");
	}

	/**
	 * A control character in BEG03, the purchase order number, inside it or at an end, is
	 * refused with CONTROL_CHARACTERS, the element and the position, as in every other
	 * element. Before, a tab inside became a space of the order id and a control
	 * character at an end was trimmed away unseen. Blanks and line breaks around it are
	 * trimmed.
	 */
	@Test
	void aControlCharacterInThePurchaseOrderNumberIsRefusedNamingTheElement() {
		String valid = read("edi/valid-850.edi");
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*PO-77812*", "*PO-\t77812*")), "BEG03",
				"U+0009");
		assertThat(ex.errors().get(0).message()).contains("position 4");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*PO-77812*", "*PO-77812\u0007*")),
				"BEG03", "U+0007");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("*PO-77812*", "*\u0000PO-77812*")),
				"BEG03", "U+0000");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.EDI,
				valid.replace("*PO-77812*", "*\r\n PO-77812\t*"));
		assertThat(order.orderId()).isEqualTo("edi:PO-77812");
	}

	/**
	 * A control character in a segment id is refused with CONTROL_CHARACTERS naming the
	 * segment's position in the message and the character's position in the segment.
	 * Before, the segment was unknown and silently ignored (a lost CUR: the customer's
	 * credit currency applied; a lost PO1: a line and its amount gone), or the character
	 * at an end was trimmed away unseen.
	 */
	@Test
	void aControlCharacterInASegmentIdIsRefusedNamingTheSegment() {
		String valid = read("edi/valid-850.edi");
		var ex = refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("CUR*BY*EUR", "C\u0001UR*BY*EUR")),
				"segment 5", "U+0001");
		assertThat(ex.errors().get(0).message()).contains("position 2");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI,
						valid.replace("PO1*2*250*", "P\tO1*2*250*").replace("CTT*2~", "CTT*1~")),
				"segment 9", "U+0009");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("PO1*2*250*", "PO1\u0085*2*250*")),
				"segment 9", "U+0085");
		refusedForControlCharacter(
				() -> this.intake.normalize(IntakeChannel.EDI, valid.replace("PO1*2*250*", "\u0007PO1*2*250*")),
				"segment 9", "U+0007");
		// Blanks and line breaks around segments and their ids are trimmed as before.
		assertThat(this.intake.normalize(IntakeChannel.EDI, valid.replace("PO1*2*250*", "\r\n PO1 *2*250*")).amount())
			.isEqualTo(new BigDecimal("2245.30"));
	}

	@Test
	void blanksAndLineBreaksAroundElementsAreTrimmed() {
		String payload = read("edi/valid-850.edi").replace("*92*ERP-10042", "*92*\r\n ERP-10042\t")
			.replace("CUR*BY*EUR", "CUR*BY* EUR\r\n")
			.replace("*VP*BOLT-M12", "*VP*\tBOLT-M12 ");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.EDI, payload);
		assertThat(order.customerId()).isEqualTo("cust-1");
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("STEEL-PLATE-10", "BOLT-M12");
	}

	@Test
	void separatorDeclaredByTheEnvelopeAndLowerCaseSegmentIdsAreAccepted() {
		String pipes = read("edi/valid-850.edi").replace('*', '|').replace("ST|", "st|");
		CanonicalOrder order = this.intake.normalize(IntakeChannel.EDI, pipes);
		assertThat(order.amount()).isEqualTo(new BigDecimal("2245.30"));
	}

}
