package io.creditdesk.common;

/** An amount of money as sent by a client; validated by {@link Validation#money}. */
public record MoneyInput(DecimalInput amount, String currency) {

	public Money validate(Validation validation, String field) {
		String code = validation.currency(field + ".currency", this.currency);
		return validation.money(field + ".amount", this.amount, code);
	}

}
