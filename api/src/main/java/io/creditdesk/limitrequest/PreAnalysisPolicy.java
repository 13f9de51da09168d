package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import io.creditdesk.common.Money;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * The thresholds of the pre-analysis. Amounts other than {@code straightThroughMax} are
 * compared in the customer's credit currency (the caller converts them); ratios are
 * fractions (0.25 = 25 %).
 *
 * @param straightThroughMax the largest request (in the policy currency) approved without
 * an approver when every check passes and the grade is good; null to route every request
 * @param straightThroughGrades the grades good enough for straight-through approval
 * @param maxOverdue overdue above this fails the overdue check; null for no amount limit
 * @param maxOverdueDays overdue older than this fails the overdue check; null for no age
 * limit
 * @param warnLimitToRevenue a requested limit above this share of annual revenue warns
 * @param maxLimitToRevenue a requested limit above this share of annual revenue fails
 * @param warnAverageDaysBeyondTerms paying later than this on average warns
 * @param maxAverageDaysBeyondTerms paying later than this on average fails
 * @param warnOnTimeRate paying fewer invoices on time than this share warns
 * @param minOnTimeRate paying fewer invoices on time than this share fails
 * @param verificationRequired whether a new customer's first limit needs a bureau report
 * or a manual verification (without one the check fails; the request cannot be approved
 * until there is one)
 * @param warnFromGrade this grade and worse warn; null never to warn on the grade
 * @param failFromGrade this grade and worse fail; null never to fail on the grade
 * @param blockingChecks the checks whose failure refuses a request that raises the limit
 * at once
 */
public record PreAnalysisPolicy(Money straightThroughMax, Set<RiskGrade> straightThroughGrades, Money maxOverdue,
		Integer maxOverdueDays, BigDecimal warnLimitToRevenue, BigDecimal maxLimitToRevenue,
		BigDecimal warnAverageDaysBeyondTerms, BigDecimal maxAverageDaysBeyondTerms, BigDecimal warnOnTimeRate,
		BigDecimal minOnTimeRate, boolean verificationRequired, RiskGrade warnFromGrade, RiskGrade failFromGrade,
		Set<CheckCode> blockingChecks) {

	/**
	 * The system default: straight through up to 10,000 EUR for grades A and B; overdue
	 * fails past 30 days; a limit above 10 % of annual revenue warns, above 25 % fails;
	 * paying 10 days late on average warns, 30 fails; under 80 % of invoices on time
	 * warns, under 50 % fails; grade D warns, E fails; new customers need verification;
	 * status, flags and the hard cap block.
	 */
	public static final PreAnalysisPolicy DEFAULT = new PreAnalysisPolicy(Money.of("10000", "EUR"),
			Set.of(RiskGrade.A, RiskGrade.B), null, 30, new BigDecimal("0.10"), new BigDecimal("0.25"),
			new BigDecimal("10"), new BigDecimal("30"), new BigDecimal("0.80"), new BigDecimal("0.50"), true,
			RiskGrade.D, RiskGrade.E, Set.of(CheckCode.CUSTOMER_STATUS, CheckCode.RISK_FLAGS, CheckCode.HARD_CAP));

	public PreAnalysisPolicy {
		straightThroughGrades = (straightThroughGrades != null) ? Set.copyOf(straightThroughGrades) : Set.of();
		blockingChecks = (blockingChecks != null) ? Set.copyOf(blockingChecks) : Set.of();
		requireOrdered("limit to revenue", warnLimitToRevenue, maxLimitToRevenue);
		requireOrdered("average days beyond terms", warnAverageDaysBeyondTerms, maxAverageDaysBeyondTerms);
		requireOrdered("on-time rate", minOnTimeRate, warnOnTimeRate);
		if (warnFromGrade != null && failFromGrade != null && warnFromGrade.compareTo(failFromGrade) > 0) {
			throw new IllegalArgumentException(
					"Grades warn before they fail: warn from " + warnFromGrade + ", fail from " + failFromGrade);
		}
	}

	private static void requireOrdered(String what, BigDecimal lower, BigDecimal upper) {
		if (lower == null || upper == null) {
			throw new IllegalArgumentException("The " + what + " thresholds are required");
		}
		if (lower.compareTo(upper) > 0) {
			throw new IllegalArgumentException(
					"The " + what + " thresholds are the wrong way round: " + lower + " > " + upper);
		}
	}

	/** The policy with other checks blocking. */
	public PreAnalysisPolicy withBlockingChecks(CheckCode... checks) {
		Set<CheckCode> blocking = (checks.length == 0) ? Set.of() : EnumSet.of(checks[0], checks);
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, this.maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				this.warnFromGrade, this.failFromGrade, blocking);
	}

	/** The policy with another overdue amount limit. */
	public PreAnalysisPolicy withMaxOverdue(Money maxOverdue) {
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				this.warnFromGrade, this.failFromGrade, this.blockingChecks);
	}

	/** The policy with or without required verification. */
	public PreAnalysisPolicy withVerificationRequired(boolean required) {
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, this.maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, required, this.warnFromGrade,
				this.failFromGrade, this.blockingChecks);
	}

}
