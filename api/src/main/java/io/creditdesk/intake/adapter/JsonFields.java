package io.creditdesk.intake.adapter;

import java.math.BigDecimal;

import io.creditdesk.common.MoneyBounds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON payloads with exact decimals and names the offending field when a value is
 * wrong.
 */
final class JsonFields {

	private final JsonMapper mapper;

	JsonFields(JsonMapper mapper) {
		// Floats as BigDecimal: 149.90 must not pass through a binary double.
		this.mapper = mapper.rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
	}

	JsonNode object(String payload) {
		JsonNode root;
		try {
			root = this.mapper.readTree((payload != null) ? payload : "");
		}
		catch (JacksonException ex) {
			throw Fields.malformed("json", null, ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw Fields.malformed("jsonObject", null);
		}
		return root;
	}

	/** The text of a top-level field of a JSON object payload, or null; never throws. */
	String peek(String payload, String name) {
		try {
			JsonNode root = this.mapper.readTree(payload);
			return (root != null && root.isObject()) ? text(root, name, name) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The text of a string or number field; null when missing or null. */
	static String text(JsonNode parent, String name, String field) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			// toString, not toPlainString: 1e400 stays 9 characters until the bound
			// refuses it.
			return node.decimalValue().toString();
		}
		throw Fields.malformed("notScalar", field);
	}

	/** A decimal field as read, not yet held to a bound (callers apply theirs). */
	static BigDecimal decimal(JsonNode parent, String name, String field) {
		return Fields.decimal(field, text(parent, name, field));
	}

	static BigDecimal quantity(JsonNode parent, String name, String field) {
		return Fields.quantity(field, text(parent, name, field));
	}

	static BigDecimal price(JsonNode parent, String name, String field) {
		return Fields.price(field, text(parent, name, field));
	}

	/** An optional price or total: null when the field is missing. */
	static BigDecimal optionalPrice(JsonNode parent, String name, String field) {
		BigDecimal value = optionalDecimal(parent, name, field);
		return (value != null) ? MoneyBounds.price(field, value) : null;
	}

	/** An optional decimal: null when the field is missing. */
	static BigDecimal optionalDecimal(JsonNode parent, String name, String field) {
		String text = text(parent, name, field);
		return (text == null || text.isBlank()) ? null : Fields.decimal(field, text);
	}

	static JsonNode array(JsonNode parent, String name, String field) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			throw Fields.required(field);
		}
		if (!node.isArray()) {
			throw Fields.malformed("notArray", field);
		}
		return node;
	}

	static JsonNode optionalObject(JsonNode parent, String name, String field) {
		JsonNode node = parent.get(name);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw Fields.malformed("notObject", field);
		}
		return node;
	}

}
