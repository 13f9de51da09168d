package io.creditdesk.ledger;

import java.math.BigDecimal;

/**
 * What secures a customer's exposure right now, in its credit currency: letters of credit
 * and guarantees (a fixed amount) and credit insurance (a percentage of receivables up to
 * a cap).
 */
record SecuredTerms(BigDecimal fixedAmount, BigDecimal insurancePercent, BigDecimal insuranceCap) {

	static final SecuredTerms NONE = new SecuredTerms(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	/**
	 * The secured part of the given receivables, exact: the insured part is
	 * {@code receivables x pct / 100} as the store computes it ({@link ExposureFormula}),
	 * never at a scale of its own; a figure of it shown or recorded is rounded to the
	 * currency's minor units where it becomes money ({@link CreditAccount#money}).
	 */
	BigDecimal secured(BigDecimal receivables) {
		BigDecimal insured = receivables.multiply(this.insurancePercent).movePointLeft(2).min(this.insuranceCap);
		return this.fixedAmount.add(insured.max(BigDecimal.ZERO));
	}

}
