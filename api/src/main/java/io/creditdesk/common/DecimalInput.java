package io.creditdesk.common;

import java.math.BigDecimal;

/**
 * A decimal as the client sent it. Parsing is deferred to the service so that a malformed
 * or out-of-range amount becomes a {@code userError} naming the field, not a failed
 * request.
 */
public record DecimalInput(String raw) {

	public static DecimalInput of(String raw) {
		return new DecimalInput(raw);
	}

	/**
	 * The value as {@link MoneyBounds#parse} reads it, or null when {@link #raw()} is not
	 * one.
	 */
	public BigDecimal toBigDecimal() {
		return MoneyBounds.parseOrNull(this.raw);
	}

	@Override
	public String toString() {
		return this.raw;
	}

}
