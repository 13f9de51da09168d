package io.creditdesk.intake.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.creditdesk.intake.adapter.ChannelOrder.CustomerRef;
import io.creditdesk.intake.adapter.ChannelOrder.Line;

/**
 * The sales-rep app: one order as one CSV line (RFC 4180: fields in double quotes may
 * hold commas, {@code ""} is a quote). Columns, in this order:
 *
 * <pre>
 * order_number, customer_ref, country, tax_id, currency, requested_delivery_date, total,
 * sku, quantity, unit_price [, sku, quantity, unit_price ...]
 * </pre>
 *
 * {@code customer_ref} (the external reference) or {@code country} + {@code tax_id} names
 * the customer; {@code requested_delivery_date} and {@code total} may be empty. Each
 * order line is three more columns. Decimals may use a decimal comma in a quoted field
 * ({@code "149,90"}); dates may be {@code 2026-12-15} or {@code 15.12.2026}. A header
 * line starting with {@code order_number} is skipped.
 */
public class SalesRepCsvAdapter implements ChannelAdapter {

	static final List<String> COLUMNS = List.of("order_number", "customer_ref", "country", "tax_id", "currency",
			"requested_delivery_date", "total");

	@Override
	public String orderNumberOf(String payload) {
		try {
			List<String> records = records(payload);
			return (records.size() == 1) ? Fields.peek(split(records.get(0)).get(0)) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public ChannelOrder parse(String payload) {
		if (payload == null || payload.isBlank()) {
			throw Fields.malformed("empty", null);
		}
		List<String> records = records(payload);
		if (records.size() != 1) {
			throw Fields.malformed("csvLines", null, records.size());
		}
		List<String> fields = split(records.get(0));
		int lineColumns = fields.size() - COLUMNS.size();
		if (lineColumns < 3 || lineColumns % 3 != 0) {
			throw Fields.malformed("csvColumns", null, COLUMNS.size(), String.join(", ", COLUMNS), fields.size());
		}
		String orderNumber = Fields.orderNumber("order_number", fields.get(0));
		CustomerRef ref = new CustomerRef(Fields.optionalId("customer_ref", fields.get(1)),
				Fields.optionalText("country", fields.get(2)), Fields.optionalId("tax_id", fields.get(3)));
		if (!ref.hasExternalRef() && !ref.hasTaxId()) {
			throw Fields.required("customer_ref");
		}
		String currency = Fields.requiredText("currency", fields.get(4));
		List<Line> lines = new ArrayList<>();
		for (int i = COLUMNS.size(); i < fields.size(); i += 3) {
			String field = "lines[" + (i - COLUMNS.size()) / 3 + "]";
			lines.add(new Line(Fields.requiredId(field + ".sku", fields.get(i)),
					Fields.quantity(field + ".quantity", fields.get(i + 1)),
					Fields.price(field + ".unit_price", fields.get(i + 2))));
		}
		String total = Fields.optionalText("total", fields.get(6));
		return new ChannelOrder(orderNumber, ref, currency, (total != null) ? Fields.price("total", total) : null,
				Fields.date("requested_delivery_date", fields.get(5)), lines);
	}

	private static List<String> records(String payload) {
		List<String> records = new ArrayList<>();
		for (String line : payload.strip().split("\\r?\\n")) {
			if (!line.isBlank() && !line.trim().toLowerCase(Locale.ROOT).startsWith("order_number")) {
				records.add(line);
			}
		}
		return records;
	}

	/** Splits one RFC 4180 line; a quote inside a quoted field is written twice. */
	static List<String> split(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		boolean wasQuoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					current.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					current.append(c);
				}
			}
			else if (c == '"' && current.toString().isBlank() && !wasQuoted) {
				current.setLength(0);
				quoted = true;
				wasQuoted = true;
			}
			else if (c == ',') {
				fields.add(current.toString());
				current.setLength(0);
				wasQuoted = false;
			}
			else if (c == '"') {
				throw Fields.malformed("csvQuoteInside", "column " + (fields.size() + 1), fields.size() + 1);
			}
			else if (!(wasQuoted && Character.isWhitespace(c))) {
				if (wasQuoted) {
					throw Fields.malformed("csvAfterQuote", "column " + (fields.size() + 1), fields.size() + 1);
				}
				current.append(c);
			}
		}
		if (quoted) {
			throw Fields.malformed("csvUnterminated", "column " + (fields.size() + 1), fields.size() + 1);
		}
		fields.add(current.toString());
		return fields;
	}

}
