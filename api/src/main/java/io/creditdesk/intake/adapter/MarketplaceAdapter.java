package io.creditdesk.intake.adapter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.common.UserError;
import io.creditdesk.intake.adapter.ChannelOrder.CustomerRef;
import io.creditdesk.intake.adapter.ChannelOrder.Line;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketplace feed: other field names, amounts in minor units (integers: cents), the
 * currency as the numeric ISO 4217 code ({@code 978} is EUR). Amounts are scaled by the
 * currency's minor-unit digits, so {@code 14990} is 149.90 EUR but 14990 JPY. A stated
 * total with a fraction of a minor unit (some feeds send {@code 224530.0} or a computed
 * {@code 224529.9999}) is rounded half up to whole minor units; unit prices keep
 * fractions of a minor unit exactly. Minor units are held to the same bound as the
 * amounts they make (10^17 cents is 10^15 EUR, out of range), before any rounding.
 *
 * <pre>
 * {"marketplaceOrderId": "MP-5531-0098", "buyer": {"accountRef": "ERP-10042"}, "currencyNumeric": 978,
 *  "totalMinor": 224530, "deliverBy": "2026-12-15",
 *  "items": [{"articleNumber": "STEEL-PLATE-10", "qty": 12, "unitPriceMinor": 14990}]}
 * </pre>
 */
public class MarketplaceAdapter implements ChannelAdapter {

	/** Numeric ISO 4217 code to currency, for the currencies money can be kept in. */
	private static final Map<Integer, Currency> BY_NUMBER = Currency.getAvailableCurrencies()
		.stream()
		.filter(c -> c.getNumericCode() > 0 && c.getDefaultFractionDigits() >= 0)
		.collect(Collectors.groupingBy(Currency::getNumericCode))
		.entrySet()
		.stream()
		.collect(Collectors.toMap(Map.Entry::getKey,
				e -> e.getValue()
					.stream()
					.min(Comparator.comparing(MarketplaceAdapter::retired).thenComparing(Currency::getCurrencyCode))
					.orElseThrow()));

	private final JsonFields json;

	public MarketplaceAdapter(JsonMapper mapper) {
		this.json = new JsonFields(mapper);
	}

	@Override
	public String orderNumberOf(String payload) {
		return this.json.peek(payload, "marketplaceOrderId");
	}

	@Override
	public ChannelOrder parse(String payload) {
		JsonNode root = this.json.object(payload);
		String orderNumber = Fields.orderNumber("marketplaceOrderId",
				JsonFields.text(root, "marketplaceOrderId", "marketplaceOrderId"));
		JsonNode buyer = JsonFields.optionalObject(root, "buyer", "buyer");
		if (buyer == null) {
			throw Fields.required("buyer");
		}
		CustomerRef ref = new CustomerRef(
				Fields.optionalId("buyer.accountRef", JsonFields.text(buyer, "accountRef", "buyer.accountRef")),
				Fields.optionalText("buyer.country", JsonFields.text(buyer, "country", "buyer.country")),
				Fields.optionalId("buyer.vatId", JsonFields.text(buyer, "vatId", "buyer.vatId")));
		if (!ref.hasExternalRef() && !ref.hasTaxId()) {
			throw Fields.required("buyer.accountRef");
		}
		Currency currency = currency(JsonFields.text(root, "currencyNumeric", "currencyNumeric"));
		int digits = currency.getDefaultFractionDigits();
		List<Line> lines = new ArrayList<>();
		int i = 0;
		for (JsonNode item : JsonFields.array(root, "items", "items").values()) {
			String field = "items[" + i++ + "]";
			if (!item.isObject()) {
				throw Fields.malformed("notObject", field);
			}
			BigDecimal priceMinor = minorUnits(field + ".unitPriceMinor",
					JsonFields.decimal(item, "unitPriceMinor", field + ".unitPriceMinor"), digits);
			lines.add(new Line(
					Fields.requiredId(field + ".articleNumber",
							JsonFields.text(item, "articleNumber", field + ".articleNumber")),
					JsonFields.quantity(item, "qty", field + ".qty"), priceMinor.movePointLeft(digits)));
		}
		BigDecimal totalMinor = JsonFields.optionalDecimal(root, "totalMinor", "totalMinor");
		BigDecimal total = (totalMinor != null)
				? minorUnits("totalMinor", totalMinor, digits).setScale(0, RoundingMode.HALF_UP)
					.movePointLeft(digits)
					.setScale(digits, RoundingMode.UNNECESSARY)
				: null;
		return new ChannelOrder(orderNumber, ref, currency.getCurrencyCode(), total,
				Fields.date("deliverBy", JsonFields.text(root, "deliverBy", "deliverBy")), lines,
				Fields.date("orderDate", JsonFields.text(root, "orderDate", "orderDate")));
	}

	/**
	 * An amount in minor units, held to the bound of prices in the currency: 10^17 cents
	 * is 10^15 EUR, and 6 decimals of a euro are 4 of a cent. Checked before any
	 * rounding.
	 */
	private static BigDecimal minorUnits(String field, BigDecimal minor, int digits) {
		return MoneyBounds.within(field, minor, MoneyBounds.MAX_INTEGER_DIGITS + digits,
				Math.max(0, MoneyBounds.MAX_LINE_DECIMALS - digits));
	}

	/**
	 * The currency with this numeric ISO 4217 code (leading zeros and blanks allowed).
	 */
	static Currency currency(String numeric) {
		String trimmed = Fields.requiredText("currencyNumeric", numeric);
		if (!trimmed.matches("\\d{1,3}")) {
			throw CreditDeskException.refuse(CommonErrorCode.UNKNOWN_CURRENCY.variant("numericFormat"),
					"currencyNumeric", UserError.quoted(numeric));
		}
		Currency currency = BY_NUMBER.get(Integer.parseInt(trimmed));
		if (currency == null) {
			throw CreditDeskException.refuse(CommonErrorCode.UNKNOWN_CURRENCY.variant("numeric"), "currencyNumeric",
					UserError.quoted(numeric));
		}
		return currency;
	}

	/**
	 * Supranational and special codes (X..) lose against a national currency sharing the
	 * number.
	 */
	private static boolean retired(Currency currency) {
		return currency.getCurrencyCode().startsWith("X");
	}

}
