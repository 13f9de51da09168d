package io.creditdesk.scoring.ledger;

/**
 * The label's definition (see the scoring README, "The label"): 1 when, within
 * {@code horizonMonths} after the as-of date T, an invoice of the customer is, or
 * becomes, {@code seriousDaysLate} or more days past due while unpaid, or is closed with
 * more than half of it written off.
 *
 * @param horizonMonths length of the outcome window (T, T + horizon], 1 to 24 months
 * @param seriousDaysLate days past due that count as serious delinquency, at least 1
 */
public record LabelRule(int horizonMonths, int seriousDaysLate) {

	/**
	 * Three months, 60 days: the definition the committed samples and the champion are
	 * labelled with.
	 */
	public static final LabelRule DEFAULT = new LabelRule(3, 60);

	public LabelRule {
		if (horizonMonths < 1 || horizonMonths > 24) {
			throw new IllegalArgumentException("horizon months must be 1 to 24, was " + horizonMonths);
		}
		if (seriousDaysLate < 1) {
			throw new IllegalArgumentException("serious days late must be at least 1, was " + seriousDaysLate);
		}
	}

	/** In words, for model cards and job results. */
	public String describe() {
		return "1 = within " + horizonMonths + " months after the as-of date, an invoice was or became "
				+ seriousDaysLate
				+ "+ days past due while unpaid, or was closed with more than half of it written off.";
	}
}
