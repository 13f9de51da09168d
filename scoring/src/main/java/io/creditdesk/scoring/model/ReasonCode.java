package io.creditdesk.scoring.model;

/**
 * One feature that moved a score, and how far.
 *
 * @param feature      the feature name from {@link io.creditdesk.scoring.features.PaymentHistoryFeatures}
 * @param value        the customer's raw value of the feature
 * @param contribution its contribution to the log-odds of default (positive raises the risk)
 */
public record ReasonCode(String feature, double value, double contribution) {

    public boolean increasesRisk() {
        return contribution > 0;
    }

    /** "+" when the feature raised the risk, "-" when it lowered it. */
    public String direction() {
        return contribution > 0 ? "+" : "-";
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s%s(%.4g; %+.3f)", direction(), feature, value, contribution);
    }
}
