package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.creditdesk.bureau.BureauCompanyStatus;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.limitrequest.Analysis.Verdict;
import io.creditdesk.limitrequest.AnalysisSnapshot.PaymentRecord;
import io.creditdesk.limitrequest.AnalysisSnapshot.Verification;
import io.creditdesk.limitrequest.CheckResult.Figure;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class PreAnalysisTests {

	private final PreAnalysis analysis = new PreAnalysis(PreAnalysisPolicy.DEFAULT);

	@Test
	void aHealthySmallRequestWithAGoodGradeIsApprovedStraightThrough() {
		Analysis result = this.analysis.analyse(healthy().build());
		assertThat(result.checks()).extracting(CheckResult::code).containsExactly(CheckCode.values());
		assertThat(result.checks()).allSatisfy((check) -> {
			assertThat(check.outcome()).isEqualTo(CheckOutcome.PASS);
			assertThat(check.detail().english()).isNotBlank();
		});
		assertThat(result.verdict()).isEqualTo(Verdict.STRAIGHT_THROUGH);
		assertThat(result.reasons()).isEmpty();
		assertThat(result.explanation().english()).startsWith("Approved straight through");
	}

	@Test
	void checksRecordTheFiguresTheyUsed() {
		Analysis result = this.analysis.analyse(healthy().build());
		assertThat(result.check(CheckCode.LIMIT_TO_REVENUE).figures()).containsExactly(new Figure("ratio", "0.0400"),
				new Figure("requestedLimit", "8000.00 EUR"), new Figure("annualRevenue", "200000.00 EUR"),
				new Figure("warnRatio", "0.10"), new Figure("maxRatio", "0.25"));
		assertThat(result.check(CheckCode.LIMIT_TO_REVENUE).detail().english())
			.isEqualTo("The limit would be 4 % of annual revenue.");
		assertThat(result.check(CheckCode.HARD_CAP).figures())
			.containsExactly(new Figure("requestedLimit", "8000.00 EUR"), new Figure("hardCap", "100000.00 EUR"));
		assertThat(result.check(CheckCode.SCORE_AND_GRADE).figures()).containsExactly(new Figure("grade", "A"),
				new Figure("probabilityOfDefault", "0.02"));
	}

	static Stream<Arguments> checklist() {
		return Stream.of(
				// Status and flags.
				row("suspended", (s) -> s.status(CustomerStatus.SUSPENDED), CheckCode.CUSTOMER_STATUS,
						CheckOutcome.FAIL, true, ReasonCode.CUSTOMER_SUSPENDED, Verdict.REFUSED),
				row("suspended, but asking for less", (s) -> s.status(CustomerStatus.SUSPENDED).requested("4000"),
						CheckCode.CUSTOMER_STATUS, CheckOutcome.FAIL, false, ReasonCode.CUSTOMER_SUSPENDED,
						Verdict.ROUTED),
				row("closed, even asking for less", (s) -> s.status(CustomerStatus.CLOSED).requested("4000"),
						CheckCode.CUSTOMER_STATUS, CheckOutcome.FAIL, true, ReasonCode.CUSTOMER_CLOSED,
						Verdict.REFUSED),
				row("on hold", (s) -> s.status(CustomerStatus.ON_HOLD), CheckCode.CUSTOMER_STATUS, CheckOutcome.WARN,
						false, ReasonCode.CUSTOMER_ON_HOLD, Verdict.ROUTED),
				row("awaiting verification",
						(s) -> s.type(RequestType.NEW_CUSTOMER)
							.status(CustomerStatus.PENDING_VERIFICATION)
							.current(null)
							.verification(Verification.manual()),
						CheckCode.CUSTOMER_STATUS, CheckOutcome.PASS, false, null, Verdict.STRAIGHT_THROUGH),
				row("a fraud flag", (s) -> s.flags(RiskFlagType.FRAUD, RiskFlagType.BUREAU), CheckCode.RISK_FLAGS,
						CheckOutcome.FAIL, true, ReasonCode.FRAUD_FLAG, Verdict.REFUSED),
				row("a bureau flag", (s) -> s.flags(RiskFlagType.BUREAU), CheckCode.RISK_FLAGS, CheckOutcome.FAIL, true,
						ReasonCode.BUREAU_FLAG, Verdict.REFUSED),
				// Hard cap, at and past the bound.
				row("at the hard cap", (s) -> s.hardCap("8000"), CheckCode.HARD_CAP, CheckOutcome.PASS, false, null,
						Verdict.STRAIGHT_THROUGH),
				row("a cent above the hard cap", (s) -> s.hardCap("7999.99"), CheckCode.HARD_CAP, CheckOutcome.FAIL,
						true, ReasonCode.OVER_HARD_CAP, Verdict.REFUSED),
				row("no hard cap", (s) -> s.hardCap(null), CheckCode.HARD_CAP, CheckOutcome.PASS, false, null,
						Verdict.STRAIGHT_THROUGH),
				// Overdue: 30 days allowed by default, no amount limit.
				row("overdue within the policy", (s) -> s.overdue("500", 30), CheckCode.OVERDUE, CheckOutcome.WARN,
						false, ReasonCode.OVERDUE_WITHIN_POLICY, Verdict.ROUTED),
				row("overdue too old", (s) -> s.overdue("500", 31), CheckCode.OVERDUE, CheckOutcome.FAIL, false,
						ReasonCode.OVERDUE_TOO_OLD, Verdict.ROUTED),
				// Limit against revenue: warn above 10 %, fail above 25 %.
				row("no revenue known", (s) -> s.revenue(null), CheckCode.LIMIT_TO_REVENUE, CheckOutcome.WARN, false,
						ReasonCode.REVENUE_UNKNOWN, Verdict.ROUTED),
				row("a revenue of nothing stated", (s) -> s.revenue("0"), CheckCode.LIMIT_TO_REVENUE, CheckOutcome.FAIL,
						false, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO, Verdict.ROUTED),
				row("exactly 10 % of revenue", (s) -> s.revenue("80000"), CheckCode.LIMIT_TO_REVENUE, CheckOutcome.PASS,
						false, null, Verdict.STRAIGHT_THROUGH),
				row("just above 10 % of revenue", (s) -> s.revenue("79990"), CheckCode.LIMIT_TO_REVENUE,
						CheckOutcome.WARN, false, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO, Verdict.ROUTED),
				row("exactly 25 % of revenue", (s) -> s.revenue("32000"), CheckCode.LIMIT_TO_REVENUE, CheckOutcome.WARN,
						false, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO, Verdict.ROUTED),
				row("above 25 % of revenue", (s) -> s.revenue("31990"), CheckCode.LIMIT_TO_REVENUE, CheckOutcome.FAIL,
						false, ReasonCode.LIMIT_ABOVE_REVENUE_RATIO, Verdict.ROUTED),
				// Internal history: warn past 10 days late or under 80 % on time; fail
				// past 30 or under 50 %.
				row("no payment history", (s) -> s.history(null), CheckCode.INTERNAL_HISTORY, CheckOutcome.WARN, false,
						ReasonCode.NO_PAYMENT_HISTORY, Verdict.ROUTED),
				row("10 days late on average", (s) -> s.history(new PaymentRecord(24, dec("0.95"), dec("10"), 20)),
						CheckCode.INTERNAL_HISTORY, CheckOutcome.PASS, false, null, Verdict.STRAIGHT_THROUGH),
				row("10.5 days late on average", (s) -> s.history(new PaymentRecord(24, dec("0.95"), dec("10.5"), 20)),
						CheckCode.INTERNAL_HISTORY, CheckOutcome.WARN, false, ReasonCode.POOR_PAYMENT_HISTORY,
						Verdict.ROUTED),
				row("30.5 days late on average", (s) -> s.history(new PaymentRecord(24, dec("0.95"), dec("30.5"), 90)),
						CheckCode.INTERNAL_HISTORY, CheckOutcome.FAIL, false, ReasonCode.POOR_PAYMENT_HISTORY,
						Verdict.ROUTED),
				row("79 % on time", (s) -> s.history(new PaymentRecord(24, dec("0.79"), dec("2"), 9)),
						CheckCode.INTERNAL_HISTORY, CheckOutcome.WARN, false, ReasonCode.POOR_PAYMENT_HISTORY,
						Verdict.ROUTED),
				row("49 % on time", (s) -> s.history(new PaymentRecord(24, dec("0.49"), dec("2"), 9)),
						CheckCode.INTERNAL_HISTORY, CheckOutcome.FAIL, false, ReasonCode.POOR_PAYMENT_HISTORY,
						Verdict.ROUTED),
				// Verification.
				row("an increase without verification", (s) -> s.verification(Verification.NONE),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.WARN, false, ReasonCode.NOT_VERIFIED,
						Verdict.ROUTED),
				row("a first limit without verification",
						(s) -> s.type(RequestType.NEW_CUSTOMER).current(null).verification(Verification.NONE),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.FAIL, false, ReasonCode.NOT_VERIFIED,
						Verdict.ROUTED),
				row("verified manually", (s) -> s.verification(Verification.manual()), CheckCode.BUREAU_VERIFICATION,
						CheckOutcome.PASS, false, null, Verdict.STRAIGHT_THROUGH),
				row("an insolvent company",
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.INSOLVENT, "D", null)),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.FAIL, false, ReasonCode.BUREAU_COMPANY_NOT_ACTIVE,
						Verdict.ROUTED),
				row("a status the service does not know",
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.UNKNOWN, "A", null)),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.WARN, false, ReasonCode.BUREAU_STATUS_UNKNOWN,
						Verdict.ROUTED),
				row("not rated by the bureau",
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.ACTIVE, null, null)),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.WARN, false, ReasonCode.BUREAU_NOT_RATED,
						Verdict.ROUTED),
				row("above the bureau's recommendation",
						(s) -> s.verification(
								Verification.bureau(BureauCompanyStatus.ACTIVE, "A", Money.of("7999.99", "EUR"))),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.WARN, false, ReasonCode.ABOVE_BUREAU_RECOMMENDATION,
						Verdict.ROUTED),
				row("rated without a recommendation",
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.ACTIVE, "A", null)),
						CheckCode.BUREAU_VERIFICATION, CheckOutcome.PASS, false, null, Verdict.STRAIGHT_THROUGH),
				// Score and grade: D warns, E fails; only A and B go straight through.
				row("no score yet", (s) -> s.grade(null, null), CheckCode.SCORE_AND_GRADE, CheckOutcome.WARN, false,
						ReasonCode.NO_SCORE, Verdict.ROUTED),
				row("grade B", (s) -> s.grade(RiskGrade.B, "0.07"), CheckCode.SCORE_AND_GRADE, CheckOutcome.PASS, false,
						null, Verdict.STRAIGHT_THROUGH),
				row("grade C", (s) -> s.grade(RiskGrade.C, "0.15"), CheckCode.SCORE_AND_GRADE, CheckOutcome.PASS, false,
						null, Verdict.ROUTED),
				row("grade D", (s) -> s.grade(RiskGrade.D, "0.3"), CheckCode.SCORE_AND_GRADE, CheckOutcome.WARN, false,
						ReasonCode.ELEVATED_RISK_GRADE, Verdict.ROUTED),
				row("grade E", (s) -> s.grade(RiskGrade.E, "0.5"), CheckCode.SCORE_AND_GRADE, CheckOutcome.FAIL, false,
						ReasonCode.HIGH_RISK_GRADE, Verdict.ROUTED),
				// The straight-through amount, at and past the bound (10,000 EUR).
				row("at the straight-through amount", (s) -> s.requested("10000"), CheckCode.HARD_CAP,
						CheckOutcome.PASS, false, null, Verdict.STRAIGHT_THROUGH),
				row("a cent above it", (s) -> s.requested("10000.01"), CheckCode.HARD_CAP, CheckOutcome.PASS, false,
						null, Verdict.ROUTED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("checklist")
	void eachCheckPassesWarnsOrFailsWithItsReason(String situation, UnaryOperator<Snapshot> change, CheckCode code,
			CheckOutcome outcome, boolean blocking, ReasonCode reason, Verdict verdict) {
		Analysis result = this.analysis.analyse(change.apply(healthy()).build());
		CheckResult check = result.check(code);
		assertThat(check.outcome()).as(situation).isEqualTo(outcome);
		assertThat(check.blocking()).as(situation + ": blocking").isEqualTo(blocking);
		assertThat(check.reason()).as(situation + ": reason").isEqualTo(reason);
		assertThat(result.verdict()).as(situation + ": verdict").isEqualTo(verdict);
		assertThat(result.reasons()).as(situation + ": refusal reasons")
			.isEqualTo((verdict == Verdict.REFUSED) ? List.of(reason) : List.of());
	}

	@Test
	void aRefusalListsEveryBlockingReason() {
		Analysis result = this.analysis
			.analyse(healthy().status(CustomerStatus.SUSPENDED).flags(RiskFlagType.FRAUD).hardCap("5000").build());
		assertThat(result.verdict()).isEqualTo(Verdict.REFUSED);
		assertThat(result.reasons()).containsExactly(ReasonCode.CUSTOMER_SUSPENDED, ReasonCode.FRAUD_FLAG,
				ReasonCode.OVER_HARD_CAP);
		assertThat(result.explanation().english())
			.isEqualTo("Refused by pre-analysis: CUSTOMER_SUSPENDED, FRAUD_FLAG, OVER_HARD_CAP.");
	}

	@Test
	void thePolicyChoosesWhichChecksBlock() {
		PreAnalysis strict = new PreAnalysis(PreAnalysisPolicy.DEFAULT.withMaxOverdue(Money.of("1000", "EUR"))
			.withBlockingChecks(CheckCode.OVERDUE, CheckCode.BUREAU_VERIFICATION));
		Analysis overdue = strict.analyse(healthy().overdue("1000.01", 3).build());
		assertThat(overdue.check(CheckCode.OVERDUE).reason()).isEqualTo(ReasonCode.OVERDUE_ABOVE_POLICY);
		assertThat(overdue.verdict()).isEqualTo(Verdict.REFUSED);
		assertThat(strict.analyse(healthy().overdue("1000", 3).build()).verdict()).isEqualTo(Verdict.ROUTED);
		// The hard cap no longer blocks under this policy: the approvers see the failure
		// instead.
		Analysis overCap = strict.analyse(healthy().hardCap("5000").build());
		assertThat(overCap.check(CheckCode.HARD_CAP).outcome()).isEqualTo(CheckOutcome.FAIL);
		assertThat(overCap.verdict()).isEqualTo(Verdict.ROUTED);
	}

	@Test
	void withoutRequiredVerificationAnUnverifiedFirstLimitOnlyWarns() {
		PreAnalysis lenient = new PreAnalysis(PreAnalysisPolicy.DEFAULT.withVerificationRequired(false));
		Analysis result = lenient
			.analyse(healthy().type(RequestType.NEW_CUSTOMER).current(null).verification(Verification.NONE).build());
		assertThat(result.check(CheckCode.BUREAU_VERIFICATION).outcome()).isEqualTo(CheckOutcome.WARN);
	}

	@Test
	void aPolicyWithoutAStraightThroughAmountRoutesEverything() {
		PreAnalysisPolicy d = PreAnalysisPolicy.DEFAULT;
		PreAnalysis routeAll = new PreAnalysis(new PreAnalysisPolicy(null, d.straightThroughGrades(), d.maxOverdue(),
				d.maxOverdueDays(), d.warnLimitToRevenue(), d.maxLimitToRevenue(), d.warnAverageDaysBeyondTerms(),
				d.maxAverageDaysBeyondTerms(), d.warnOnTimeRate(), d.minOnTimeRate(), d.verificationRequired(),
				d.warnFromGrade(), d.failFromGrade(), d.blockingChecks(), d.bureauReportMaxAgeMonths(),
				d.bureauReportRequired()));
		Analysis result = routeAll.analyse(healthy().build());
		assertThat(result.verdict()).isEqualTo(Verdict.ROUTED);
		assertThat(result.explanation().english())
			.isEqualTo("Routed to approvers: the policy approves nothing straight through.");
	}

	private static Arguments row(String situation, UnaryOperator<Snapshot> change, CheckCode code, CheckOutcome outcome,
			boolean blocking, ReasonCode reason, Verdict verdict) {
		return Arguments.of(situation, change, code, outcome, blocking, reason, verdict);
	}

	private static BigDecimal dec(String value) {
		return new BigDecimal(value);
	}

	/**
	 * An active customer with a 5,000 EUR limit asking for 8,000: no flags, a 100,000
	 * hard cap, nothing overdue, 200,000 revenue, a clean history, an active bureau
	 * report rated A recommending 20,000, grade A.
	 */
	private static Snapshot healthy() {
		return new Snapshot();
	}

	/** A snapshot to change one thing at a time. */
	static final class Snapshot {

		private RequestType type = RequestType.INCREASE;

		private Money requested = Money.of("8000", "EUR");

		private Money current = Money.of("5000", "EUR");

		private CustomerStatus status = CustomerStatus.ACTIVE;

		private Set<RiskFlagType> flags = Set.of();

		private Money hardCap = Money.of("100000", "EUR");

		private Money hardCapAsSet;

		private BigDecimal hardCapRate;

		private Money overdue = Money.zero("EUR");

		private int oldestOverdueDays;

		private Money revenue = Money.of("200000", "EUR");

		private PaymentRecord history = new PaymentRecord(24, dec("0.95"), dec("2"), 9);

		private Verification verification = Verification.bureau(BureauCompanyStatus.ACTIVE, "A",
				Money.of("20000", "EUR"));

		private RiskGrade grade = RiskGrade.A;

		private BigDecimal probabilityOfDefault = dec("0.02");

		Snapshot type(RequestType type) {
			this.type = type;
			return this;
		}

		Snapshot requested(String amount) {
			this.requested = Money.of(amount, "EUR");
			return this;
		}

		Snapshot current(String amount) {
			this.current = (amount != null) ? Money.of(amount, "EUR") : null;
			return this;
		}

		Snapshot status(CustomerStatus status) {
			this.status = status;
			return this;
		}

		Snapshot flags(RiskFlagType first, RiskFlagType... more) {
			this.flags = EnumSet.of(first, more);
			return this;
		}

		Snapshot hardCap(String amount) {
			this.hardCap = (amount != null) ? Money.of(amount, "EUR") : null;
			return this;
		}

		/** A hard cap set in another currency: {@code converted} EUR at {@code rate}. */
		Snapshot hardCapIn(String amount, String currency, String converted, String rate) {
			this.hardCapAsSet = Money.of(amount, currency);
			this.hardCap = Money.of(converted, "EUR");
			this.hardCapRate = dec(rate);
			return this;
		}

		Snapshot overdue(String amount, int days) {
			this.overdue = Money.of(amount, "EUR");
			this.oldestOverdueDays = days;
			return this;
		}

		Snapshot revenue(String amount) {
			this.revenue = (amount != null) ? Money.of(amount, "EUR") : null;
			return this;
		}

		Snapshot history(PaymentRecord history) {
			this.history = history;
			return this;
		}

		Snapshot verification(Verification verification) {
			this.verification = verification;
			return this;
		}

		Snapshot grade(RiskGrade grade, String probabilityOfDefault) {
			this.grade = grade;
			this.probabilityOfDefault = (probabilityOfDefault != null) ? dec(probabilityOfDefault) : null;
			return this;
		}

		AnalysisSnapshot build() {
			// The policy currency is EUR here, as is the credit currency.
			return new AnalysisSnapshot(this.type, this.requested, this.requested, this.current, this.status,
					this.flags, this.hardCap, this.overdue, this.oldestOverdueDays, this.revenue, this.history,
					this.verification, this.grade, this.probabilityOfDefault,
					(this.hardCapAsSet != null) ? this.hardCapAsSet : this.hardCap, this.hardCapRate);
		}

	}

}
