package io.creditdesk.common;

import java.math.BigDecimal;

/**
 * A decimal as the client sent it. Parsing is deferred to the service so that a malformed
 * amount becomes a {@code userError} naming the field, not a failed request.
 */
public record DecimalInput(String raw) {

	private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

	public static DecimalInput of(String raw) {
		return new DecimalInput(raw);
	}

	/** The value, or null when {@link #raw()} is not a decimal number. */
	public BigDecimal toBigDecimal() {
		if (this.raw == null) {
			return null;
		}
		String trimmed = this.raw.trim();
		if (!DECIMAL.matcher(trimmed).matches()) {
			return null;
		}
		return new BigDecimal(trimmed);
	}

	@Override
	public String toString() {
		return this.raw;
	}

}
