package io.creditdesk.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one ISO 4217 currency. The amount always carries at least the
 * currency's minor-unit digits, so {@code 1250} EUR reads {@code "1250.00"}.
 */
public record Money(BigDecimal amount, String currency) {

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		if (digits >= 0 && amount.scale() < digits) {
			amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
		}
	}

	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

	/**
	 * Whether {@code code} is an ISO 4217 currency with minor units (a figure stored as
	 * {@code "12.50 EUR"} reads as money only then).
	 */
	public static boolean isCurrency(String code) {
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	public static Money zero(String currency) {
		return new Money(BigDecimal.ZERO, currency);
	}

	public Money plus(Money other) {
		requireSameCurrency(other);
		return new Money(this.amount.add(other.amount), this.currency);
	}

	public boolean isGreaterThan(Money other) {
		requireSameCurrency(other);
		return this.amount.compareTo(other.amount) > 0;
	}

	public boolean isNegative() {
		return this.amount.signum() < 0;
	}

	private void requireSameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot combine " + this.currency + " with " + other.currency);
		}
	}

	@Override
	public String toString() {
		return this.amount.toPlainString() + " " + this.currency;
	}

}
