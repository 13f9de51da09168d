package io.creditdesk.scoring.model;

import io.creditdesk.scoring.features.FeatureCatalogue;

import java.util.Locale;

/**
 * One feature that moved a score, and how far: an exact per-prediction contribution, so
 * an adverse-action reason names a factor the model actually used.
 *
 * @param feature the feature name from
 * {@link io.creditdesk.scoring.features.PaymentHistoryFeatures}
 * @param value the customer's raw value of the feature
 * @param contribution its contribution to the log-odds of default (positive raises the
 * risk)
 */
public record ReasonCode(String feature, double value, double contribution) {

	public boolean increasesRisk() {
		return contribution > 0;
	}

	/** "+" when the feature raised the risk, "-" when it lowered it. */
	public String direction() {
		return contribution > 0 ? "+" : "-";
	}

	public ReasonDirection riskDirection() {
		return contribution > 0 ? ReasonDirection.RAISES_RISK : ReasonDirection.LOWERS_RISK;
	}

	/** What the feature means, from the {@link FeatureCatalogue}. */
	public String description() {
		return FeatureCatalogue.describe(feature);
	}

	/**
	 * The customer's value as a person reads it ("2 months past due", "85 %", "12,400").
	 */
	public String displayValue() {
		return FeatureCatalogue.of(feature).format(value);
	}

	/**
	 * {@link #description()} in {@code language} (English when there are no texts in it).
	 */
	public String description(Locale language) {
		return FeatureCatalogue.describe(feature, language);
	}

	/** {@link #displayValue()} in {@code language}, numbers as it writes them. */
	public String displayValue(Locale language) {
		return FeatureCatalogue.of(feature).format(value, language);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s%s(%.4g; %+.3f)", direction(), feature, value, contribution);
	}
}
