package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What secures a customer's exposure right now, in its credit currency: letters of credit
 * and guarantees (a fixed amount) and credit insurance (a percentage of receivables up to
 * a cap). {@code insuredDigits}: the credit currency's minor units, to which the insured
 * share is rounded down.
 */
record SecuredTerms(BigDecimal fixedAmount, BigDecimal insurancePercent, BigDecimal insuranceCap, int insuredDigits) {

	static final SecuredTerms NONE = new SecuredTerms(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);

	/**
	 * The secured part of the given receivables: the insured part is
	 * {@code receivables x pct / 100} rounded DOWN to the currency's minor units (in the
	 * seller's favour: 90 % of 2,000.01 is 1,800.00 secured, never 1,800.01), at most the
	 * cap and never below zero, exactly as the store computes it for the credit check
	 * ({@link ExposureFormula}), so the figure shown and the check agree.
	 */
	BigDecimal secured(BigDecimal receivables) {
		BigDecimal insured = receivables.multiply(this.insurancePercent)
			.movePointLeft(2)
			.setScale(this.insuredDigits, RoundingMode.FLOOR)
			.min(this.insuranceCap);
		return this.fixedAmount.add(insured.max(BigDecimal.ZERO));
	}

}
