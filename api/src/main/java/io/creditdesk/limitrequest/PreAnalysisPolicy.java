package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
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
 * @param bureauReportMaxAgeMonths a stored bureau report younger than this many months is
 * reused instead of buying a new one (0: always buy)
 * @param bureauReportRequired whether only a bureau report verifies a first limit (a
 * manual verification does not); with {@code verificationRequired}
 */
public record PreAnalysisPolicy(Money straightThroughMax, Set<RiskGrade> straightThroughGrades, Money maxOverdue,
		Integer maxOverdueDays, BigDecimal warnLimitToRevenue, BigDecimal maxLimitToRevenue,
		BigDecimal warnAverageDaysBeyondTerms, BigDecimal maxAverageDaysBeyondTerms, BigDecimal warnOnTimeRate,
		BigDecimal minOnTimeRate, boolean verificationRequired, RiskGrade warnFromGrade, RiskGrade failFromGrade,
		Set<CheckCode> blockingChecks, int bureauReportMaxAgeMonths, boolean bureauReportRequired) {

	/**
	 * The system default: straight through up to 10,000 EUR for grades A and B; overdue
	 * fails past 30 days; a limit above 10 % of annual revenue warns, above 25 % fails;
	 * paying 10 days late on average warns, 30 fails; under 80 % of invoices on time
	 * warns, under 50 % fails; grade D warns, E fails; new customers need verification;
	 * status, flags and the hard cap block; bureau reports are reused for 6 months; a
	 * bureau report or a manual verification verifies.
	 */
	public static final PreAnalysisPolicy DEFAULT = new PreAnalysisPolicy(Money.of("10000", "EUR"),
			Set.of(RiskGrade.A, RiskGrade.B), null, 30, new BigDecimal("0.10"), new BigDecimal("0.25"),
			new BigDecimal("10"), new BigDecimal("30"), new BigDecimal("0.80"), new BigDecimal("0.50"), true,
			RiskGrade.D, RiskGrade.E, Set.of(CheckCode.CUSTOMER_STATUS, CheckCode.RISK_FLAGS, CheckCode.HARD_CAP), 6,
			false);

	/** The longest a stored bureau report may be reused, in months. */
	static final int MAX_REPORT_AGE_MONTHS = 60;

	/** The largest ratio of limit to annual revenue a policy may name (100 %). */
	static final BigDecimal MAX_REVENUE_RATIO = BigDecimal.ONE;

	/** The most average days beyond terms a policy may name. */
	static final int MAX_DAYS_BEYOND_TERMS = 365;

	/** The oldest overdue a policy may name, in days. */
	static final int MAX_OVERDUE_DAYS = 3650;

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
		if (bureauReportMaxAgeMonths < 0 || bureauReportMaxAgeMonths > MAX_REPORT_AGE_MONTHS) {
			throw new IllegalArgumentException("A bureau report is reused for 0 to " + MAX_REPORT_AGE_MONTHS
					+ " months, got " + bureauReportMaxAgeMonths);
		}
	}

	/**
	 * The policy with its amounts in the currencies they are compared in: the
	 * straight-through amount in the approval matrix's, the overdue amount in the
	 * customer's credit currency. A converter that cannot convert (no stored rate)
	 * answers null: then nothing is approved straight through, and overdue is judged by
	 * its age alone.
	 */
	public PreAnalysisPolicy inCurrencies(String matrixCurrency, String creditCurrency,
			BiFunction<Money, String, Money> converter) {
		Money straightThrough = (this.straightThroughMax != null)
				? convert(this.straightThroughMax, matrixCurrency, converter) : null;
		Money overdue = (this.maxOverdue != null) ? convert(this.maxOverdue, creditCurrency, converter) : null;
		return new PreAnalysisPolicy(straightThrough, this.straightThroughGrades, overdue, this.maxOverdueDays,
				this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				this.warnFromGrade, this.failFromGrade, this.blockingChecks, this.bureauReportMaxAgeMonths,
				this.bureauReportRequired);
	}

	private static Money convert(Money amount, String currency, BiFunction<Money, String, Money> converter) {
		return amount.currency().equals(currency) ? amount : converter.apply(amount, currency);
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

	/**
	 * A policy as people write it: grades as text, so that a wrong name is reported with
	 * its field; amounts in any currency (converted at the stored rate where compared).
	 * Null amounts, overdue days and grades mean "none"; the ratios are required; a null
	 * {@code bureauReportRequired} is false.
	 */
	public record Definition(Money straightThroughMax, List<String> straightThroughGrades, Money maxOverdue,
			Integer maxOverdueDays, BigDecimal warnLimitToRevenue, BigDecimal maxLimitToRevenue,
			BigDecimal warnAverageDaysBeyondTerms, BigDecimal maxAverageDaysBeyondTerms, BigDecimal warnOnTimeRate,
			BigDecimal minOnTimeRate, Boolean verificationRequired, String warnFromGrade, String failFromGrade,
			List<CheckCode> blockingChecks, Integer bureauReportMaxAgeMonths, Boolean bureauReportRequired) {
	}

	/** A valid policy from its definition, or a refusal listing every problem. */
	public static PreAnalysisPolicy from(Definition d) {
		Validation v = new Validation();
		if (d == null) {
			v.reject(RequestErrorCode.REQUIRED.variant("preAnalysisPolicy"), null);
			v.throwIfInvalid();
		}
		notNegative(v, "straightThroughMax", d.straightThroughMax());
		notNegative(v, "maxOverdue", d.maxOverdue());
		Set<RiskGrade> grades = EnumSet.noneOf(RiskGrade.class);
		List<String> names = (d.straightThroughGrades() != null) ? d.straightThroughGrades() : List.of();
		for (int i = 0; i < names.size(); i++) {
			RiskGrade grade = grade(v, "straightThroughGrades[" + i + "]", names.get(i));
			if (grade != null) {
				grades.add(grade);
			}
		}
		v.range("maxOverdueDays", d.maxOverdueDays(), 0, MAX_OVERDUE_DAYS);
		BigDecimal warnRevenue = between(v, "warnLimitToRevenue", d.warnLimitToRevenue(), MAX_REVENUE_RATIO);
		BigDecimal maxRevenue = between(v, "maxLimitToRevenue", d.maxLimitToRevenue(), MAX_REVENUE_RATIO);
		ordered(v, "warnLimitToRevenue", warnRevenue, "maxLimitToRevenue", maxRevenue, false);
		BigDecimal maxDays = BigDecimal.valueOf(MAX_DAYS_BEYOND_TERMS);
		BigDecimal warnDays = between(v, "warnAverageDaysBeyondTerms", d.warnAverageDaysBeyondTerms(), maxDays);
		BigDecimal failDays = between(v, "maxAverageDaysBeyondTerms", d.maxAverageDaysBeyondTerms(), maxDays);
		ordered(v, "warnAverageDaysBeyondTerms", warnDays, "maxAverageDaysBeyondTerms", failDays, false);
		BigDecimal warnOnTime = between(v, "warnOnTimeRate", d.warnOnTimeRate(), BigDecimal.ONE);
		BigDecimal minOnTime = between(v, "minOnTimeRate", d.minOnTimeRate(), BigDecimal.ONE);
		ordered(v, "warnOnTimeRate", warnOnTime, "minOnTimeRate", minOnTime, true);
		RiskGrade warnFrom = grade(v, "warnFromGrade", d.warnFromGrade());
		RiskGrade failFrom = grade(v, "failFromGrade", d.failFromGrade());
		if (warnFrom != null && failFrom != null && warnFrom.compareTo(failFrom) > 0) {
			v.reject(RequestErrorCode.THRESHOLDS_OUT_OF_ORDER.variant("grades"), "warnFromGrade", warnFrom, failFrom);
		}
		if (d.verificationRequired() == null) {
			v.reject(RequestErrorCode.REQUIRED, "verificationRequired");
		}
		if (d.bureauReportMaxAgeMonths() == null) {
			v.reject(RequestErrorCode.REQUIRED, "bureauReportMaxAgeMonths");
		}
		v.range("bureauReportMaxAgeMonths", d.bureauReportMaxAgeMonths(), 0, MAX_REPORT_AGE_MONTHS);
		v.throwIfInvalid();
		Set<CheckCode> blocking = (d.blockingChecks() != null) ? Set.copyOf(d.blockingChecks()) : Set.of();
		return new PreAnalysisPolicy(d.straightThroughMax(), grades, d.maxOverdue(), d.maxOverdueDays(), warnRevenue,
				maxRevenue, warnDays, failDays, warnOnTime, minOnTime, d.verificationRequired(), warnFrom, failFrom,
				blocking, d.bureauReportMaxAgeMonths(), Boolean.TRUE.equals(d.bureauReportRequired()));
	}

	private static void notNegative(Validation v, String field, Money amount) {
		if (amount != null && amount.isNegative()) {
			v.reject(CommonErrorCode.NEGATIVE_AMOUNT, field + ".amount", amount);
		}
	}

	/**
	 * A grade as a client writes it (any case, blanks around), or null when none is
	 * given; {@code UNKNOWN_GRADE} on {@code field} when it is no grade.
	 */
	static RiskGrade grade(Validation v, String field, String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String normalized = name.trim().toUpperCase(Locale.ROOT);
		for (RiskGrade grade : RiskGrade.values()) {
			if (grade.name().equals(normalized)) {
				return grade;
			}
		}
		v.reject(RequestErrorCode.UNKNOWN_GRADE, field, UserError.quoted(name), List.of(RiskGrade.values()));
		return null;
	}

	private static BigDecimal between(Validation v, String field, BigDecimal value, BigDecimal max) {
		if (value == null) {
			v.reject(RequestErrorCode.REQUIRED, field);
			return null;
		}
		if (value.signum() < 0 || value.compareTo(max) > 0) {
			v.reject(RequestErrorCode.OUT_OF_RANGE, field, BigDecimal.ZERO, max, value);
			return null;
		}
		return value;
	}

	/**
	 * A warning comes before a failure: the warning threshold is at most the failing one
	 * (at least, where less is worse).
	 */
	private static void ordered(Validation v, String warnField, BigDecimal warn, String failField, BigDecimal fail,
			boolean lessIsWorse) {
		if (warn == null || fail == null) {
			return;
		}
		if (lessIsWorse ? warn.compareTo(fail) < 0 : warn.compareTo(fail) > 0) {
			v.reject(RequestErrorCode.THRESHOLDS_OUT_OF_ORDER.variant(lessIsWorse ? "below" : "above"), warnField,
					failField, warn, fail);
		}
	}

	/** The policy as a definition, for showing it. */
	public Definition toDefinition() {
		return new Definition(this.straightThroughMax,
				this.straightThroughGrades.stream().sorted().map(Enum::name).toList(), this.maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				(this.warnFromGrade != null) ? this.warnFromGrade.name() : null,
				(this.failFromGrade != null) ? this.failFromGrade.name() : null,
				this.blockingChecks.stream().sorted().toList(), this.bureauReportMaxAgeMonths,
				this.bureauReportRequired);
	}

	/** The policy with other checks blocking. */
	public PreAnalysisPolicy withBlockingChecks(CheckCode... checks) {
		Set<CheckCode> blocking = (checks.length == 0) ? Set.of() : EnumSet.of(checks[0], checks);
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, this.maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				this.warnFromGrade, this.failFromGrade, blocking, this.bureauReportMaxAgeMonths,
				this.bureauReportRequired);
	}

	/** The policy with another overdue amount limit. */
	public PreAnalysisPolicy withMaxOverdue(Money maxOverdue) {
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, this.verificationRequired,
				this.warnFromGrade, this.failFromGrade, this.blockingChecks, this.bureauReportMaxAgeMonths,
				this.bureauReportRequired);
	}

	/** The policy with or without required verification. */
	public PreAnalysisPolicy withVerificationRequired(boolean required) {
		return new PreAnalysisPolicy(this.straightThroughMax, this.straightThroughGrades, this.maxOverdue,
				this.maxOverdueDays, this.warnLimitToRevenue, this.maxLimitToRevenue, this.warnAverageDaysBeyondTerms,
				this.maxAverageDaysBeyondTerms, this.warnOnTimeRate, this.minOnTimeRate, required, this.warnFromGrade,
				this.failFromGrade, this.blockingChecks, this.bureauReportMaxAgeMonths, this.bureauReportRequired);
	}

}
