package io.creditdesk.trainingdata.generator;

/**
 * Customer size segments with their invoicing habits. Risk at the start is lower for
 * larger customers, as in trade-credit statistics; terms are longer for them.
 */
public enum Segment {

	SME(0.60, 2.0, 900, 30, -3.0), MID_MARKET(0.30, 5.0, 4_000, 30, -3.4), ENTERPRISE(0.10, 11.0, 18_000, 60, -3.9);

	/** Share of customers in this segment. */
	final double share;

	/** Mean number of invoices per month. */
	final double invoicesPerMonth;

	/** Median invoice amount. */
	final double medianAmount;

	/** Payment terms in days. */
	final int termsDays;

	/** Mean of the latent risk (log-odds scale) at the start. */
	final double riskMean;

	Segment(double share, double invoicesPerMonth, double medianAmount, int termsDays, double riskMean) {
		this.share = share;
		this.invoicesPerMonth = invoicesPerMonth;
		this.medianAmount = medianAmount;
		this.termsDays = termsDays;
		this.riskMean = riskMean;
	}

}
