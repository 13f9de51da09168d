package io.creditdesk.scoring.model;

/**
 * Risk grades: a fixed, documented mapping from the probability of serious delinquency or
 * default within the horizon (PD) to a band that credit policies use. Bounds are
 * lower-inclusive. <pre>
 * A  PD &lt;  5 %      low risk
 * B  5 % .. &lt; 10 %
 * C  10 % .. &lt; 20 %
 * D  20 % .. &lt; 40 %
 * E  PD &gt;= 40 %      high risk
 * </pre> The bands are deliberately absolute (not quantiles of one data set), so a grade
 * means the same thing across models; the model card reports the observed default rate
 * per grade.
 */
public enum RiskGrade {

	A(0.00, 0.05), B(0.05, 0.10), C(0.10, 0.20), D(0.20, 0.40), E(0.40, 1.0000001);

	private final double lower;

	private final double upper;

	RiskGrade(double lower, double upper) {
		this.lower = lower;
		this.upper = upper;
	}

	public double lower() {
		return lower;
	}

	public double upper() {
		return Math.min(1.0, upper);
	}

	public static RiskGrade of(double probability) {
		if (Double.isNaN(probability) || probability < 0 || probability > 1) {
			throw new IllegalArgumentException("probability must be in [0,1], was " + probability);
		}
		for (RiskGrade g : values()) {
			if (probability < g.upper) {
				return g;
			}
		}
		return E;
	}

}
