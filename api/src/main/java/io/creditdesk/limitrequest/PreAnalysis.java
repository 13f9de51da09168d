package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.creditdesk.bureau.BureauCompanyStatus;
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
			return new Analysis(checks, Analysis.Verdict.REFUSED, blocking, "Refused by pre-analysis: "
					+ blocking.stream().map(Enum::name).collect(Collectors.joining(", ")) + ".");
		}
		String notStraightThrough = whyNotStraightThrough(snapshot, checks);
		if (notStraightThrough == null) {
			return new Analysis(checks, Analysis.Verdict.STRAIGHT_THROUGH, List.of(),
					"Approved straight through: every check passed, " + snapshot.requestedInPolicyCurrency()
							+ " is within the policy's " + this.policy.straightThroughMax() + " and grade "
							+ snapshot.grade() + " qualifies.");
		}
		return new Analysis(checks, Analysis.Verdict.ROUTED, List.of(), "Routed to approvers: " + notStraightThrough);
	}

	private String whyNotStraightThrough(AnalysisSnapshot snapshot, List<CheckResult> checks) {
		List<String> notPassed = checks.stream()
			.filter((check) -> check.outcome() != CheckOutcome.PASS)
			.map((check) -> check.code().name())
			.toList();
		if (!notPassed.isEmpty()) {
			return "not every check passed (" + String.join(", ", notPassed) + ").";
		}
		Money max = this.policy.straightThroughMax();
		if (max == null) {
			return "the policy approves nothing straight through.";
		}
		if (snapshot.requestedInPolicyCurrency().isGreaterThan(max)) {
			return snapshot.requestedInPolicyCurrency() + " is above the straight-through amount of " + max + ".";
		}
		if (snapshot.grade() == null) {
			return "there is no grade yet.";
		}
		if (!this.policy.straightThroughGrades().contains(snapshot.grade())) {
			return "grade " + snapshot.grade() + " is not one approved straight through.";
		}
		return null;
	}

	private CheckResult customerStatus(AnalysisSnapshot s) {
		CustomerStatus status = s.status();
		List<Figure> figures = List.of(new Figure("status", status.name()));
		return switch (status) {
			case ACTIVE -> pass(CheckCode.CUSTOMER_STATUS, "The customer is active.", figures);
			case PENDING_VERIFICATION ->
				pass(CheckCode.CUSTOMER_STATUS, "The customer awaits verification and its first limit.", figures);
			case ON_HOLD ->
				warn(CheckCode.CUSTOMER_STATUS, ReasonCode.CUSTOMER_ON_HOLD, "The customer is on hold.", figures);
			case SUSPENDED -> fail(s, CheckCode.CUSTOMER_STATUS, ReasonCode.CUSTOMER_SUSPENDED,
					"The customer is suspended.", figures);
			// A closed account takes no limit at all, not even a lower one.
			case CLOSED -> new CheckResult(CheckCode.CUSTOMER_STATUS, CheckOutcome.FAIL,
					this.policy.blockingChecks().contains(CheckCode.CUSTOMER_STATUS), ReasonCode.CUSTOMER_CLOSED,
					"The customer is closed.", figures);
		};
	}

	private CheckResult riskFlags(AnalysisSnapshot s) {
		List<Figure> figures = List
			.of(new Figure("flags", s.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","))));
		if (s.flags().contains(RiskFlagType.FRAUD)) {
			return fail(s, CheckCode.RISK_FLAGS, ReasonCode.FRAUD_FLAG, "A fraud flag is raised.", figures);
		}
		if (s.flags().contains(RiskFlagType.BUREAU)) {
			return fail(s, CheckCode.RISK_FLAGS, ReasonCode.BUREAU_FLAG, "A bureau flag is raised.", figures);
		}
		return pass(CheckCode.RISK_FLAGS, "No risk flag is raised.", figures);
	}

	private CheckResult hardCap(AnalysisSnapshot s) {
		if (s.hardCap() == null) {
			return pass(CheckCode.HARD_CAP, "No policy level sets a hard cap.",
					List.of(new Figure("requestedLimit", money(s.requestedLimit()))));
		}
		List<Figure> figures = List.of(new Figure("requestedLimit", money(s.requestedLimit())),
				new Figure("hardCap", money(s.hardCap())));
		if (s.requestedLimit().isGreaterThan(s.hardCap())) {
			return fail(s, CheckCode.HARD_CAP, ReasonCode.OVER_HARD_CAP,
					"The requested " + s.requestedLimit() + " is above the hard cap of " + s.hardCap() + ".", figures);
		}
		return pass(CheckCode.HARD_CAP, "Within the hard cap of " + s.hardCap() + ".", figures);
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
			return pass(CheckCode.OVERDUE, "Nothing is overdue.", figures);
		}
		if (this.policy.maxOverdue() != null && s.overdue().isGreaterThan(this.policy.maxOverdue())) {
			return fail(s, CheckCode.OVERDUE, ReasonCode.OVERDUE_ABOVE_POLICY,
					s.overdue() + " is overdue, more than the policy's " + this.policy.maxOverdue() + ".", figures);
		}
		if (this.policy.maxOverdueDays() != null && s.oldestOverdueDays() > this.policy.maxOverdueDays()) {
			return fail(s, CheckCode.OVERDUE, ReasonCode.OVERDUE_TOO_OLD,
					"The oldest overdue invoice is " + s.oldestOverdueDays() + " days late, more than the policy's "
							+ this.policy.maxOverdueDays() + ".",
					figures);
		}
		return warn(CheckCode.OVERDUE, ReasonCode.OVERDUE_WITHIN_POLICY,
				s.overdue() + " is overdue, within the policy.", figures);
	}

	private CheckResult limitToRevenue(AnalysisSnapshot s) {
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("requestedLimit", money(s.requestedLimit())));
		figures.add(new Figure("warnRatio", this.policy.warnLimitToRevenue().toPlainString()));
		figures.add(new Figure("maxRatio", this.policy.maxLimitToRevenue().toPlainString()));
		if (s.annualRevenue() == null || s.annualRevenue().amount().signum() <= 0) {
			return warn(CheckCode.LIMIT_TO_REVENUE, ReasonCode.REVENUE_UNKNOWN,
					"No annual revenue is known, so the limit cannot be set against it.", figures);
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
					"The limit would be " + percent(ratio) + " of annual revenue, above the policy's "
							+ percent(this.policy.maxLimitToRevenue()) + ".",
					figures);
		}
		if (requested.compareTo(revenue.multiply(this.policy.warnLimitToRevenue())) > 0) {
			return warn(CheckCode.LIMIT_TO_REVENUE, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO, "The limit would be "
					+ percent(ratio) + " of annual revenue, above " + percent(this.policy.warnLimitToRevenue()) + ".",
					figures);
		}
		return pass(CheckCode.LIMIT_TO_REVENUE, "The limit would be " + percent(ratio) + " of annual revenue.",
				figures);
	}

	private CheckResult internalHistory(AnalysisSnapshot s) {
		PaymentRecord history = s.history();
		if (history == null || history.settledInvoices() == 0 || history.averageDaysBeyondTerms() == null
				|| history.onTimeRate() == null) {
			return warn(CheckCode.INTERNAL_HISTORY, ReasonCode.NO_PAYMENT_HISTORY, "No settled invoice yet.",
					List.of(new Figure("settledInvoices",
							(history != null) ? Integer.toString(history.settledInvoices()) : "0")));
		}
		List<Figure> figures = new ArrayList<>(
				List.of(new Figure("settledInvoices", Integer.toString(history.settledInvoices())),
						new Figure("onTimeRate", history.onTimeRate().toPlainString()),
						new Figure("averageDaysBeyondTerms", history.averageDaysBeyondTerms().toPlainString())));
		if (history.worstDaysBeyondTerms() != null) {
			figures.add(new Figure("worstDaysBeyondTerms", history.worstDaysBeyondTerms().toString()));
		}
		String paid = history.settledInvoices() + " invoices settled, " + percent(history.onTimeRate()) + " on time, "
				+ history.averageDaysBeyondTerms().toPlainString() + " days beyond terms on average";
		if (history.averageDaysBeyondTerms().compareTo(this.policy.maxAverageDaysBeyondTerms()) > 0
				|| history.onTimeRate().compareTo(this.policy.minOnTimeRate()) < 0) {
			return fail(s, CheckCode.INTERNAL_HISTORY, ReasonCode.POOR_PAYMENT_HISTORY,
					paid + ": below the policy's " + percent(this.policy.minOnTimeRate()) + " on time or above "
							+ this.policy.maxAverageDaysBeyondTerms().toPlainString() + " days late.",
					figures);
		}
		if (history.averageDaysBeyondTerms().compareTo(this.policy.warnAverageDaysBeyondTerms()) > 0
				|| history.onTimeRate().compareTo(this.policy.warnOnTimeRate()) < 0) {
			return warn(CheckCode.INTERNAL_HISTORY, ReasonCode.POOR_PAYMENT_HISTORY, paid + ".", figures);
		}
		return pass(CheckCode.INTERNAL_HISTORY, paid + ".", figures);
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
							"No bureau report or manual verification: a first limit cannot be approved without one.",
							figures);
				}
				return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.NOT_VERIFIED,
						"No bureau report or manual verification.", figures);
			}
			case MANUAL -> {
				boolean firstLimit = s.type() == RequestType.NEW_CUSTOMER
						|| s.status() == CustomerStatus.PENDING_VERIFICATION;
				if (firstLimit && this.policy.verificationRequired() && this.policy.bureauReportRequired()) {
					return fail(s, CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_REPORT_REQUIRED,
							"Verified manually, but the policy requires a bureau report before a first limit.",
							figures);
				}
				return pass(CheckCode.BUREAU_VERIFICATION, "Verified manually by an analyst.", figures);
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
							"The bureau reports the company as " + status + ".", figures);
				}
				if (status != BureauCompanyStatus.ACTIVE) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_STATUS_UNKNOWN,
							"The bureau's status of the company is not one this service knows.", figures);
				}
				if (verification.recommendedLimit() != null
						&& s.requestedLimit().isGreaterThan(verification.recommendedLimit())) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.ABOVE_BUREAU_RECOMMENDATION,
							"The requested " + s.requestedLimit() + " is above the bureau's recommended "
									+ verification.recommendedLimit() + ".",
							figures);
				}
				if (verification.rating() == null) {
					return warn(CheckCode.BUREAU_VERIFICATION, ReasonCode.BUREAU_NOT_RATED,
							"The bureau does not rate the company.", figures);
				}
				return pass(CheckCode.BUREAU_VERIFICATION,
						"The bureau reports the company active, rated " + verification.rating() + ".", figures);
			}
		}
		throw new IllegalStateException("Unknown verification source " + verification.source());
	}

	private CheckResult scoreAndGrade(AnalysisSnapshot s) {
		if (s.grade() == null) {
			return warn(CheckCode.SCORE_AND_GRADE, ReasonCode.NO_SCORE, "No score yet.", List.of());
		}
		List<Figure> figures = new ArrayList<>();
		figures.add(new Figure("grade", s.grade().name()));
		if (s.probabilityOfDefault() != null) {
			figures.add(new Figure("probabilityOfDefault", s.probabilityOfDefault().toPlainString()));
		}
		if (this.policy.failFromGrade() != null && s.grade().compareTo(this.policy.failFromGrade()) >= 0) {
			return fail(s, CheckCode.SCORE_AND_GRADE, ReasonCode.HIGH_RISK_GRADE,
					"Grade " + s.grade() + ": the policy fails grades from " + this.policy.failFromGrade() + ".",
					figures);
		}
		if (this.policy.warnFromGrade() != null && s.grade().compareTo(this.policy.warnFromGrade()) >= 0) {
			return warn(CheckCode.SCORE_AND_GRADE, ReasonCode.ELEVATED_RISK_GRADE,
					"Grade " + s.grade() + ": the policy watches grades from " + this.policy.warnFromGrade() + ".",
					figures);
		}
		return pass(CheckCode.SCORE_AND_GRADE, "Grade " + s.grade() + ".", figures);
	}

	private static CheckResult pass(CheckCode code, String detail, List<Figure> figures) {
		return new CheckResult(code, CheckOutcome.PASS, false, null, detail, figures);
	}

	private static CheckResult warn(CheckCode code, ReasonCode reason, String detail, List<Figure> figures) {
		return new CheckResult(code, CheckOutcome.WARN, false, reason, detail, figures);
	}

	/** A failure, blocking when the policy says so and the request raises the limit. */
	private CheckResult fail(AnalysisSnapshot s, CheckCode code, ReasonCode reason, String detail,
			List<Figure> figures) {
		boolean blocking = this.policy.blockingChecks().contains(code) && s.raisesLimit();
		return new CheckResult(code, CheckOutcome.FAIL, blocking, reason, detail, figures);
	}

	private static String money(Money money) {
		return money.amount().toPlainString() + " " + money.currency();
	}

	private static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
	}

}
