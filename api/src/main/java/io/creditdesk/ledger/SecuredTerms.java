package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What secures a customer's exposure right now, in its credit currency: letters of credit
 * and guarantees (a fixed amount) and credit insurance (a percentage of receivables up to
 * a cap).
 */
record SecuredTerms(BigDecimal fixedAmount, BigDecimal insurancePercent, BigDecimal insuranceCap) {

	static final SecuredTerms NONE = new SecuredTerms(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	/** The secured part of the given receivables. */
	BigDecimal secured(BigDecimal receivables) {
		BigDecimal insured = receivables.multiply(this.insurancePercent)
			.divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_EVEN)
			.min(this.insuranceCap);
		return this.fixedAmount.add(insured.max(BigDecimal.ZERO));
	}

}
