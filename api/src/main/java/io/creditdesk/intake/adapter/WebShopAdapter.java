package io.creditdesk.intake.adapter;

import java.util.ArrayList;
import java.util.List;

import io.creditdesk.intake.adapter.ChannelOrder.CustomerRef;
import io.creditdesk.intake.adapter.ChannelOrder.Line;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web shop's order JSON: the customer by external reference (or country and tax id),
 * nested lines with quantity and unit price, an optional stated total.
 *
 * <pre>
 * {"orderNumber": "WS-100234", "customer": {"externalRef": "ERP-10042"}, "currency": "EUR",
 *  "requestedDeliveryDate": "2026-12-15", "total": "2245.30",
 *  "lines": [{"sku": "STEEL-PLATE-10", "quantity": 12, "unitPrice": "149.90"}]}
 * </pre>
 */
public class WebShopAdapter implements ChannelAdapter {

	private final JsonFields json;

	public WebShopAdapter(JsonMapper mapper) {
		this.json = new JsonFields(mapper);
	}

	@Override
	public String orderNumberOf(String payload) {
		return this.json.peek(payload, "orderNumber");
	}

	@Override
	public ChannelOrder parse(String payload) {
		JsonNode root = this.json.object(payload);
		String orderNumber = Fields.orderNumber("orderNumber", JsonFields.text(root, "orderNumber", "orderNumber"));
		JsonNode customer = JsonFields.optionalObject(root, "customer", "customer");
		if (customer == null) {
			throw Fields.required("customer");
		}
		CustomerRef ref = new CustomerRef(
				Fields.optionalId("customer.externalRef",
						JsonFields.text(customer, "externalRef", "customer.externalRef")),
				Fields.optionalText("customer.countryCode",
						JsonFields.text(customer, "countryCode", "customer.countryCode")),
				Fields.optionalId("customer.taxId", JsonFields.text(customer, "taxId", "customer.taxId")));
		if (!ref.hasExternalRef() && !ref.hasTaxId()) {
			throw Fields.required("customer.externalRef");
		}
		String currency = Fields.requiredText("currency", JsonFields.text(root, "currency", "currency"));
		List<Line> lines = new ArrayList<>();
		JsonNode items = JsonFields.array(root, "lines", "lines");
		int i = 0;
		for (JsonNode item : items.values()) {
			String field = "lines[" + i++ + "]";
			if (!item.isObject()) {
				throw Fields.malformed("notObject", field);
			}
			lines.add(new Line(Fields.requiredId(field + ".sku", JsonFields.text(item, "sku", field + ".sku")),
					JsonFields.quantity(item, "quantity", field + ".quantity"),
					JsonFields.price(item, "unitPrice", field + ".unitPrice")));
		}
		return new ChannelOrder(orderNumber, ref, currency, JsonFields.optionalPrice(root, "total", "total"),
				Fields.date("requestedDeliveryDate",
						JsonFields.text(root, "requestedDeliveryDate", "requestedDeliveryDate")),
				lines, Fields.date("orderDate", JsonFields.text(root, "orderDate", "orderDate")));
	}

}
