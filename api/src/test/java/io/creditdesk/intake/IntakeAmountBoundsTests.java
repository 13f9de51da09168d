package io.creditdesk.intake;

import java.math.BigDecimal;

import io.creditdesk.common.MoneyBounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.creditdesk.intake.IntakeAdapterAssertions.refused;
import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every channel's amounts are held to the one bound of amounts: quantities, unit prices,
 * stated totals and the products of the lines; a violation is a refusal with a code and
 * the field, never an order, and describing the refused payload for its failure record
 * stays within the bound too.
 */
class IntakeAmountBoundsTests {

	private static final String FORTY_DIGITS = "1234567890123456789012345678901234567890";

	private final IntakeProcessor intake = IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer());

	private static String webShop(String quantity, String unitPrice, String total) {
		return "{\"orderNumber\": \"WS-BOUND\", \"customer\": {\"externalRef\": \"ERP-10042\"}, \"currency\": \"EUR\","
				+ ((total != null) ? " \"total\": " + total + "," : "")
				+ " \"lines\": [{\"sku\": \"STEEL\", \"quantity\": " + quantity + ", \"unitPrice\": " + unitPrice
				+ "}]}";
	}

	private static String edi(String quantity, String unitPrice) {
		return read("edi/valid-850.edi").replace("PO1*1*12*EA*149.90**",
				"PO1*1*" + quantity + "*EA*" + unitPrice + "**");
	}

	private static String marketplace(String qty, String unitPriceMinor, String totalMinor) {
		return "{\"marketplaceOrderId\": \"MP-BOUND\", \"buyer\": {\"accountRef\": \"ERP-10042\"}, \"currencyNumeric\": 978,"
				+ ((totalMinor != null) ? " \"totalMinor\": " + totalMinor + "," : "")
				+ " \"items\": [{\"articleNumber\": \"STEEL\", \"qty\": " + qty + ", \"unitPriceMinor\": "
				+ unitPriceMinor + "}]}";
	}

	private static String salesRep(String quantity, String unitPrice, String total) {
		return "SR-BOUND,ERP-10042,,,EUR,," + total + ",STEEL," + quantity + "," + unitPrice;
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "webshop unit price as the JSON number 1e400     | lines[0].unitPrice  | AMOUNT_OUT_OF_RANGE",
					"webshop unit price of 40 digits as a string     | lines[0].unitPrice  | AMOUNT_OUT_OF_RANGE",
					"webshop unit price of 40 digits as a number     | lines[0].unitPrice  | AMOUNT_OUT_OF_RANGE",
					"webshop unit price 1e999999999                  | lines[0].unitPrice  | AMOUNT_OUT_OF_RANGE",
					"webshop unit price 1e-400                       | lines[0].unitPrice  | TOO_MANY_DECIMALS",
					"webshop quantity 1e10                           | lines[0].quantity   | AMOUNT_OUT_OF_RANGE",
					"webshop total 1e400                             | total               | AMOUNT_OUT_OF_RANGE",
					"webshop total with a tenth of a cent            | total               | TOO_MANY_DECIMALS",
					"webshop quantity x unit price beyond the bound  | lines               | AMOUNT_OUT_OF_RANGE",
					"edi unit price 1E400                            | PO1[1].PO104        | AMOUNT_OUT_OF_RANGE",
					"edi quantity of 40 digits                       | PO1[1].PO102        | AMOUNT_OUT_OF_RANGE",
					"edi quantity x unit price beyond the bound      | lines               | AMOUNT_OUT_OF_RANGE",
					"marketplace unit price 1e400 cents              | items[0].unitPriceMinor | AMOUNT_OUT_OF_RANGE",
					"marketplace unit price 10^17 cents              | items[0].unitPriceMinor | AMOUNT_OUT_OF_RANGE",
					"marketplace total 1e400 cents                   | totalMinor          | AMOUNT_OUT_OF_RANGE",
					"marketplace total 1e-400 cents                  | totalMinor          | TOO_MANY_DECIMALS",
					"marketplace quantity of 40 digits               | items[0].qty        | AMOUNT_OUT_OF_RANGE",
					"salesrep unit price 1e400                       | lines[0].unit_price | AMOUNT_OUT_OF_RANGE",
					"salesrep quantity of 40 digits                  | lines[0].quantity   | AMOUNT_OUT_OF_RANGE",
					"salesrep total of 40 digits                     | total               | AMOUNT_OUT_OF_RANGE", })
	void anAmountBeyondTheBoundIsRefusedNamingTheField(String description, String field, String code) {
		IntakeChannel channel = IntakeChannel.valueOf(description.substring(0, description.indexOf(' ')).toUpperCase());
		String payload = payload(description);
		refused(() -> this.intake.normalize(channel, payload), code, field);
		// The failure record is described from the payload: no value beyond the bound is
		// kept there either.
		IntakeProcessor.Described described = this.intake.describe(channel, payload);
		assertThat(described.value()).as("order value of the failure record")
			.satisfiesAnyOf(value -> assertThat(value).isNull(),
					value -> assertThat(MoneyBounds.exceeds(value.amount())).isFalse());
		assertThat(described.orderId()).isNotNull();
	}

	private static String payload(String description) {
		return switch (description) {
			case "webshop unit price as the JSON number 1e400" -> webShop("1", "1e400", null);
			case "webshop unit price of 40 digits as a string" -> webShop("1", "\"" + FORTY_DIGITS + "\"", null);
			case "webshop unit price of 40 digits as a number" -> webShop("1", FORTY_DIGITS, null);
			case "webshop unit price 1e999999999" -> webShop("1", "1e999999999", null);
			case "webshop unit price 1e-400" -> webShop("1", "1e-400", null);
			case "webshop quantity 1e10" -> webShop("1e10", "1", null);
			case "webshop total 1e400" -> webShop("1", "1", "1e400");
			case "webshop total with a tenth of a cent" -> webShop("1", "1", "\"1.001\"");
			case "webshop quantity x unit price beyond the bound" -> webShop("999999999", "\"999999999999999\"", null);
			case "edi unit price 1E400" -> edi("12", "1E400");
			case "edi quantity of 40 digits" -> edi(FORTY_DIGITS, "149.90");
			case "edi quantity x unit price beyond the bound" -> edi("999999999", "999999999999999");
			case "marketplace unit price 1e400 cents" -> marketplace("1", "1e400", null);
			case "marketplace unit price 10^17 cents" -> marketplace("1", "100000000000000000", null);
			case "marketplace total 1e400 cents" -> marketplace("1", "100", "1e400");
			case "marketplace total 1e-400 cents" -> marketplace("1", "100", "1e-400");
			case "marketplace quantity of 40 digits" -> marketplace(FORTY_DIGITS, "100", null);
			case "salesrep unit price 1e400" -> salesRep("1", "1e400", "");
			case "salesrep quantity of 40 digits" -> salesRep(FORTY_DIGITS, "1", "");
			case "salesrep total of 40 digits" -> salesRep("1", "1", FORTY_DIGITS);
			default -> throw new IllegalArgumentException(description);
		};
	}

	@Test
	void amountsAtTheBoundAreAcceptedAndTrailingZerosNormalised() {
		CanonicalOrder largest = this.intake.normalize(IntakeChannel.WEBSHOP,
				webShop("1", "\"999999999999999.99\"", "\"999999999999999.9900\""));
		assertThat(largest.amount()).isEqualTo(new BigDecimal("999999999999999.99"));

		CanonicalOrder exponent = this.intake.normalize(IntakeChannel.WEBSHOP, webShop("2", "1.499E+2", "\"299.800\""));
		assertThat(exponent.amount()).isEqualTo(new BigDecimal("299.80"));
		assertThat(exponent.lines().get(0).unitPrice()).isEqualByComparingTo("149.9");

		CanonicalOrder cents = this.intake.normalize(IntakeChannel.MARKETPLACE,
				marketplace("1", "99999999999999999", "99999999999999999"));
		assertThat(cents.amount()).isEqualTo(new BigDecimal("999999999999999.99"));
	}

	@Test
	void aTenMegabyteAmountIsRefusedWithoutEchoingIt() {
		String huge = "9".repeat(10 * 1024 * 1024);
		var ex = refused(() -> this.intake.normalize(IntakeChannel.SALESREP, salesRep("1", huge, "")),
				"AMOUNT_OUT_OF_RANGE", "lines[0].unit_price");
		assertThat(ex.errors().get(0).message()).hasSizeLessThan(300);
		var edi = refused(
				() -> this.intake.normalize(IntakeChannel.EDI,
						read("edi/valid-850.edi").replace("ST*850*", "ST*" + "8".repeat(10 * 1024 * 1024) + "*")),
				"UNSUPPORTED_TRANSACTION", "ST01");
		assertThat(edi.errors().get(0).message()).hasSizeLessThan(300);
	}

}
