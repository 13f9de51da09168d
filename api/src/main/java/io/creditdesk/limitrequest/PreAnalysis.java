package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.creditdesk.bureau.BureauCompanyStatus;
import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.limitrequest.AnalysisSnapshot.PaymentRecord;
import io.creditdesk.limitrequest.AnalysisSnapshot.Verification;
import io.creditdesk.limitrequest.CheckResult.Figure;

/**
 * The automatic pre-analysis of a submitted request: a checklist of named checks over one
 * snapshot, each passing, warning or failing with the figures it used, and the verdict
 * that follows.
 * <ul>
 * <li>A failed check the policy names as blocking refuses a request that raises the limit
 * at once (a closed customer's request is refused whatever it asks). Lowering a limit is
 * never refused: it only reduces risk.</li>
 * <li>A request is approved straight through ("skip approval") when every check passes,
 * the requested limit is at most the policy's straight-through amount, and the grade is
 * one the policy names.</li>
 * <li>Everything else goes to the approvers with the checklist.</li>
 * </ul>
 */
public final class PreAnalysis {

	private static final int RATIO_SCALE = 4;

	private final PreAnalysisPolicy policy;

	public PreAnalysis(PreAnalysisPolicy policy) {
		this.policy = policy;
	}

	public Analysis analyse(AnalysisSnapshot snapshot) {
		List<CheckResult> checks = List.of(customerStatus(snapshot), riskFlags(snapshot), hardCap(snapshot),
				overdue(snapshot), limitToRevenue(snapshot), internalHistory(snapshot), verification(snapshot),
				scoreAndGrade(snapshot));
		List<ReasonCode> blocking = checks.stream().filter(CheckResult::blocking).map(CheckResult::reason).toList();
		if (!blocking.isEmpty()) {
			return new Analysis(checks, Analysis.Verdict.REFUSED, blocking,
					Sentence.of("verdict.REFUSED", blocking.stream().map(Enum::name).toList()));
		}
		Sentence notStraightThrough = whyNotStraightThrough(snapshot, checks);
		if (notStraightThrough == null) {
			return new Analysis(checks, Analysis.Verdict.STRAIGHT_THROUGH, List.of(),
					Sentence.of("verdict.STRAIGHT_THROUGH", snapshot.requestedInPolicyCurrency(),
							this.policy.straightThroughMax(), snapshot.grade().name()));
		}
		return new Analysis(checks, Analysis.Verdict.ROUTED, List.of(), notStraightThrough);
	}

	/** Why a request is routed (its verdict's sentence); null when it is not. */
	private Sentence whyNotStraightThrough(AnalysisSnapshot snapshot, List<CheckResult> checks) {
		List<String> notPassed = checks.stream()
			.filter((check) -> check.outcome() != CheckOutcome.PASS)
			.map((check) -> check.code().name())
			.toList();
		if (!notPassed.isEmpty()) {
			return Sentence.of("verdict.ROUTED.checks", notPassed);
		}
		Money max = this.policy.straightThroughMax();
		if (max == null) {
			return Sentence.of("verdict.ROUTED.nothing");
		}
		if (snapshot.requestedInPolicyCurrency().isGreaterThan(max)) {
			return Sentence.of("verdict.ROUTED.amount", snapshot.requestedInPolicyCurrency(), max);
		}
		// Without a grade SCORE_AND_GRADE does not pass: routed by the checks above.
		if (!this.policy.straightThroughGrades().contains(snapshot.grade())) {
			return Sentence.of("verdict.ROUTED.grade", snapshot.grade().name());
		}
		return null;
	}

	/**
	 * The first check of the customer's standing (its status, its risk flags) that now
	 * blocks the limit {@code s} asks for: what an approval re-checks, since a customer
	 * may be suspended or flagged while its request waits.
	 */
	Optional<CheckResult> standingBlocks(AnalysisSnapshot s) {
		return Stream.of(customerStatus(s), riskFlags(s)).filter(CheckResult::blocking).findFirst();
	}

	private CheckResult customerStatus(AnalysisSnapshot s) {
		CustomerStatus status = s.status();
		List<Figure> figures = List.of(new Figure("status", status.name()));
		return switch (status) {
			case ACTIVE -> pass(CheckCode.CUSTOMER_STATUS, detail(CheckCode.CUSTOMER_STATUS, "ACTIVE"), figures);
			case PENDING_VERIFICATION ->
				pass(CheckCode.CUSTOMER_STATUS, detail(CheckCode.CUSTOMER_STATUS, "PENDING_VERIFICATION"), figures);
			case ON_HOLD -> warn(CheckCode.CUSTOMER_STATUS, ReasonCode.CUSTOMER_ON_HOLD,
					detail(CheckCode.CUSTOMER_STATUS, "ON_HOLD"), figures);
			case SUSPENDED -> fail(s, CheckCode.CUSTOMER_STATUS, ReasonCode.CUSTOMER_SUSPENDED,
					detail(CheckCode.CUSTOMER_STATUS, "SUSPENDED"), figures);
			// A closed account takes no limit at all, not even a lower one.
			case CLOSED -> new CheckResult(CheckCode.CUSTOMER_STATUS, CheckOutcome.FAIL,
					this.policy.blockingChecks().contains(CheckCode.CUSTOMER_STATUS), ReasonCode.CUSTOMER_CLOSED,
					detail(CheckCode.CUSTOMER_STATUS, "CLOSED"), figures);
		};
	}

	private CheckResult riskFlags(AnalysisSnapshot s) {
		List<Figure> figures = List
			.of(new Figure("flags", s.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","))));
		if (s.flags().contains(RiskFlagType.FRAUD)) {
			return fail(s, CheckCode.RISK_FLAGS, ReasonCode.FRAUD_FLAG, detail(CheckCode.RISK_FLAGS, "fraud"), figures);
		}
		if (s.flags().contains(RiskFlagType.BUREAU)) {
			return fail(s, CheckCode.RISK_FLAGS, ReasonCode.BUREAU_FLAG, detail(CheckCode.RISK_FLAGS, "bureau"),
					figures);
		}
		return pass(CheckCode.RISK_FLAGS, detail(CheckCode.RISK_FLAGS, "none"), figures);
	}

	private CheckResult hardCap(AnalysisSnapshot s) {
		if (s.hardCap() == null) {
			return pass(CheckCode.HARD_CAP, detail(CheckCode.HARD_CAP, "none"),
					List.of(new Figure("requestedLimit", money(s.requestedLimit()))));
		}
		boolean converted = s.hardCapConverted();
		List<Figure> figures = new ArrayList<>(List.of(new Figure("requestedLimit", money(s.requestedLimit())),
				new Figure("hardCap", money(s.hardCap()))));
		if (converted) {
			// The cap as set, the rate and the converted figure, as setCreditLimit states
			// them.
			figures.add(new Figure("hardCapAsSet", money(s.hardCapAsSet())));
			figures.add(new Figure("hardCapRate", s.hardCapRate().toPlainString()));
		}
		if (s.requestedLimit().isGreaterThan(s.hardCap())) {
			return fail(s, CheckCode.HARD_CAP, ReasonCode.OVER_HARD_CAP,
					converted
							? detail(CheckCode.HARD_CAP, "aboveConverted", s.requestedLimit(), s.hardCapAsSet(),
									s.hardCap(), s.hardCapRate())
							: detail(CheckCode.HARD_CAP, "above", s.requestedLimit(), s.hardCap()),
					figures);
		}
		return pass(CheckCode.HARD_CAP,
				converted
						? detail(CheckCode.HARD_CAP, "withinConverted", s.hardCapAsSet(), s.hardCap(), s.hardCapRate())
						: detail(CheckCode.HARD_CAP, "within", s.hardCap()),
				figures);
	}

	private CheckResult overdue(AnalysisSnapshot s) {
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("overdue", money(s.overdue())));
		figures.add(new Figure("oldestOverdueDays", Integer.toString(s.oldestOverdueDays())));
		if (this.policy.maxOverdue() != null) {
			figures.add(new Figure("maxOverdue", money(this.policy.maxOverdue())));
		}
		if (this.policy.maxOverdueDays() != null) {
			figures.add(new Figure("maxOverdueDays", this.policy.maxOverdueDays().toString()));
		}
		if (s.overdue().amount().signum() <= 0) {
			return pass(CheckCode.OVERDUE, detail(CheckCode.OVERDUE, "none"), figures);
		}
		if (this.policy.maxOverdue() != null && s.overdue().isGreaterThan(this.policy.maxOverdue())) {
			return fail(s, CheckCode.OVERDUE, ReasonCode.OVERDUE_ABOVE_POLICY,
					detail(CheckCode.OVERDUE, "amount", s.overdue(), this.policy.maxOverdue()), figures);
		}
		if (this.policy.maxOverdueDays() != null && s.oldestOverdueDays() > this.policy.maxOverdueDays()) {
			return fail(s, CheckCode.OVERDUE, ReasonCode.OVERDUE_TOO_OLD, detail(CheckCode.OVERDUE, "age",
					new Days(s.oldestOverdueDays()), new Days(this.policy.maxOverdueDays())), figures);
		}
		return warn(CheckCode.OVERDUE, ReasonCode.OVERDUE_WITHIN_POLICY,
				detail(CheckCode.OVERDUE, "within", s.overdue()), figures);
	}

	private CheckResult limitToRevenue(AnalysisSnapshot s) {
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("requestedLimit", money(s.requestedLimit())));
		figures.add(new Figure("warnRatio", this.policy.warnLimitToRevenue().toPlainString()));
		figures.add(new Figure("maxRatio", this.policy.maxLimitToRevenue().toPlainString()));
		if (s.annualRevenue() == null) {
			return warn(CheckCode.LIMIT_TO_REVENUE, ReasonCode.REVENUE_UNKNOWN,
					detail(CheckCode.LIMIT_TO_REVENUE, "unknown"), figures);
		}
		if (s.annualRevenue().amount().signum() <= 0) {
			// A revenue of nothing stated is no revenue, not an unknown one: no limit
			// is within any share of it (before, it read "No annual revenue is known").
			figures.add(1, new Figure("annualRevenue", money(s.annualRevenue())));
			return fail(s, CheckCode.LIMIT_TO_REVENUE, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO,
					detail(CheckCode.LIMIT_TO_REVENUE, "none", s.annualRevenue()), figures);
		}
		if (!s.annualRevenue().currency().equals(s.requestedLimit().currency())) {
			throw new IllegalArgumentException("Convert the annual revenue " + s.annualRevenue() + " to "
					+ s.requestedLimit().currency() + " before the analysis");
		}
		BigDecimal requested = s.requestedLimit().amount();
		BigDecimal revenue = s.annualRevenue().amount();
		// The ratio is rounded for people; the comparisons are exact, so 10.001 % is
		// above 10 %.
		BigDecimal ratio = requested.divide(revenue, RATIO_SCALE + 2, RoundingMode.HALF_UP);
		figures.add(0, new Figure("ratio", ratio.setScale(RATIO_SCALE, RoundingMode.HALF_UP).toPlainString()));
		figures.add(2, new Figure("annualRevenue", money(s.annualRevenue())));
		if (requested.compareTo(revenue.multiply(this.policy.maxLimitToRevenue())) > 0) {
			return fail(s, CheckCode.LIMIT_TO_REVENUE, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO,
					detail(CheckCode.LIMIT_TO_REVENUE, "fail", percent(ratio),
							percent(this.policy.maxLimitToRevenue())),
					figures);
		}
		if (requested.compareTo(revenue.multiply(this.policy.warnLimitToRevenue())) > 0) {
			return warn(CheckCode.LIMIT_TO_REVENUE, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO,
					detail(CheckCode.LIMIT_TO_REVENUE, "warn", percent(ratio),
							percent(this.policy.warnLimitToRevenue())),
					figures);
		}
		return pass(CheckCode.LIMIT_TO_REVENUE, detail(CheckCode.LIMIT_TO_REVENUE, "pass", percent(ratio)), figures);
	}

	private CheckResult internalHistory(AnalysisSnapshot s) {
		PaymentRecord history = s.history();
		if (history == null || history.settledInvoices() == 0 || history.averageDaysBeyondTerms() == null
				|| history.onTimeRate() == null) {
			return warn(CheckCode.INTERNAL_HISTORY, ReasonCode.NO_PAYMENT_HISTORY,
					detail(CheckCode.INTERNAL_HISTORY, "none"), List.of(new Figure("settledInvoices",
							(history != null) ? Integer.toString(history.settledInvoices()) : "0")));
		}
		List<Figure> figures = new ArrayList<>(
				List.of(new Figure("settledInvoices", Integer.toString(history.settledInvoices())),
						new Figure("onTimeRate", history.onTimeRate().toPlainString()),
						new Figure("averageDaysBeyondTerms", history.averageDaysBeyondTerms().toPlainString())));
		if (history.worstDaysBeyondTerms() != null) {
			figures.add(new Figure("worstDaysBeyondTerms", history.worstDaysBeyondTerms().toString()));
		}
		List<Object> paid = List.of(history.settledInvoices(), percent(history.onTimeRate()),
				history.averageDaysBeyondTerms());
		if (history.averageDaysBeyondTerms().compareTo(this.policy.maxAverageDaysBeyondTerms()) > 0
				|| history.onTimeRate().compareTo(this.policy.minOnTimeRate()) < 0) {
			return fail(s, CheckCode.INTERNAL_HISTORY, ReasonCode.POOR_PAYMENT_HISTORY,
					detail(CheckCode.INTERNAL_HISTORY, "fail", paid.get(0), paid.get(1), paid.get(2),
							percent(this.policy.minOnTimeRate()), this.policy.maxAverageDaysBeyondTerms()),
					figures);
		}
		if (history.averageDaysBeyondTerms().compareTo(this.policy.warnAverageDaysBeyondTerms()) > 0
				|| history.onTimeRate().compareTo(this.policy.warnOnTimeRate()) < 0) {
			return warn(CheckCode.INTERNAL_HISTORY, ReasonCode.POOR_PAYMENT_HISTORY,
					detail(CheckCode.INTERNAL_HISTORY, "warn", paid.toArray()), figures);
		}
		return pass(CheckCode.INTERNAL_HISTORY, detail(CheckCode.INTERNAL_HISTORY, "pass", paid.toArray()), figures);
	}

	private CheckResult verification(AnalysisSnapshot s) {
		Verification verification = s.verification();
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("source", verification.source().name()));
		switch (verification.source()) {
			case NONE -> {
				boolean firstLimit = s.type() == RequestType.NEW_CUSTOMER
						|| s.status() == CustomerStatus.PENDING_VERIFICATION;
				if (firstLimit && this.policy.verificationRequired()) {
					return fail(s, CheckCode.BUREAU_VERIFICATION, ReasonCode.NOT_VERIFIED,
							detail(CheckCode.BUREAU_VERIFICATION, "required"), figures);
				}
				return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.NOT_VERIFIED,
						detail(CheckCode.BUREAU_VERIFICATION, "none"), figures);
			}
			case MANUAL -> {
				boolean firstLimit = s.type() == RequestType.NEW_CUSTOMER
						|| s.status() == CustomerStatus.PENDING_VERIFICATION;
				if (firstLimit && this.policy.verificationRequired() && this.policy.bureauReportRequired()) {
					return fail(s, CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_REPORT_REQUIRED,
							detail(CheckCode.BUREAU_VERIFICATION, "reportRequired"), figures);
				}
				return pass(CheckCode.BUREAU_VERIFICATION, detail(CheckCode.BUREAU_VERIFICATION, "manual"), figures);
			}
			case BUREAU_REPORT -> {
				BureauCompanyStatus status = verification.companyStatus();
				figures.add(new Figure("companyStatus",
						(status != null) ? status.name() : BureauCompanyStatus.UNKNOWN.name()));
				figures
					.add(new Figure("rating", (verification.rating() != null) ? verification.rating() : "not rated"));
				if (verification.recommendedLimit() != null) {
					figures.add(new Figure("recommendedLimit", money(verification.recommendedLimit())));
				}
				if (status == BureauCompanyStatus.INACTIVE || status == BureauCompanyStatus.INSOLVENT
						|| status == BureauCompanyStatus.DISSOLVED) {
					return fail(s, CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_COMPANY_NOT_ACTIVE,
							detail(CheckCode.BUREAU_VERIFICATION, "notActive", status.name()), figures);
				}
				if (status != BureauCompanyStatus.ACTIVE) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_STATUS_UNKNOWN,
							detail(CheckCode.BUREAU_VERIFICATION, "statusUnknown"), figures);
				}
				if (verification.recommendedLimit() != null
						&& s.requestedLimit().isGreaterThan(verification.recommendedLimit())) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.ABOVE_BUREAU_RECOMMENDATION,
							detail(CheckCode.BUREAU_VERIFICATION, "aboveRecommendation", s.requestedLimit(),
									verification.recommendedLimit()),
							figures);
				}
				if (verification.rating() == null) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_NOT_RATED,
							detail(CheckCode.BUREAU_VERIFICATION, "notRated"), figures);
				}
				return pass(CheckCode.BUREAU_VERIFICATION,
						detail(CheckCode.BUREAU_VERIFICATION, "active", verification.rating()), figures);
			}
		}
		throw new IllegalStateException("Unknown verification source " + verification.source());
	}

	private CheckResult scoreAndGrade(AnalysisSnapshot s) {
		if (s.grade() == null) {
			return warn(CheckCode.SCORE_AND_GRADE, ReasonCode.NO_SCORE, detail(CheckCode.SCORE_AND_GRADE, "none"),
					List.of());
		}
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("grade", s.grade().name()));
		if (s.probabilityOfDefault() != null) {
			figures.add(new Figure("probabilityOfDefault", s.probabilityOfDefault().toPlainString()));
		}
		if (this.policy.failFromGrade() != null && s.grade().compareTo(this.policy.failFromGrade()) >= 0) {
			return fail(s, CheckCode.SCORE_AND_GRADE, ReasonCode.HIGH_RISK_GRADE,
					detail(CheckCode.SCORE_AND_GRADE, "fail", s.grade().name(), this.policy.failFromGrade().name()),
					figures);
		}
		if (this.policy.warnFromGrade() != null && s.grade().compareTo(this.policy.warnFromGrade()) >= 0) {
			return warn(CheckCode.SCORE_AND_GRADE, ReasonCode.ELEVATED_RISK_GRADE,
					detail(CheckCode.SCORE_AND_GRADE, "warn", s.grade().name(), this.policy.warnFromGrade().name()),
					figures);
		}
		return pass(CheckCode.SCORE_AND_GRADE, detail(CheckCode.SCORE_AND_GRADE, "pass", s.grade().name()), figures);
	}

	/** The check's sentence {@code check.<CODE>.<variant>}. */
	private static Sentence detail(CheckCode code, String variant, Object... figures) {
		return Sentence.of("check." + code.name() + "." + variant, figures);
	}

	private static CheckResult pass(CheckCode code, Sentence detail, List<Figure> figures) {
		return new CheckResult(code, CheckOutcome.PASS, false, null, detail, figures);
	}

	private static CheckResult warn(CheckCode code, ReasonCode reason, Sentence detail, List<Figure> figures) {
		return new CheckResult(code, CheckOutcome.WARN, false, reason, detail, figures);
	}

	/** A failure, blocking when the policy says so and the request raises the limit. */
	private CheckResult fail(AnalysisSnapshot s, CheckCode code, ReasonCode reason, Sentence detail,
			List<Figure> figures) {
		boolean blocking = this.policy.blockingChecks().contains(code) && s.raisesLimit();
		return new CheckResult(code, CheckOutcome.FAIL, blocking, reason, detail, figures);
	}

	private static String money(Money money) {
		return money.amount().toPlainString() + " " + money.currency();
	}

	/** A fraction as a percentage, for {@code {n} %} in the catalogue. */
	private static BigDecimal percent(BigDecimal fraction) {
		BigDecimal percent = fraction.movePointRight(2).stripTrailingZeros();
		return (percent.scale() < 0) ? percent.setScale(0) : percent;
	}

}
