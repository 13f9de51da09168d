package io.creditdesk.insight;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;

/**
 * Receivables at the period end, credit sales and DSO in the reporting currency, or why
 * they cannot be given: an amount in a currency without a rate into the reporting
 * currency. Summing the rest would report a wrong figure, so each of the three fields
 * then fails on its own with {@code FX_RATE_MISSING} and the other KPIs still answer
 * (GraphQL partial results).
 */
record ReportedTotals(Dso.Totals totals, String currency, long days, CreditDeskException missingRates) {

	static ReportedTotals of(Dso.Totals totals, String currency, long days) {
		return new ReportedTotals(totals, currency, days, null);
	}

	static ReportedTotals missing(CreditDeskException missingRates) {
		return new ReportedTotals(null, null, 0, missingRates);
	}

	Money receivablesAtEnd() {
		return new Money(given().receivablesAtEnd(), this.currency);
	}

	Money creditSales() {
		return new Money(given().creditSales(), this.currency);
	}

	/** DSO in days, or null without credit sales. */
	Double dso() {
		return given().dso(this.days);
	}

	private Dso.Totals given() {
		if (this.missingRates != null) {
			throw this.missingRates;
		}
		return this.totals;
	}

}
